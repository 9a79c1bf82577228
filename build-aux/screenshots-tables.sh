#!/usr/bin/env bash
# Screenshots of the item and table windows: the item editor (form and
# JSON), the diff before a save, a conflict, the journal, the create-table
# form and its request, a table overview, the copy dialog (to a table of
# another data source) and the journal with a bulk action's group. They are
# taken by the UI tests tests/ui/test-items and tests/ui/test-bulk at those
# moments (DD_SCREENSHOT_DIR), on a virtual display against the local
# DynamoDB. Usage:
#   build-aux/screenshots-tables.sh [OUTDIR]   (default: BUILDDIR/screenshots)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
builddir=${DD_BUILDDIR:-build}
[[ -d $builddir ]] || meson setup "$builddir" >/dev/null
ninja -C "$builddir" tests/ui/test-items tests/ui/test-bulk >/dev/null
out=$(realpath -m "${1:-$builddir/screenshots}")
mkdir -p "$out"
export DD_SCREENSHOT_DIR="$out"
export GSETTINGS_SCHEMA_DIR="$top/$builddir/data" GSETTINGS_BACKEND=memory
export DD_LOCAL_DYNAMODB_DIR="$top/tests/local-dynamodb" DD_TEST_DATA="$top/tests/data"
export ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1 GTK_A11Y=none
for t in test-items test-bulk; do
  dbus-run-session -- tests/with-keyring.sh xvfb-run -a -s '-screen 0 1280x800x24' \
    "$builddir/tests/ui/$t" >/dev/null
done
ls "$out"/item-*.png "$out"/create-table*.png "$out"/table-overview.png "$out"/journal.png \
   "$out"/copy-dialog.png "$out"/journal-group.png
