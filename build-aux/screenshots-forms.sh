#!/usr/bin/env bash
# Screenshots of the Query and Scan forms (filled in, and the line saying
# a hand-edited request cannot be shown) and of a source's colour tag (in
# the connection dialog, and the badge and strip it gives the window).
# They are taken by the UI test tests/ui/test-forms at those moments
# (DD_SCREENSHOT_DIR), on a virtual display against the local DynamoDB.
# Usage:
#   build-aux/screenshots-forms.sh [OUTDIR]   (default: BUILDDIR/screenshots)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
builddir=${DD_BUILDDIR:-build}
[[ -d $builddir ]] || meson setup "$builddir" >/dev/null
ninja -C "$builddir" tests/ui/test-forms >/dev/null
out=$(realpath -m "${1:-$builddir/screenshots}")
mkdir -p "$out"
export DD_SCREENSHOT_DIR="$out" DD_SOURCE_ROOT="$top"
export GSETTINGS_SCHEMA_DIR="$top/$builddir/data" GSETTINGS_BACKEND=memory
export DD_LOCAL_DYNAMODB_DIR="$top/tests/local-dynamodb" DD_TEST_DATA="$top/tests/data"
export ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1 GTK_A11Y=none
dbus-run-session -- tests/with-keyring.sh xvfb-run -a -s '-screen 0 1280x800x24' \
  "$builddir/tests/ui/test-forms" >/dev/null
ls "$out"/query-form*.png "$out"/scan-form.png "$out"/colour-*.png
