#!/usr/bin/env bash
# run-app.sh BUILDDIR SRCROOT STATE CHECKER [ARGS...]
#
# Starts the real dynamo-desk on the current display with the AT-SPI bus
# (at-spi-bus-launcher) and a throwaway configuration: one data source on a
# local DynamoDB (dynalite on a free loopback port) holding the demo tables.
# The window opens in STATE (DD_OPEN_STATE: "scan", "dialog-iam-keys",
# "empty"...); then CHECKER runs with ARGS and its status is the result.
# LANGUAGE passes through (translations come from BUILDDIR/po).
# Meant to run inside `dbus-run-session -- with-keyring.sh with-xvfb.sh ...`.
set -euo pipefail
builddir=$1 srcroot=$2 state=$3
shift 3
[[ -n ${DBUS_SESSION_BUS_ADDRESS:-} && -n ${DISPLAY:-} ]] || { echo "run-app.sh: needs a D-Bus session and a display" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dd-a11y-XXXXXX")
pids=()
cleanup () {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  exec {dynamo_in}>&- 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The local DynamoDB: exits when its standard input closes.
mkfifo "$tmp/dynamo-in"
node "$srcroot/tests/local-dynamodb/serve.js" --port 0 <"$tmp/dynamo-in" >"$tmp/dynamo-out" &
pids+=($!)
exec {dynamo_in}>"$tmp/dynamo-in"
for _ in $(seq 600); do grep -q '^PORT ' "$tmp/dynamo-out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^PORT //p' "$tmp/dynamo-out")
[[ -n $port ]] || { echo "run-app.sh: the local DynamoDB did not start" >&2; exit 1; }
endpoint="http://127.0.0.1:$port"

export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
mkdir -p "$HOME/.aws" "$XDG_CONFIG_HOME/dynamo-desk" "$XDG_DATA_HOME"
printf '[a11y]\naws_access_key_id = AKIADEMODEMODEMO0000\naws_secret_access_key = demo\n' >"$HOME/.aws/credentials"
printf '[profile a11y]\nregion = us-east-1\n' >"$HOME/.aws/config"
export AWS_SHARED_CREDENTIALS_FILE="$HOME/.aws/credentials" AWS_CONFIG_FILE="$HOME/.aws/config"
cli=("$builddir/src/cli/dynamo-desk-cli" --endpoint "$endpoint" --profile a11y)
"${cli[@]}" create-table "@$srcroot/build-aux/demo/reply-table.json" >/dev/null
"${cli[@]}" batch-write-item "@$srcroot/build-aux/demo/reply-items.json" >/dev/null
if [[ $state != empty ]]; then
  cat >"$XDG_CONFIG_HOME/dynamo-desk/sources.json" <<JSON
{ "version": 1, "sources": [
  { "id": "3f0c8a52-6d1e-4f5b-9a57-0d2f4c1e7b10", "name": "Local demo", "region": "us-east-1",
    "endpoint": "$endpoint", "profile": "a11y", "auth": "profile", "read_only": false } ] }
JSON
fi

/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
pids+=($!)
# Until the launcher owns its name (up to 60 s), rather than a fixed pause.
# NameHasOwner: calling the bus itself would have D-Bus start a second one.
for _ in $(seq 600); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.a11y.Bus 2>/dev/null | grep -q true && break
  sleep 0.1
done

export GTK_A11Y=atspi NO_AT_BRIDGE=0 GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$builddir/data" \
  ADW_DISABLE_PORTAL=1 GDK_DEBUG=no-portals DD_LOCALEDIR="$builddir/po" LC_ALL=C.UTF-8
DD_OPEN_STATE=$state "$builddir/src/gui/dynamo-desk" >"$tmp/app.log" 2>&1 &
app=$!
pids+=($app)

# The checker may start the program again (DD_APP_BIN) and may quit it
# (DD_APP_PID); with DD_EXPECT_EXIT=1 it must then have ended with status 0.
status=0
DD_APP_BIN="$builddir/src/gui/dynamo-desk" DD_APP_PID=$app "$@" || status=$?
if [[ ${DD_EXPECT_EXIT:-} == 1 ]]; then
  app_status=0
  wait "$app" || app_status=$?
  [[ $app_status == 0 ]] || { echo "run-app.sh: dynamo-desk ended with status $app_status" >&2; status=1; }
elif ! kill -0 "$app" 2>/dev/null; then
  echo "run-app.sh: dynamo-desk exited early:" >&2
  status=1
fi
[[ $status == 0 ]] || cat "$tmp/app.log" >&2
exit $status
