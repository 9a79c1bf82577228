#!/usr/bin/env bash
# Takes screenshots of Dynamo Desk on a virtual display (xvfb-run, import
# from ImageMagick), against a local DynamoDB with the demo tables and a
# throwaway configuration:
#   empty.png, dialog-*.png (each tab of the connection dialog),
#   scan.png (a Scan in the table view), tree.png (a nested item in the
#   tree view), error.png (an AWS error in the results).
# The app opens each state itself (DD_OPEN_STATE). Usage:
#   build-aux/screenshots.sh [OUTDIR]   (default: BUILDDIR/screenshots)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
builddir=${DD_BUILDDIR:-build}
[[ -d $builddir ]] || meson setup "$builddir" >/dev/null
ninja -C "$builddir" >/dev/null
out=$(realpath -m "${1:-$builddir/screenshots}")
mkdir -p "$out"
wait_s=${DD_SCREENSHOT_WAIT:-8}

demo=$(mktemp -d -t dynamo-desk-shots-XXXXXX)
cleanup() {
  exec {dynamo_in}>&- 2>/dev/null || true
  [[ -n ${dynamo_pid:-} ]] && kill "$dynamo_pid" 2>/dev/null || true
  rm -rf "$demo"
}
trap cleanup EXIT

mkfifo "$demo/dynamo-in"
node tests/local-dynamodb/serve.js --port 0 <"$demo/dynamo-in" >"$demo/dynamo-out" &
dynamo_pid=$!
exec {dynamo_in}>"$demo/dynamo-in"
for _ in $(seq 100); do grep -q '^PORT ' "$demo/dynamo-out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^PORT //p' "$demo/dynamo-out")
[[ -n $port ]] || { echo "screenshots: the local DynamoDB did not start" >&2; exit 1; }
endpoint="http://127.0.0.1:$port"

mkdir -p "$demo/home/.aws" "$demo/config/dynamo-desk" "$demo/data"
printf '[dynamo-desk-demo]\naws_access_key_id = AKIADEMODEMODEMO0000\naws_secret_access_key = demo\n' >"$demo/home/.aws/credentials"
printf '[profile dynamo-desk-demo]\nregion = us-east-1\n\n[profile analytics]\nregion = eu-west-1\n' >"$demo/home/.aws/config"
export HOME="$demo/home" XDG_DATA_HOME="$demo/data" XDG_CACHE_HOME="$demo/cache"
export AWS_SHARED_CREDENTIALS_FILE="$demo/home/.aws/credentials" AWS_CONFIG_FILE="$demo/home/.aws/config"
export GSETTINGS_SCHEMA_DIR="$top/$builddir/data" GSETTINGS_BACKEND=memory
export ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1

cli=("$builddir/src/cli/dynamo-desk-cli" --endpoint "$endpoint" --profile dynamo-desk-demo)
for t in reply users; do
  "${cli[@]}" create-table "@build-aux/demo/$t-table.json" >/dev/null
  "${cli[@]}" batch-write-item "@build-aux/demo/$t-items.json" >/dev/null
done

write_sources() {
  if [[ $1 == empty ]]; then rm -f "$demo/config/dynamo-desk/sources.json"; return; fi
  cat >"$demo/config/dynamo-desk/sources.json" <<JSON
{
  "version": 1,
  "sources": [
    { "id": "3f0c8a52-6d1e-4f5b-9a57-0d2f4c1e7b10", "name": "Local demo", "region": "us-east-1",
      "endpoint": "$endpoint", "profile": "dynamo-desk-demo", "auth": "profile", "read_only": false },
    { "id": "8b1d7e2a-0c4f-4e9a-b1d3-5f6a7c8e9d01", "name": "Production (eu-west-1)", "region": "eu-west-1",
      "profile": "analytics", "auth": "profile", "read_only": true }
  ]
}
JSON
}

shoot() {
  local state=$1 name=$2
  write_sources "$state"
  XDG_CONFIG_HOME="$demo/config" DD_OPEN_STATE=$state \
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
      "$1" & app=$!
      sleep "$2"
      import -display "$DISPLAY" -window root "$3"
      kill $app; wait $app 2>/dev/null; exit 0' _ "$builddir/src/gui/dynamo-desk" "$wait_s" "$out/$name.png" \
    2> >(grep -v -e 'fd limit' -e 'dbus-daemon' >&2)
  echo "screenshots: $out/$name.png"
}

[[ -n ${DD_SHOTS:-} ]] && { for s in $DD_SHOTS; do shoot $s $s; done; exit 0; }
shoot empty empty
for tab in iam-keys instance-profile role-arn profile; do shoot "dialog-$tab" "dialog-$tab"; done
shoot scan scan
shoot tree tree
shoot error error
shoot filter filter
shoot export export
shoot full-scan full-scan
