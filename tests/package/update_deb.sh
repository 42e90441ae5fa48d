#!/usr/bin/env bash
# Lookout updating itself from its own .deb, end to end (issue 29): the .deb scripts/package built
# (version N) is installed; the same app is built again as version N+1 (tauri.conf.json's version
# overridden) and its .deb signed with a key made for this run; tests/e2e/update_e2e.py serves both
# on 127.0.0.1 and has the installed app find, refuse (bad signature, lower version, 404) and
# install N+1, restart as N+1, the user's database kept; the package is removed at the end.
# Needs root (or sudo without a password): the updater installs with pkexec, else sudo, which is
# installed here if missing. Run after `scripts/package --debug` and `cargo build --workspace`.
#   tests/package/update_deb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$(ls target/debug/bundle/deb/Lookout_*.deb | head -n 1)
version=$(dpkg-deb -f "$old" Version)
IFS=. read -r major minor patch <<<"$version"
new_version="$major.$minor.$((patch + 1))"
work=$(mktemp -d)
# (The N+1 build leaves its target/debug/lookout-app, version N+1, behind: the next cargo build
# makes it again from tauri.conf.json's version.)
trap 'rm -rf "$work"' EXIT
cp "$old" "$work/old.deb"
npx tauri build --debug --bundles deb --config "{\"version\": \"$new_version\"}"
mv target/debug/bundle/deb/Lookout_"$new_version"_*.deb "$work/new.deb"
npx tauri signer generate --ci -p "" -w "$work/test.key" >/dev/null
if ! command -v sudo >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sudo
fi
python3 tests/e2e/update_e2e.py --old-deb "$work/old.deb" --new-deb "$work/new.deb" \
  --new-version "$new_version" --key "$work/test.key"
