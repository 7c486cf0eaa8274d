#!/usr/bin/env bash
# The temporal-auth GitHub Action's install step (action.yml): puts the CLI in
# place and writes its path as the step output `bin`.
#   INPUT_VERSION empty: the action's own checkout ($GITHUB_ACTION_PATH),
#     installed and built there (npm ci runs the build).
#   INPUT_VERSION set: that version of the temporal-auth npm package, installed
#     under $RUNNER_TEMP.
set -euo pipefail

major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ((major < 20)); then
  echo "::error title=temporal-auth action::temporal-auth needs Node.js 20 or later on the runner (add actions/setup-node before this action)"
  exit 1
fi

version="${INPUT_VERSION:-}"
if [[ -z "$version" ]]; then
  root="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
  npm ci --prefix "$root" --no-audit --no-fund >&2
  bin="$root/bin/temporal-auth.js"
elif [[ "$version" =~ ^[0-9A-Za-z][0-9A-Za-z.+-]*$ ]]; then
  prefix="${RUNNER_TEMP:-/tmp}/temporal-auth-$version"
  npm install --prefix "$prefix" --no-audit --no-fund --no-save "temporal-auth@$version" >&2
  bin="$prefix/node_modules/.bin/temporal-auth"
else
  echo "::error title=temporal-auth action::input version must be a version of the temporal-auth package (like 0.2.0), not a package spec"
  exit 2
fi

"$bin" version
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "bin=$bin" >>"$GITHUB_OUTPUT"; fi
