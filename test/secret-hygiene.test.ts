import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type CliRun, quickstart, runCli, tempDir, writeSpec } from './helpers.js';

/**
 * One spec, unique secret values, every command: the values may appear in
 * secrets.yaml (and a token only where `token` prints one) and nowhere else.
 */
const WEB_SECRET = 'canary-web-7f3a91c2';
const WORKER_SECRET = 'canary-worker-e41b0d55';
const CANARIES = [WEB_SECRET, WORKER_SECRET];

describe('secret canary across every command', () => {
  it('no secret value leaves secrets.yaml', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'worker.secret'), `${WORKER_SECRET}\n`);
    const s = quickstart();
    s.issuer.url = 'https://127.0.0.1:9'; // nothing listens: check and token fail after reading the secrets
    s.clients.workers = [{ name: 'w', clientId: 'w', clientSecret: { fromFile: 'worker.secret' }, grants: { default: 'write' } }];
    const spec = writeSpec(s, dir);
    const env = { TEMPORAL_UI_CLIENT_SECRET: WEB_SECRET };
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'live.yaml'), stringify({ server: { additionalEnv: [{ name: 'TEMPORAL_AUTH_CLIENT_SECRET', value: WEB_SECRET }] } }));

    const runs: [string, CliRun][] = [];
    const run = async (args: string[]) => runs.push([args.join(' '), await runCli(args, { env })]);
    await run(['validate', spec]);
    await run(['render', spec, '--out', out]);
    await run(['render', spec, '--stdout']);
    await run(['diff', spec, '--values-file', join(dir, 'live.yaml')]);
    await run(['explain', spec]);
    await run(['explain', spec, '--group', 'engineering', '-n', 'default', '--api', 'StartWorkflowExecution']);
    await run(['check', spec, '--timeout', '2s']);
    await run(['token', spec, '--client', 'w', '--timeout', '2s']);

    for (const [args, r] of runs) {
      for (const canary of CANARIES) {
        expect(r.stdout, `${args}: stdout`).not.toContain(canary);
        expect(r.stderr, `${args}: stderr`).not.toContain(canary);
      }
    }
    // The commands did run into the secrets: render wrote them, token failed only at the network.
    expect(runs.find(([a]) => a.startsWith('token'))![1].stderr).toContain('cannot reach');
    const files = readdirSync(out);
    expect(files).toContain('secrets.yaml');
    for (const f of files.filter((f) => f !== 'secrets.yaml')) {
      for (const canary of CANARIES) expect(readFileSync(join(out, f), 'utf8'), f).not.toContain(canary);
    }
    expect(Buffer.from(readFileSync(join(out, 'secrets.yaml'), 'utf8').match(/client_secret: (\S+)/)![1]!, 'base64').toString()).toBe(WEB_SECRET);
  });
});
