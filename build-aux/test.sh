#!/usr/bin/env bash
# Builds Dynamo Desk and runs every test suite (unit, integration, fault,
# soak, fuzz-replay, keyring, ui, data), then all of them again under the
# sanitizers, and prints "N passed, N failed" from meson's summaries.
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

# The whole suite a second time, built with AddressSanitizer (LeakSanitizer
# on) and UndefinedBehaviorSanitizer: any report fails the run.
# DD_SANITIZE=0 leaves it out of a quick local run; CI always runs it.
sanitize_log=
if [[ ${DD_SANITIZE:-1} != 0 || ${CI:-} == true ]]; then
  sanitize_dir=${DD_SANITIZE_BUILDDIR:-_build-sanitize}
  DD_SANITIZE_BUILDDIR=$sanitize_dir "$top/build-aux/sanitize.sh" "$@" || status=$?
  sanitize_log=$(ls "$sanitize_dir"/sanitize-report-*.txt 2>/dev/null || echo "$sanitize_dir/sanitize-report-1.txt")
fi

# meson's summary lines of one run
count () {
  local n
  n=$(sed -n "s/^$2: *\([0-9]*\).*/\1/p" "$1" | tail -n1)
  echo "${n:-0}"
}
passed=0 failed=0 skipped=0
for log in "$builddir/test-summary.txt" $sanitize_log; do
  [[ -f $log ]] || { failed=$(( failed + 1 )); continue; }
  p=$(( $(count "$log" Ok) + $(count "$log" 'Expected Fail') ))
  f=$(( $(count "$log" Fail) + $(count "$log" 'Unexpected Pass') + $(count "$log" Timeout) ))
  echo "$(basename "$log" .txt): ${p} passed, ${f} failed"
  passed=$(( passed + p )) failed=$(( failed + f )) skipped=$(( skipped + $(count "$log" Skipped) ))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if (( status != 0 || failed != 0 || passed == 0 )); then
  exit 1
fi
