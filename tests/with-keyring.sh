#!/bin/sh
# with-keyring.sh TEST [ARGS...]: runs TEST with a real Secret Service.
#
# Meant to run inside a private bus: dbus-run-session -- with-keyring.sh TEST.
# Starts gnome-keyring-daemon with its own HOME in a temporary folder, a
# login keyring unlocked with a throwaway password, and the secrets
# component; the daemon goes away with the private bus.
set -eu

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring.sh: run me under dbus-run-session" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/dd-keyring-XXXXXX")
trap 'rm -rf "$dir"' EXIT

export HOME="$dir"
export XDG_DATA_HOME="$dir/.local/share"
export XDG_CONFIG_HOME="$dir/.config"
export XDG_CACHE_HOME="$dir/.cache"
export XDG_RUNTIME_DIR="$dir/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# The daemon's own chatter stays off the test's standard output (TAP).
printf 'pw\n' | gnome-keyring-daemon --daemonize --login >/dev/null 2>&1
gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1

"$@"
