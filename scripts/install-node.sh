#!/usr/bin/env bash
# Installs Node.js and npm (Debian's nodejs, npm) for OpenApiLintTest, which runs @redocly/cli through
# scripts/lint-openapi.sh. Idempotent and quiet; never fails the caller: without npm that test skips and says why.
set -u
if command -v npm >/dev/null 2>&1; then
  exit 0
fi
. "$(dirname "$0")/lib/apt.sh"
if apt_install install-node "the OpenAPI lint test will be skipped" nodejs npm; then
  echo "install-node: node $(node --version 2>/dev/null), npm $(npm --version 2>/dev/null)"
fi
exit 0
