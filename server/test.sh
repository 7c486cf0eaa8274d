#!/usr/bin/env bash
# CI checks for the Go server: formatting, vet, tests (including the
# end-to-end test, which needs `npm ci && npm run build` in the repository
# root for the CLI comparison).
set -euo pipefail
cd "$(dirname "$0")"

unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
  echo "gofmt: these files need formatting (run gofmt -w):" >&2
  echo "$unformatted" >&2
  exit 1
fi

go vet ./...
go test -count=1 -timeout 20m "$@" ./...
