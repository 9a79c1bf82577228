#!/usr/bin/env bash
# Screenshots of the sign-in screens, taken by the UI test test-signin on a
# virtual display against its loopback fakes (IAM Identity Center, STS, a
# DynamoDB Local) and the local DynamoDB:
#   sso-code.png (the SSO tab showing the code to confirm),
#   sso-accounts.png (accounts and roles listed), sso-window.png (the
#   source row with its credentials), mfa-dialog.png (the MFA dialog after
#   a refused code), mfa-banner.png (the bar of a background refresh),
#   namespace-bar.png (the DynamoDB Local hint and Look for Tables),
#   sso-banner.png, sso-sign-in-again.png (an expired sign-in renewed).
# Usage: build-aux/screenshots-signin.sh [OUTDIR] (default: BUILDDIR/screenshots)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
builddir=${DD_BUILDDIR:-build}
[[ -d $builddir ]] || meson setup "$builddir" >/dev/null
ninja -C "$builddir" >/dev/null
out=$(realpath -m "${1:-$builddir/screenshots}")
mkdir -p "$out"
DD_SCREENSHOT_DIR=$out meson test -C "$builddir" test-signin --print-errorlogs >/dev/null
ls "$out"/sso-*.png "$out"/mfa-*.png "$out"/namespace-bar.png
