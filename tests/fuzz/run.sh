#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own folder and runs each
# for a while, one after the other.
#
#   tests/fuzz/run.sh [SECONDS-PER-TARGET] [TARGET...]    (default 600, all)
#
# New inputs a run finds go to BUILDDIR/corpus-TARGET (the seeds in
# tests/fuzz/corpus/TARGET are only read); a crash leaves its input in
# BUILDDIR/artifacts/ and makes the script fail. Keep such an input as
# tests/fuzz/corpus/TARGET/regress-NAME once fixed: the replays then
# check it on every build. DD_FUZZ_BUILDDIR (default _build-fuzz).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

seconds=${1:-600}
shift || true
builddir=${DD_FUZZ_BUILDDIR:-_build-fuzz}

if [[ ! -d $builddir ]]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dgui=false -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C "$builddir" >/dev/null

targets=("$@")
if ((${#targets[@]} == 0)); then
  for exe in "$builddir"/tests/fuzz/fuzz-*; do
    [[ -f $exe && -x $exe ]] && targets+=("${exe##*/fuzz-}")
  done
fi

export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=16:halt_on_error=1"
supp="$(cd "$builddir" && pwd)/lsan.supp"
cat "$top/tests/lsan.supp" "$top/tests/fuzz/lsan.supp" >"$supp"
export LSAN_OPTIONS="suppressions=$supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export G_SLICE=always-malloc GIO_USE_PROXY_RESOLVER=dummy

mkdir -p "$builddir/artifacts"
failed=0
for t in "${targets[@]}"; do
  work="$builddir/corpus-$t"
  mkdir -p "$work"
  echo "fuzz: $t for ${seconds}s"
  if ! "$builddir/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$builddir/artifacts/$t-" \
       "$work" "tests/fuzz/corpus/$t" >"$builddir/fuzz-$t.log" 2>&1; then
    echo "fuzz: $t FAILED, see $builddir/fuzz-$t.log"
    failed=1
  fi
  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$builddir/fuzz-$t.log" | tail -n 2 || true
done
exit $failed
