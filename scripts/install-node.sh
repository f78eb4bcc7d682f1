#!/usr/bin/env bash
# Installs Node.js and npm (Debian's nodejs, npm) for OpenApiLintTest, which runs @redocly/cli through
# scripts/lint-openapi.sh. Idempotent and quiet; never fails the caller: without npm that test skips and says why.
set -u
if command -v npm >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-node: no apt-get here; the OpenAPI lint test will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-node: not root and no sudo; the OpenAPI lint test will be skipped" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# the package lists are fresh when install-browser.sh ran just before; update only when the install fails without
if $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null 2>&1 \
   || { $SUDO apt-get update -qq >/dev/null 2>&1 \
        && $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null 2>&1; }; then
  echo "install-node: node $(node --version 2>/dev/null), npm $(npm --version 2>/dev/null)"
else
  echo "install-node: apt-get could not install nodejs and npm; the OpenAPI lint test will be skipped" >&2
fi
exit 0
