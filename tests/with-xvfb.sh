#!/usr/bin/env bash
# with-xvfb.sh COMMAND [ARGS...]: runs COMMAND on a virtual display of its
# own (Xvfb, 1280x800, 24 bits) and stops the server after it.
#
# The server picks a free display number itself and says which once it
# accepts connections (-displayfd), so two runs never race for a number
# and a lock file left by a killed server is never taken for a live one
# (xvfb-run -a guesses the number from the lock files before starting).
# No TCP listener; the local socket only.
set -euo pipefail

dir=$(mktemp -d "${TMPDIR:-/tmp}/dd-xvfb-XXXXXX")
server=
cleanup () {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

mkfifo "$dir/displayfd"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$dir/displayfd" \
  >"$dir/xvfb.log" 2>&1 &
server=$!
read -r -t 60 number <"$dir/displayfd" || {
  echo "with-xvfb.sh: Xvfb did not start:" >&2
  cat "$dir/xvfb.log" >&2
  exit 1
}
export DISPLAY=":$number"
unset WAYLAND_DISPLAY
status=0
"$@" || status=$?
exit "$status"
