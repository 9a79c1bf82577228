#!/usr/bin/env bash
# Builds the whole tree with AddressSanitizer (leaks included) and
# UndefinedBehaviorSanitizer in its own build folder, runs every meson test
# suite there and exits non-zero on any error a sanitizer reports.
#
#   build-aux/sanitize.sh [meson test arguments, e.g. --suite unit]
#
# DD_SANITIZE_BUILDDIR (default _build-sanitize) names the folder;
# CC picks the compiler (gcc unless set). Suppressions for one-time
# allocations of the libraries we use (never our code) are in tests/lsan.supp.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

builddir=${DD_SANITIZE_BUILDDIR:-_build-sanitize}
options=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug -Dwerror=false)

if [[ -d $builddir ]]; then
  meson configure "$builddir" "${options[@]}" >/dev/null
else
  meson setup "$builddir" "${options[@]}" >/dev/null
fi
ninja -C "$builddir"

# LeakSanitizer runs at the exit of every test program. GLib and libsoup
# are built without frame pointers: the slow unwinder gives whole stacks,
# which the suppressions need to match. Sixteen frames reach the library
# call each suppression names and cost a sixth of the default thirty (the
# main loop's stacks are deep, and every malloc walks its stack). GLib's
# slice allocator would hide leaks from it.
export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=${DD_ASAN_FRAMES:-16}:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:exitcode=86"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0:exitcode=87"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=88"
export G_SLICE=always-malloc
# libproxy, loaded by GIO as a module, is C++ and throws internally; ASan's
# __cxa_throw interceptor cannot bind in a C program that loads it late and
# aborts. Tests talk to loopback only, where no proxy applies.
export GIO_USE_PROXY_RESOLVER=dummy
# The ui suite: GTK's GL renderer runs Mesa's llvmpipe, whose JIT registers
# unwind tables under a lock that the slow unwinder above takes again from
# malloc (a deadlock). Cairo draws the same widgets without GL.
export GSK_RENDERER=cairo

rm -f "$builddir"/sanitize-*.txt
status=0
# Most tests wait on the local DynamoDB or a loopback fake more than they
# compute: four at a time keep two cores busy. The ui suite draws on a
# virtual display and runs two at a time. Given arguments, one run of them.
if (( $# > 0 )); then
  runs=("$*")
else
  runs=("--no-suite ui --num-processes ${DD_SANITIZE_JOBS:-4}" "--suite ui --num-processes 2")
fi
n=0
for run in "${runs[@]}"; do
  n=$(( n + 1 ))
  log="$builddir/sanitize-report-$n.txt"
  # shellcheck disable=SC2086 # each run is a list of words
  meson test -C "$builddir" --print-errorlogs --timeout-multiplier 4 $run \
    | tee "$log" || status=$?
  cat "$builddir/meson-logs/testlog.txt" >>"$builddir/sanitize-testlog.txt"
done

# A sanitizer's report in any test's output fails the run, even when the
# program that printed it (a child process, say) did not set the exit code.
reports=$(grep -cE '^(==[0-9]+==ERROR: |SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer|.*runtime error: )' \
            "$builddir/sanitize-testlog.txt" || true)
if (( reports > 0 )); then
  echo "sanitize: $reports sanitizer report line(s); see $builddir/sanitize-testlog.txt"
  grep -nE '^(==[0-9]+==ERROR: |SUMMARY: |.*runtime error: )' "$builddir/sanitize-testlog.txt" | head -n 40
  status=1
fi
if (( status != 0 )); then
  echo "sanitize: FAILED"
  exit 1
fi
echo "sanitize: clean"
