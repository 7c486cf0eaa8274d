// Times diff's release decode (dist/helm-release.js, the code diff runs) on a payload from stdin.
import { readFileSync } from 'node:fs';
import { decodeRelease } from '../dist/helm-release.js';

const payload = readFileSync(0, 'utf8');
const revision = { objectName: 'sh.helm.release.v1.temporal.v3', labels: { status: 'deployed', version: '3' }, payload };
decodeRelease(revision); // warm-up
const runs = [];
for (let i = 0; i < 5; i++) {
  const t = process.hrtime.bigint();
  const release = decodeRelease(revision);
  runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (release.revision !== 3) throw new Error('decode returned the wrong release');
}
runs.sort((a, b) => a - b);
process.stdout.write(`${runs[2]}\n`);
