#!/usr/bin/env bash
# The one test command (README): the TypeScript suite (build, typecheck,
# vitest), then the custom-auth server in server/ (gofmt, go vet, unit tests,
# the shared decision vectors and the end-to-end tests on a real Temporal
# server, which also run the CLI built by the first step). Ends with one line
# of counts over both: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0

npm test -- --reporter=default --reporter=json --outputFile="$results/vitest.json" || status=$?
# The package as users install it: npm pack, installed into a fresh project.
npm run test:package -- --reporter=default --reporter=json --outputFile="$results/package.json" || status=$?

if command -v go >/dev/null 2>&1; then
  # server/test.sh: gofmt check, go vet, go test (its -json events summarised as plain go test output).
  bash server/test.sh -json | node scripts/go-test-report.mjs "$results/go.json" || status=$?
else
  echo "Go is missing: install Go 1.26 or later to test the custom-auth server in server/; it was not tested."
  status=1
fi

node -e '
const fs = require("fs");
const total = { passed: 0, failed: 0, skipped: 0 };
const add = (c) => { for (const k of Object.keys(total)) total[k] += c[k] ?? 0; };
for (const file of [process.argv[1], process.argv[3]]) {
  try { const r = JSON.parse(fs.readFileSync(file, "utf8")); add({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }); } catch { console.log(`(no results in ${file})`); }
}
try { add(JSON.parse(fs.readFileSync(process.argv[2], "utf8"))); } catch { console.log("(no Go results)"); }
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
' "$results/vitest.json" "$results/go.json" "$results/package.json" || true
exit "$status"
