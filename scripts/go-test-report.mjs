// Reads `go test -json` events on stdin and prints what plain `go test`
// would (each package's ok/FAIL line, the output of failed tests), then
// writes the test counts as JSON to the file named by argv[2], for the
// summary line of scripts/test-all.sh. Counts top-level tests and subtests.

import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const counts = { passed: 0, failed: 0, skipped: 0 };
const output = new Map(); // "pkg test" -> lines, kept until the test ends
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  let e;
  try {
    e = JSON.parse(line);
  } catch {
    process.stdout.write(`${line}\n`); // build errors and the like come as plain text
    continue;
  }
  const key = `${e.Package} ${e.Test ?? ''}`;
  if (e.Action === 'output') {
    if (e.Test) {
      const lines = output.get(key) ?? [];
      if (lines.length < 2000) lines.push(e.Output);
      output.set(key, lines);
    } else if (/^(ok|FAIL|---|\?)\s|^panic|^\s*\S+\.go:\d+/.test(e.Output)) {
      process.stdout.write(e.Output);
    }
  } else if (['pass', 'fail', 'skip'].includes(e.Action) && e.Test) {
    counts[{ pass: 'passed', fail: 'failed', skip: 'skipped' }[e.Action]]++;
    if (e.Action === 'fail') process.stdout.write((output.get(key) ?? []).join(''));
    output.delete(key);
  }
}
writeFileSync(process.argv[2], JSON.stringify(counts));
