#!/usr/bin/env bash
# bench/run.sh: dynamo-desk-cli's whole-table Scan against its peers, on the
# same data, on this machine (bench/README.md says what it measures).
#
#   bench/run.sh                 # from the source tree, after a meson build
#
# Environment: BUILD (build folder, default ./build), N_ITEMS (100000),
# RUNS (runs per fast client, 5), SLOW_RUNS (runs of the AWS CLI, 3),
# WORK (scratch folder, default a new one under /tmp; removed unless KEEP=1),
# SKIP (words: aws-cli, local = the rows on the local DynamoDB, item-store),
# PAGES (the WORK folder of an earlier run kept with KEEP=1: its recorded
# pages are served again; the local DynamoDB is then not started),
# SDK_DIR (where the SDK for JavaScript is installed and its scripts run,
# default bench/; another folder gets copies of package*.json and *.mjs).
#
# Steps: install the peers (Debian's awscli, the SDK for JavaScript v3 from
# bench/package-lock.json), start the local DynamoDB on 127.0.0.1, fill a
# table with N_ITEMS items of about 400 bytes, record its Scan pages once,
# serve them from memory (bench/replay.mjs), then time each client: median
# wall time, CPU time (user + sys of the child) and peak RSS, from GNU time.
# Everything listens on and talks to 127.0.0.1 only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${BUILD:-$ROOT/build}
N_ITEMS=${N_ITEMS:-100000}
RUNS=${RUNS:-5}
SLOW_RUNS=${SLOW_RUNS:-3}
WORK=${WORK:-$(mktemp -d /tmp/dd-bench.XXXXXX)}
SKIP=${SKIP:-}
PAGES=${PAGES:-}
SDK_DIR=${SDK_DIR:-$HERE}
AWS=/usr/bin/aws            # never a pyenv shim of the v1 CLI on PATH
TIME=/usr/bin/time
CLI=$BUILD/src/cli/dynamo-desk-cli
RESULTS=$WORK/results.txt
mkdir -p "$WORK"
: > "$RESULTS"

say () { printf '== %s\n' "$*" >&2; }
skipped () { case " $SKIP " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
loud () { printf '\n!!!!!!!!\n!!!!!!!! %s\n!!!!!!!!\n\n' "$*" >&2; }

# -- peers and tools --------------------------------------------------------
install_peers () {
  if { ! skipped aws-cli && [ ! -x "$AWS" ]; } || [ ! -x "$TIME" ]; then
    say "installing awscli (v2) and time from Debian"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -qq awscli time >/dev/null
  fi
  skipped aws-cli || "$AWS" --version 2>&1 | grep -q '^aws-cli/2\.' \
    || { echo "$AWS is not the AWS CLI v2" >&2; exit 1; }
  if [ "$SDK_DIR" != "$HERE" ]; then
    mkdir -p "$SDK_DIR"
    cp "$HERE"/package.json "$HERE"/package-lock.json "$HERE"/*.mjs "$SDK_DIR"/
  fi
  say "installing the SDK for JavaScript v3 (npm ci in $SDK_DIR)"
  (cd "$SDK_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  if [ -z "$PAGES" ] && [ ! -d "$ROOT/tests/local-dynamodb/node_modules/dynalite" ]; then
    (cd "$ROOT/tests/local-dynamodb" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  [ -d "$BUILD" ] || meson setup "$BUILD" "$ROOT" >/dev/null
  ninja -C "$BUILD" bench/bench-ceiling bench/bench-item-store bench/bench-page >/dev/null
  ninja -C "$BUILD" src/cli/dynamo-desk-cli >/dev/null || true
}

# -- servers: each reads a FIFO held open here, and exits when it closes ------
start_server () {  # name, then the command; sets <name>_PORT
  local name=$1; shift
  mkfifo "$WORK/$name.in"
  "$@" < "$WORK/$name.in" > "$WORK/$name.out" 2> "$WORK/$name.err" &
  eval "exec {${name}_FD}> \"$WORK/$name.in\""
  for _ in $(seq 100); do
    grep -q '^PORT ' "$WORK/$name.out" 2>/dev/null && break
    sleep 0.1
  done
  local port
  port=$(awk '/^PORT /{print $2}' "$WORK/$name.out")
  [ -n "$port" ] || { cat "$WORK/$name.err" >&2; echo "$name did not start" >&2; exit 1; }
  eval "${name}_PORT=$port"
}

stop_servers () {
  for fd in ${ddb_FD:-} ${replay_FD:-}; do eval "exec $fd>&-"; done
  wait 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap stop_servers EXIT

# -- measuring ----------------------------------------------------------------
export AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench-secret-not-real
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true
export NODE_NO_WARNINGS=1

count_items () {  # file: lines of JSON Lines, or Items of a JSON document
  case "$1" in
    *.jsonl) wc -l < "$1" | tr -d ' ' ;;
    *) node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1])); console.log((j.Items ?? []).length)' "$1" ;;
  esac
}

# measure LABEL RUNS OUTPUT-or-- COMMAND...: runs it, checks the item count
# once, appends "LABEL wall user sys maxrss_kb" per run.
measure () {
  local label=$1 runs=$2 out=$3; shift 3
  say "$label: $runs runs"
  for i in $(seq "$runs"); do
    if ! "$TIME" -f '%e %U %S %M' -o "$WORK/time.txt" "$@" > "$WORK/stdout.txt" 2> "$WORK/stderr.txt"; then
      loud "$label failed, left out: $(tail -3 "$WORK/stderr.txt")"
      return 0
    fi
    if [ "$i" = 1 ] && [ "$out" != -- ]; then
      local n
      n=$(count_items "$out")
      if [ "$n" != "$N_ITEMS" ]; then
        loud "$label wrote $n items, not $N_ITEMS: left out"
        return 0
      fi
    fi
    echo "$label $(tail -1 "$WORK/time.txt")" >> "$RESULTS"
    [ "$out" = -- ] || rm -f "$out"
  done
}

ours_ready () {  # the CLI can scan to JSON Lines (it may not be built yet)
  [ -x "$CLI" ] || return 1
  "$CLI" --endpoint "$1" --region us-east-1 --table bench --all --format jsonl --typed \
    -o "$WORK/probe.jsonl" scan > /dev/null 2>&1 || return 1
  [ "$(count_items "$WORK/probe.jsonl")" = "$N_ITEMS" ]
}

# -- the run --------------------------------------------------------------------
install_peers
if [ -n "$PAGES" ]; then
  say "serving the pages recorded in $PAGES; no local DynamoDB"
  SKIP="$SKIP local"
  [ "$PAGES" = "$WORK" ] || { mkdir -p "$WORK/pages"; cp "$PAGES"/index.json "$WORK"/; cp "$PAGES"/pages/*.json "$WORK"/pages/; }
else
  start_server ddb node "$ROOT/tests/local-dynamodb/serve.js" --port 0
  DDB=http://127.0.0.1:$ddb_PORT
  say "filling $N_ITEMS items into the local DynamoDB at $DDB and recording the Scan pages"
  node "$SDK_DIR/gen-table.mjs" "$DDB" "$WORK" "$N_ITEMS" >&2
fi
start_server replay node "$SDK_DIR/replay.mjs" "$WORK"
REPLAY=http://127.0.0.1:$replay_PORT
say "replay server at $REPLAY"

measure ceiling "$RUNS" -- "$BUILD/bench/bench-ceiling" "$replay_PORT" bench
measure sdk-js "$RUNS" "$WORK/sdk.jsonl" node "$SDK_DIR/sdk-scan.mjs" "$REPLAY" bench "$WORK/sdk.jsonl"
skipped aws-cli || measure aws-cli "$SLOW_RUNS" "$WORK/cli.json" \
  sh -c "exec $AWS dynamodb scan --table-name bench --endpoint-url $REPLAY --output json > $WORK/cli.json"
if ours_ready "$REPLAY"; then
  measure ours-1 "$RUNS" "$WORK/ours.jsonl" "$CLI" --endpoint "$REPLAY" --region us-east-1 \
    --table bench --all --format jsonl --typed -o "$WORK/ours.jsonl" scan
  measure ours-4 "$RUNS" "$WORK/ours.jsonl" "$CLI" --endpoint "$REPLAY" --region us-east-1 \
    --table bench --all --segments 4 --format jsonl --typed -o "$WORK/ours.jsonl" scan
  measure ours-1-plain "$RUNS" "$WORK/ours.jsonl" "$CLI" --endpoint "$REPLAY" --region us-east-1 \
    --table bench --all --format jsonl --plain -o "$WORK/ours.jsonl" scan
  if ! skipped local; then
    measure ddb-ours-1 "$SLOW_RUNS" "$WORK/ours.jsonl" "$CLI" --endpoint "$DDB" --region us-east-1 \
      --table bench --all --format jsonl --typed -o "$WORK/ours.jsonl" scan
    measure ddb-ours-4 "$SLOW_RUNS" "$WORK/ours.jsonl" "$CLI" --endpoint "$DDB" --region us-east-1 \
      --table bench --all --segments 4 --format jsonl --typed -o "$WORK/ours.jsonl" scan
  fi
else
  loud "dynamo-desk-cli cannot scan to JSON Lines yet ($CLI): its rows are SKIPPED. Build it and run again."
fi
skipped local || measure ddb-sdk-js "$SLOW_RUNS" "$WORK/sdk.jsonl" node "$SDK_DIR/sdk-scan.mjs" "$DDB" bench "$WORK/sdk.jsonl"

say "the steps of a page, on the recorded pages (1 and 4 segments)"
"$BUILD/bench/bench-page" "$WORK"/pages/*.json

if ! skipped item-store; then
  say "item store: 1,000,000 items"
  "$BUILD/bench/bench-item-store" 1000000 || loud "bench-item-store: memory over the target"
fi

node "$HERE/report.mjs" "$RESULTS" "$N_ITEMS"
