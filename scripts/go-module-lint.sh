#!/usr/bin/env bash
# golangci-lint over the Go modules (server/, test/helm/, test/kube/,
# bench/server/ by default), with the repository's .golangci.yml: its linters and its
# formatters (gofmt, goimports). The linter is built from tools/go.mod, where
# its version is pinned, through the Go module proxy (a minute the first time
# on a fresh machine, then Go's build cache makes it a link).
# Usage: scripts/go-module-lint.sh [DIR...]     (--fix to apply the formatters)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
fix=()
if [[ "${1:-}" == "--fix" ]]; then
  fix=(--fix)
  shift
fi
modules=("$@")
if [[ ${#modules[@]} -eq 0 ]]; then
  modules=(server test/helm test/kube bench/server)
fi

bin="$root/node_modules/.cache/temporal-auth-tools/golangci-lint"
mkdir -p "$(dirname "$bin")"
go -C tools build -o "$bin" github.com/golangci/golangci-lint/v2/cmd/golangci-lint

status=0
for module in "${modules[@]}"; do
  echo "== golangci-lint: $module"
  (cd "$module" && "$bin" run --config "$root/.golangci.yml" "${fix[@]}" ./...) || status=1
done
exit "$status"
