#!/usr/bin/env bash
# The checks every Go module of the repository gets: gofmt, go vet, go test.
# Usage: scripts/go-module-test.sh DIR [go test flags...] (e.g. -json).
# server/test.sh calls it for the custom-auth server; scripts/test-all.sh for
# every module.
set -euo pipefail
cd "$1"
shift

unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
  echo "gofmt: these files need formatting (run gofmt -w):" >&2
  echo "$unformatted" >&2
  exit 1
fi

go vet ./...
go test -count=1 -timeout 20m "$@" ./...
