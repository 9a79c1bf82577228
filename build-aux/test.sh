#!/usr/bin/env bash
# Builds Dynamo Desk and runs every test suite (unit, integration, keyring,
# ui, data), then prints "N passed, N failed" from meson's summary.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/build-aux/deps.sh"

builddir=${DD_BUILDDIR:-_build}
werror=false
[[ ${CI:-} == true ]] && werror=true
if [[ -d $builddir ]]; then
  meson configure "$builddir" -Dwerror=$werror >/dev/null
else
  meson setup "$builddir" -Dwerror=$werror >/dev/null
fi
ninja -C "$builddir"

status=0
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" | tee "$builddir/test-summary.txt" || status=$?

ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$builddir/test-summary.txt" | tail -n1)
expfail=$(sed -n 's/^Expected Fail: *\([0-9]*\).*/\1/p' "$builddir/test-summary.txt" | tail -n1)
fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$builddir/test-summary.txt" | tail -n1)
unexp=$(sed -n 's/^Unexpected Pass: *\([0-9]*\).*/\1/p' "$builddir/test-summary.txt" | tail -n1)
timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$builddir/test-summary.txt" | tail -n1)
skipped=$(sed -n 's/^Skipped: *\([0-9]*\).*/\1/p' "$builddir/test-summary.txt" | tail -n1)
passed=$(( ${ok:-0} + ${expfail:-0} ))
failed=$(( ${fail:-0} + ${unexp:-0} + ${timeout:-0} ))
echo "${passed} passed, ${failed} failed, ${skipped:-0} skipped"
if (( status != 0 || failed != 0 || passed == 0 )); then
  exit 1
fi
