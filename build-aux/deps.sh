#!/usr/bin/env bash
# Installs what building, running and testing Dynamo Desk needs on Debian 12:
# the Debian packages, then the pinned local DynamoDB (dynalite) from the npm
# registry. Safe to run again; does nothing that is already done.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential meson ninja-build pkg-config gettext
  clang libclang-rt-14-dev  # the fuzz targets (tests/fuzz/run.sh): libFuzzer and the sanitizer runtimes
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  libsoup-3.0-dev glib-networking libjson-glib-dev libjsmn-dev nettle-dev libsecret-1-dev zlib1g-dev
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-pyatspi imagemagick
  gnome-keyring libsecret-tools desktop-file-utils appstream flatpak-builder
  locales-all
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js runs the local DynamoDB; Debian's nodejs and npm unless a Node.js
# with npm is already installed some other way.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The local DynamoDB, exactly as the lockfile pins it.
cd "$top/tests/local-dynamodb"
if [[ ! -d node_modules/dynalite ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "deps: installing the local DynamoDB (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
