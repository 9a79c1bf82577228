#!/usr/bin/env bash
# check-install.sh BUILDDIR: `meson install --destdir` into a temporary
# folder, then checks that each file is where the freedesktop.org
# specifications (desktop entry, AppStream, icon theme, GSettings, gettext)
# say it must be, and that the installed files work: the desktop entry and
# the metainfo validate and carry the German translation, the schema
# compiles, the .mo translates, the binaries run.
set -euo pipefail
builddir=$(cd "${1:?usage: check-install.sh BUILDDIR}" && pwd)
app_id=io.github.dynamodesk.DynamoDesk
dest=$(mktemp -d "${TMPDIR:-/tmp}/dd-install-XXXXXX")
trap 'rm -rf "$dest"' EXIT

option () {
  meson introspect --buildoptions "$builddir" \
    | python3 -c "import json,sys; print(next(o['value'] for o in json.load(sys.stdin) if o['name']=='$1'))"
}
prefix=$(option prefix)
under () { case $1 in /*) echo "$dest$1" ;; *) echo "$dest$prefix/$1" ;; esac; }
bindir=$(under "$(option bindir)")
datadir=$(under "$(option datadir)")
localedir=$(under "$(option localedir)")

failures=0
ok () { echo "ok: $*"; }
fail () { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_file () {
  if [[ -f $1 ]]; then ok "${1#"$dest"}"; else fail "missing ${1#"$dest"}"; fi
}

# DESTDIR set: gnome.post_install leaves the system caches alone.
meson install -C "$builddir" --destdir "$dest" --no-rebuild --quiet >/dev/null

# Binaries
for bin in dynamo-desk dynamo-desk-cli; do
  if [[ -x $bindir/$bin ]]; then ok "${bindir#"$dest"}/$bin executable"; else fail "no executable ${bindir#"$dest"}/$bin"; fi
done
if "$bindir/dynamo-desk-cli" --help >/dev/null 2>&1; then ok "installed dynamo-desk-cli runs"; else fail "installed dynamo-desk-cli --help failed"; fi

# Desktop entry (desktop-entry spec: $XDG_DATA_DIRS/applications/ID.desktop)
desktop=$datadir/applications/$app_id.desktop
expect_file "$desktop"
if [[ -f $desktop ]]; then
  desktop-file-validate "$desktop" && ok "desktop entry validates" || fail "desktop-file-validate"
  grep -qx "Exec=dynamo-desk" "$desktop" && [[ -x $bindir/dynamo-desk ]] \
    && ok "Exec names the installed binary" || fail "Exec= does not name an installed binary"
  grep -q '^Name\[de\]=' "$desktop" && grep -q '^Comment\[de\]=' "$desktop" \
    && ok "desktop entry has German Name and Comment" || fail "desktop entry lacks the German translation"
  icon=$(sed -n 's/^Icon=//p' "$desktop")
  [[ $icon == "$app_id" ]] && ok "Icon= is the application id" || fail "Icon=$icon is not $app_id"
fi

# AppStream (share/metainfo/ID.metainfo.xml)
metainfo=$datadir/metainfo/$app_id.metainfo.xml
expect_file "$metainfo"
if [[ -f $metainfo ]]; then
  appstreamcli validate --no-net "$metainfo" >/dev/null 2>&1 \
    && ok "metainfo validates" || fail "appstreamcli validate --no-net"
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
    && ok "metainfo launches the installed desktop entry" || fail "metainfo launchable does not match"
  grep -q 'xml:lang="de"' "$metainfo" && ok "metainfo has German text" || fail "metainfo lacks German text"
  # the screenshots it names are those kept in data/screenshots
  for shot in $(sed -n 's|.*/data/screenshots/\([^<]*\)</image>.*|\1|p' "$metainfo"); do
    expect_file "$(dirname "$0")/../data/screenshots/$shot"
  done
fi

# GSettings schema (share/glib-2.0/schemas), compiles on its own
schema=$datadir/glib-2.0/schemas/$app_id.gschema.xml
expect_file "$schema"
if [[ -f $schema ]]; then
  glib-compile-schemas --strict --targetdir="$dest" "$(dirname "$schema")" \
    && ok "installed schema compiles" || fail "installed schema does not compile"
  if [[ -f $dest/gschemas.compiled ]]; then
    GSETTINGS_SCHEMA_DIR=$dest GSETTINGS_BACKEND=memory gsettings get "$app_id" color-scheme >/dev/null \
      && ok "gsettings reads the installed schema" || fail "gsettings cannot read $app_id"
  fi
fi

# Icons (icon theme spec: hicolor, scalable and symbolic)
expect_file "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
expect_file "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"

# Translations (share/locale/LANG/LC_MESSAGES/DOMAIN.mo), for each LINGUAS
for lang in $(sed 's/#.*//' "$(dirname "$0")/../po/LINGUAS"); do
  mo=$localedir/$lang/LC_MESSAGES/dynamo-desk.mo
  expect_file "$mo"
done
if [[ -f $localedir/de/LC_MESSAGES/dynamo-desk.mo ]]; then
  got=$(LC_ALL=C.UTF-8 LANGUAGE=de TEXTDOMAINDIR=$localedir gettext -d dynamo-desk "Preferences")
  [[ $got == "Einstellungen" ]] && ok "installed German catalog translates" || fail "German catalog gave '$got'"
fi

echo "$failures failures"
[[ $failures -eq 0 ]]
