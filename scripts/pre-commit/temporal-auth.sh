#!/usr/bin/env bash
# The pre-commit hooks' entry (.pre-commit-hooks.yaml, language: script):
# runs the CLI from the hook repository's own checkout, built there on first
# use (npm ci runs the build). Not language: node: pre-commit installs node
# hooks with `npm install -g` from git, and npm then runs the package's build
# without its devDependencies (npm/cli#8440), so the build fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ((major < 20)); then
  echo "temporal-auth: needs Node.js 20 or later on PATH" >&2
  exit 1
fi
if [[ ! -f "$root/dist/cli.cjs" ]]; then
  echo "temporal-auth: first run: building the CLI in $root (npm ci)" >&2
  npm ci --prefix "$root" --no-audit --no-fund --loglevel=error >&2
fi
exec node "$root/bin/temporal-auth.js" "$@"
