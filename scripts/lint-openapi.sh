#!/usr/bin/env bash
# Lints openapi/openapi.yaml with @redocly/cli (its built-in "recommended" rules) and fails on any error.
# The CLI is installed with npm into a project-local folder (default target/tools/redocly, or $FUSPATH_TOOLS_DIR),
# once; later runs reuse it. Exit codes: 0 valid, 1 lint errors, 3 cannot lint here (no npm, or the npm registry
# cannot be reached): the caller skips and says why (OpenApiLintTest does).
set -u
cd "$(dirname "$0")/.."
VERSION=2.77.0 # [tested on this machine's Node 20; 1.34.21 does not install]
DIR="${FUSPATH_TOOLS_DIR:-target/tools}/redocly-$VERSION"
BIN="$DIR/node_modules/.bin/redocly"
SPEC="${1:-openapi/openapi.yaml}"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 NPM_CONFIG_UPDATE_NOTIFIER=false
if [ ! -x "$BIN" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "lint-openapi: npm is not installed (Debian: apt-get install nodejs npm); cannot lint $SPEC" >&2
    exit 3
  fi
  mkdir -p "$DIR"
  if ! timeout 300 npm install --prefix "$DIR" --no-audit --no-fund --no-save --loglevel=error \
      "@redocly/cli@$VERSION" >"$DIR/npm-install.log" 2>&1 || [ ! -x "$BIN" ]; then
    echo "lint-openapi: npm could not install @redocly/cli@$VERSION (registry unreachable?): $(tail -3 "$DIR/npm-install.log" | tr '\n' ' ')" >&2
    exit 3
  fi
fi
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
"$BIN" lint --format=stylish "$SPEC" >"$OUT" 2>&1
rc=$?
# the CLI's own banners (Node version notices) are noise here; the findings and the summary are kept
grep -v '[║╔╚]' "$OUT" | sed '/^[[:space:]]*$/d'
if [ "$rc" -ne 0 ]; then
  exit 1
fi
exit 0
