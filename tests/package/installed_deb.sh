#!/usr/bin/env bash
# The Debian package as a user gets it: installs target/<profile>/bundle/deb/Lookout_*.deb with
# apt-get, checks its desktop entry (desktop-file-validate) and that it installed both
# /usr/bin/lookout-app and the `lookout` command, runs the end-to-end test against the installed
# app and command, then uninstalls it: the programs are gone, the user's database is kept.
#   tests/package/installed_deb.sh [debug|release]     (default: debug, as `scripts/package --debug`)
set -euo pipefail
cd "$(dirname "$0")/../.."
profile="${1:-debug}"
deb=$(ls "target/$profile/bundle/deb/"Lookout_*.deb | head -n 1)
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
fail() { echo "installed package: $*" >&2; exit 1; }

if ! command -v desktop-file-validate >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends desktop-file-utils
fi
echo "installing $deb"
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "./$deb"
desktop-file-validate /usr/share/applications/Lookout.desktop
grep -q '^Exec=lookout-app' /usr/share/applications/Lookout.desktop \
  || fail "the desktop entry does not start lookout-app"
[ -x /usr/bin/lookout-app ] || fail "/usr/bin/lookout-app missing"
version=$(/usr/bin/lookout --version) || fail "/usr/bin/lookout does not run"
echo "installed: $version"

# A user's database, made by the installed command in a home of its own.
home=$(mktemp -d)
HOME="$home" XDG_DATA_HOME="$home/.local/share" /usr/bin/lookout list >/dev/null
db="$home/.local/share/dev.lookout.app/lookout.db"
[ -f "$db" ] || fail "the installed command made no database at $db"

python3 tests/e2e/app_e2e.py --app /usr/bin/lookout-app --cli /usr/bin/lookout

DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get remove -y -qq lookout
[ ! -e /usr/bin/lookout-app ] || fail "/usr/bin/lookout-app left behind by apt-get remove"
[ ! -e /usr/bin/lookout ] || fail "/usr/bin/lookout left behind by apt-get remove"
[ ! -e /usr/share/applications/Lookout.desktop ] || fail "the desktop entry left behind"
[ -f "$db" ] || fail "uninstalling removed the user's database"
rm -rf "$home"
echo "installed package: PASS (installed, validated, end-to-end, removed; the database kept)"
