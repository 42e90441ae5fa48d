#!/usr/bin/env bash
# Both Linux packages of one `scripts/package` run carry the same payload: the desktop entry, the
# icons at every size bundle.icon lists, the app, the `lookout` command and the licence texts —
# the .deb read with dpkg-deb, the .rpm with rpm -qlp. The .rpm's dependencies (rpm -qp --requires)
# name the shared libraries the app is linked against, by soname, so Fedora and openSUSE resolve
# them alike. Then the .rpm is installed as far as Debian allows: into a scratch root (rpm --root,
# without its dependencies, which Debian's rpm database does not know), where its desktop entry is
# validated and its `lookout` command run, then erased again.
#   tests/package/package_contents.sh [debug|release]   (default: debug, as `scripts/package --debug`)
set -euo pipefail
cd "$(dirname "$0")/../.."
profile="${1:-debug}"
deb=$(ls "target/$profile/bundle/deb/"Lookout_*.deb | head -n 1)
rpm_file=$(ls "target/$profile/bundle/rpm/"Lookout-*.rpm | head -n 1)
fail() { echo "package contents: $*" >&2; exit 1; }

# What a user needs from either package. The icons: tauri.conf.json's 32x32.png, 128x128.png and
# 128x128@2x.png (256 pixels for a scale of 2, hicolor's 256x256@2).
expected_common=(
  /usr/bin/lookout-app
  /usr/bin/lookout
  /usr/share/applications/Lookout.desktop
  /usr/share/icons/hicolor/32x32/apps/lookout-app.png
  /usr/share/icons/hicolor/128x128/apps/lookout-app.png
  /usr/share/icons/hicolor/256x256@2/apps/lookout-app.png
)
# The licence texts where each family looks for them.
expected_deb=("${expected_common[@]}" /usr/share/doc/lookout/LICENSE-MIT
  /usr/share/doc/lookout/LICENSE-APACHE)
expected_rpm=("${expected_common[@]}" /usr/share/licenses/lookout/LICENSE-MIT
  /usr/share/licenses/lookout/LICENSE-APACHE)

# Every PNG bundle.icon lists is one size in the packages: a new size there must appear here.
png_count=$(python3 -c 'import json,sys; print(sum(i.endswith(".png") for i in json.load(open(sys.argv[1]))["bundle"]["icon"]))' src-tauri/tauri.conf.json)
[ "$png_count" = 3 ] || fail "tauri.conf.json lists $png_count PNG icons; this test knows 3"

deb_files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#; s#^\([^/]\)#/\1#')
rpm_files=$(rpm -qlp "$rpm_file")
for f in "${expected_deb[@]}"; do
  grep -qxF "$f" <<<"$deb_files" || fail "$deb lacks $f"
done
for f in "${expected_rpm[@]}"; do
  grep -qxF "$f" <<<"$rpm_files" || fail "$rpm_file lacks $f"
done
# The same icons in both (none more in one than in the other).
icons() { grep '^/usr/share/icons/.*\.png$' | sort; }
[ "$(icons <<<"$deb_files")" = "$(icons <<<"$rpm_files")" ] || fail "the .deb and .rpm carry different icons"
[ "$(icons <<<"$rpm_files" | wc -l)" = "$png_count" ] || fail "not one icon per size in $rpm_file"
# The programs are executable.
# (Each listing read into a variable first: `producer | grep -q` fails under pipefail when grep
# stops reading early.)
rpm_long=$(rpm -qlvp "$rpm_file")
for prog in /usr/bin/lookout /usr/bin/lookout-app; do
  grep -q "^-rwxr-xr-x .* $prog$" <<<"$rpm_long" || fail "$prog not executable in $rpm_file"
done
[ "$(rpm -qp --qf '%{LICENSE}' "$rpm_file")" = "MIT OR Apache-2.0" ] || fail "the .rpm's License tag"

# Dependencies: the sonames the app is linked against are required, and each required soname is
# a real library (this machine has them: the .deb's Depends install the same ones).
requires=$(rpm -qp --requires "$rpm_file")
linked=$(readelf -d "target/$profile/lookout-app")
libraries=$(ldconfig -p)
for lib in libwebkit2gtk-4.1.so.0 libgtk-3.so.0; do
  grep -qF "[$lib]" <<<"$linked" || fail "the app no longer links $lib: update rpm.depends"
  grep -qxF "$lib()(64bit)" <<<"$requires" || fail "$rpm_file does not require $lib"
done
# The tray's library is loaded at run time (not linked), so only the package can ask for it.
grep -qxF "libayatana-appindicator3.so.1()(64bit)" <<<"$requires" || fail "$rpm_file does not require the tray's library"
for soname in $(grep -o '^lib[^(]*' <<<"$requires" | sort -u); do
  grep -qF "$soname " <<<"$libraries" || fail "$rpm_file requires $soname, which no library provides here"
done

# Installed into a scratch root: the files land, the desktop entry is valid and starts the app,
# the command runs; erased, they are gone.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
rpm --root "$root" --initdb
rpm --root "$root" -i --nodeps --noscripts "$rpm_file"
rpm --root "$root" -q lookout >/dev/null || fail "rpm does not know lookout as installed"
desktop-file-validate "$root/usr/share/applications/Lookout.desktop"
grep -q '^Exec=lookout-app' "$root/usr/share/applications/Lookout.desktop" \
  || fail "the .rpm's desktop entry does not start lookout-app"
version=$("$root/usr/bin/lookout" --version) || fail "the .rpm's lookout does not run"
[ "$version" = "$("target/$profile/lookout" --version)" ] || fail "the .rpm's lookout is another build: $version"
rpm --root "$root" -e --nodeps --noscripts lookout
[ ! -e "$root/usr/bin/lookout" ] && [ ! -e "$root/usr/share/applications/Lookout.desktop" ] \
  || fail "rpm -e left the package's files behind"
echo "package contents: PASS ($(wc -l <<<"$deb_files") .deb entries, $(wc -l <<<"$rpm_files") .rpm files; the .rpm installed, run and erased; requires: $(grep "^lib" <<<"$requires" | sort -u | wc -l) sonames)"
