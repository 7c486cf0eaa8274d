// Times the library's validate() on a file, in-process: the first call (cold)
// and the median of the next four. Prints JSON. argv: dist dir, spec file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, file] = process.argv.slice(2);
const { validate } = await import(pathToFileURL(join(dist, 'index.js')).href);
const text = readFileSync(file, 'utf8');
const times = [];
let findings = 0;
const runs = Number(process.env.BENCH_INPROC_RUNS ?? 5);
for (let i = 0; i < runs; i++) {
  const t = process.hrtime.bigint();
  const r = await validate({ text, file });
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
  findings = r.findings.length;
}
const warm = (times.length > 1 ? times.slice(1) : times).sort((a, b) => a - b);
const median = warm.length % 2 ? warm[(warm.length - 1) / 2] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
process.stdout.write(JSON.stringify({ cold: times[0], warm: median, findings }) + '\n');
