#!/usr/bin/env bash
# CI checks for the Go server: formatting, vet, tests (including the
# end-to-end test, which builds ./cmd/temporal-server and runs the built CLI:
# `npm ci && npm run build` in the repository root first).
set -euo pipefail
exec bash "$(dirname "$0")/../scripts/go-module-test.sh" "$(dirname "$0")" "$@"
