#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver (Debian's chromium, chromium-driver) for the browser tests.
# Idempotent and quiet; never fails the caller: without a browser those tests skip and say why.
set -u
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
. "$(dirname "$0")/lib/apt.sh"
if apt_install install-browser "the browser tests will be skipped" chromium chromium-driver; then
  echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)"
fi
exit 0
