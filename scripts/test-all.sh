#!/usr/bin/env bash
# The one test command (README): the TypeScript suite (build, typecheck,
# Biome's format and lint check, vitest), the packed package, then the Go modules: the custom-auth server in
# server/ (gofmt, go vet, unit tests, the shared decision vectors and the
# end-to-end tests on the built server binary, which also run the CLI built by
# the first step), test/helm/ (the printed Helm commands through Helm's own
# code), test/kube/ (the harness) and bench/server/ (the server benchmark's
# statistics; its run of the three servers only with
# TEMPORAL_AUTH_SERVER_BENCH=1), then the tests against a real Kubernetes
# API (npm run test:kube). Ends with one line of counts over all: "N passed,
# N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0

npm test -- --reporter=default --reporter=json --outputFile="$results/vitest.json" || status=$?
# The package as users install it: npm pack, installed into a fresh project.
npm run test:package -- --reporter=default --reporter=json --outputFile="$results/package.json" || status=$?

# The Go modules: the custom-auth server, and the Helm-backed journey tests
# (test/helm: the commands render prints, run through Helm's own code). Each:
# gofmt check, go vet, go test (its -json events summarised as plain go test
# output). Go fetches what they need from the Go module proxy on a fresh machine.
if command -v go >/dev/null 2>&1; then
  for module in server test/helm test/kube bench/server; do
    echo "== go: $module"
    bash scripts/go-module-test.sh "$module" -json | node scripts/go-test-report.mjs "$results/go-${module//\//-}.json" || status=$?
  done
  # golangci-lint (.golangci.yml: its linters and gofmt/goimports) over the four modules.
  bash scripts/go-module-lint.sh server test/helm test/kube bench/server || status=$?
  # diff, the rendered manifests and least privilege against a real kube-apiserver + etcd and the
  # real helm, both built from test/kube (minutes the first time, then cached).
  npm run test:kube -- --reporter=default --reporter=json --outputFile="$results/kube.json" || status=$?
else
  echo "Go is missing: install Go 1.26 or later to test server/, test/helm/, test/kube/ (the Kubernetes API tests) and bench/server/; they were not tested."
  status=1
fi

node -e '
const fs = require("fs");
const total = { passed: 0, failed: 0, skipped: 0 };
const add = (c) => { for (const k of Object.keys(total)) total[k] += c[k] ?? 0; };
const [dir, ...vitest] = process.argv.slice(1);
for (const file of vitest) {
  try { const r = JSON.parse(fs.readFileSync(file, "utf8")); add({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }); } catch { console.log(`(no results in ${file})`); }
}
const goFiles = fs.readdirSync(dir).filter((f) => f.startsWith("go-"));
if (goFiles.length === 0) console.log("(no Go results)");
for (const f of goFiles) { try { add(JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"))); } catch { console.log(`(no Go results in ${f})`); } }
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
' "$results" "$results/vitest.json" "$results/package.json" "$results/kube.json" || true
exit "$status"
