#!/usr/bin/env bash
# The container image's recipe (Dockerfile), as far as a machine without a container engine can
# check it: hadolint passes it; its last stage runs as an unprivileged numeric user; and its
# ENTRYPOINT — `lookout serve` on every address, the token from /run/secrets/lookout-token, the
# database from LOOKOUT_DB in the volume — is run here exactly as written (this build's `lookout`
# for /usr/local/bin/lookout, a scratch folder for the volume and the secret) as that user with
# setpriv: it answers its API with the token, 401 without, and stops on SIGTERM.
#   tests/package/container_check.sh [path/to/lookout]   (default: target/debug/lookout)
set -euo pipefail
cd "$(dirname "$0")/../.."
lookout="$(realpath "${1:-target/debug/lookout}")"
fail() { echo "container check: $*" >&2; exit 1; }

hadolint Dockerfile
read -r user entrypoint db < <(python3 - <<'PY'
import json, re
text = open("Dockerfile").read()
last = text.split("\nFROM ")[-1]
user = re.findall(r"^USER (\S+)", last, re.M)[-1]
entry = json.loads(re.findall(r"^ENTRYPOINT (\[.*\])", last, re.M)[-1])
db = re.findall(r"^ENV LOOKOUT_DB=(\S+)", last, re.M)[-1]
print(user, json.dumps(entry).replace(" ", ""), db)
PY
)
uid="${user%%:*}"
if ! [[ "$uid" =~ ^[0-9]+$ ]] || [ "$uid" -eq 0 ]; then
  fail "USER $user is not an unprivileged numeric user"
fi

scratch="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT
mkdir -p "$scratch/volume" "$scratch/secrets" "$scratch/bin"
# Where the image puts it (and where any user may run it, wherever this checkout lives).
install -m 0755 "$lookout" "$scratch/bin/lookout"
echo "c0ntainer-t0ken" > "$scratch/secrets/lookout-token"
chown -R "$uid:$uid" "$scratch"
chmod 0755 "$scratch"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The ENTRYPOINT as written, with this machine's paths for the binary, the secret and the port.
mapfile -t argv < <(python3 -c 'import json, sys
for a in json.loads(sys.argv[1]): print(a)' "$entrypoint")
argv=("${argv[@]/\/usr\/local\/bin\/lookout/$scratch/bin/lookout}")
argv=("${argv[@]/\/run\/secrets\/lookout-token/$scratch/secrets/lookout-token}")
argv=("${argv[@]/0.0.0.0:8787/0.0.0.0:$port}")
LOOKOUT_DB="$scratch/volume/$(basename "$db")" setpriv --reuid "$uid" --regid "$uid" --clear-groups \
  "${argv[@]}" > "$scratch/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$pid" 2>/dev/null || fail "the entrypoint ended: $(cat "$scratch/serve.log")"
  sleep 0.2
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/providers")" = 401 ] \
  || fail "the API answered without the token"
[ "$(curl -s -H 'Authorization: Bearer c0ntainer-t0ken' "http://127.0.0.1:$port/api/v1/providers")" = "[]" ] \
  || fail "the API did not answer with the token"
[ "$(stat -c %u "$scratch/volume/$(basename "$db")")" = "$uid" ] || fail "the database is not the user's"
kill -TERM "$pid"
wait "$pid" || fail "SIGTERM did not stop it cleanly: $(cat "$scratch/serve.log")"
echo "container check: hadolint passes; USER $user; the ENTRYPOINT serves with its token as uid $uid and stops on SIGTERM"
