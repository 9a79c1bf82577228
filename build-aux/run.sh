#!/usr/bin/env bash
# Builds Dynamo Desk and starts it on a local DynamoDB (dynalite on
# 127.0.0.1, port 8000 when it is free) seeded with two demo tables, Reply
# and USER_DETAILS_with_local. The demo keeps its own settings in a
# temporary folder, so your saved data sources are left alone; the local
# DynamoDB stops when the app quits.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/build-aux/deps.sh"

builddir=${DD_BUILDDIR:-_build}
[[ -d $builddir ]] || meson setup "$builddir" >/dev/null
ninja -C "$builddir"

demo=$(mktemp -d -t dynamo-desk-demo-XXXXXX)
cleanup() {
  exec {dynamo_in}>&- 2>/dev/null || true
  [[ -n ${dynamo_pid:-} ]] && kill "$dynamo_pid" 2>/dev/null || true
  rm -rf "$demo"
}
trap cleanup EXIT

# The local DynamoDB exits when its standard input closes: keep a pipe open.
port=8000
if (exec 3<>/dev/tcp/127.0.0.1/8000) 2>/dev/null; then port=0; fi
mkfifo "$demo/dynamo-in"
node tests/local-dynamodb/serve.js --port "$port" <"$demo/dynamo-in" >"$demo/dynamo-out" &
dynamo_pid=$!
exec {dynamo_in}>"$demo/dynamo-in"
for _ in $(seq 100); do grep -q '^PORT ' "$demo/dynamo-out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^PORT //p' "$demo/dynamo-out")
[[ -n $port ]] || { echo "run: the local DynamoDB did not start" >&2; exit 1; }
endpoint="http://127.0.0.1:$port"
echo "run: local DynamoDB at $endpoint"

# Demo credentials: a local server checks no signature, but one is sent.
mkdir -p "$demo/aws" "$demo/config/dynamo-desk"
printf '[dynamo-desk-demo]\naws_access_key_id = AKIADEMODEMODEMO0000\naws_secret_access_key = demo\n' >"$demo/aws/credentials"
printf '[profile dynamo-desk-demo]\nregion = us-east-1\n' >"$demo/aws/config"
export AWS_SHARED_CREDENTIALS_FILE="$demo/aws/credentials" AWS_CONFIG_FILE="$demo/aws/config"

cli=("$builddir/src/cli/dynamo-desk-cli" --endpoint "$endpoint" --profile dynamo-desk-demo)
for t in reply users; do
  "${cli[@]}" create-table "@build-aux/demo/$t-table.json" >/dev/null
  "${cli[@]}" batch-write-item "@build-aux/demo/$t-items.json" >/dev/null
done

cat >"$demo/config/dynamo-desk/sources.json" <<JSON
{
  "version": 1,
  "sources": [
    {
      "id": "3f0c8a52-6d1e-4f5b-9a57-0d2f4c1e7b10",
      "name": "Local demo",
      "region": "us-east-1",
      "endpoint": "$endpoint",
      "profile": "dynamo-desk-demo",
      "auth": "profile",
      "read_only": false
    }
  ]
}
JSON

export XDG_CONFIG_HOME="$demo/config"
export GSETTINGS_SCHEMA_DIR="$top/$builddir/data"
"$builddir/src/gui/dynamo-desk" "$@"
