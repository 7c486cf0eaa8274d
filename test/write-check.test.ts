// render --check (src/write/check.ts, api checkRendered): the shipped bin, in a fresh folder, the
// way CI runs it after a render was committed. It writes nothing, exits 0 only when --out holds
// byte for byte what render writes, and names a stale file without ever showing its content.
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exampleData, quickstart, ROOT, tempDir } from './helpers.js';
import { sealingCert } from './support/seal-cert.js';

const BIN = join(ROOT, 'bin', 'temporal-auth.js');
const SECRET = 'canary-check-secret-91f0';
const run = (dir: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, 'render', 'spec.yaml', '--out', 'out', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, TEMPORAL_UI_CLIENT_SECRET: SECRET, ...env },
    timeout: 20_000,
  });
const snapshot = (dir: string) => Object.fromEntries(readdirSync(join(dir, 'out')).map((f) => [f, readFileSync(join(dir, 'out', f), 'utf8') + statSync(join(dir, 'out', f)).mode]));

function folder(spec: object = quickstart()): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'spec.yaml'), stringify(spec));
  return dir;
}

describe('render --check', () => {
  it('before any render: every file missing, exit 1, nothing written', () => {
    const dir = folder();
    const r = run(dir, ['--check']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('out/values.auth.yaml: stale: missing');
    expect(r.stderr).toContain('out/secrets.yaml: stale: missing');
    expect(r.stderr).toMatch(/out: \d+ stale file\(s\); run temporal-auth render spec\.yaml --out out\n/);
    expect(readdirSync(dir)).toEqual(['spec.yaml']);
  });

  it('after a render: up to date, twice, and the folder is untouched', () => {
    const dir = folder();
    expect(run(dir, []).status).toBe(0);
    const before = snapshot(dir);
    for (let i = 0; i < 2; i++) {
      const r = run(dir, ['--check']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('out: up to date\n');
      expect(r.stdout).toBe('');
    }
    expect(snapshot(dir)).toEqual(before);
    // CI without credentials: the secret files are not compared, and not counted as extra.
    const ci = run(dir, ['--check', '--no-secrets'], { TEMPORAL_UI_CLIENT_SECRET: '' });
    expect(ci.status, ci.stderr).toBe(0);
    expect(ci.stderr).toBe('out/secrets.yaml: not compared (--no-secrets: its values were not read)\nout: up to date\n');
  });

  it('a changed spec, a rotated secret, a loosened mode, a replaced file: each named, no content shown', () => {
    const dir = folder();
    expect(run(dir, []).status).toBe(0);
    // The spec changed: the policy is stale, nothing else.
    const s = quickstart();
    s.namespaces.default.grants.push({ group: 'auditors', role: 'read' });
    writeFileSync(join(dir, 'spec.yaml'), stringify(s));
    let r = run(dir, ['--check']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('out/policy-configmap.yaml: stale: differs from what render writes\nout: 1 stale file(s); run temporal-auth render spec.yaml --out out\n');
    expect(run(dir, []).status).toBe(0);
    // The secret rotated: secrets.yaml is stale; neither value is printed.
    r = run(dir, ['--check'], { TEMPORAL_UI_CLIENT_SECRET: 'canary-rotated-2be4' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('out/secrets.yaml: stale: differs from what render writes');
    expect(r.stderr + r.stdout).not.toMatch(/canary-|Y2FuYXJ5/);
    // A secret file others may read is stale even with the right bytes.
    chmodSync(join(dir, 'out', 'secrets.yaml'), 0o644);
    r = run(dir, ['--check']);
    expect(r.stderr).toBe('out/secrets.yaml: stale: holds secrets but others may read it (render writes it 0600)\nout: 1 stale file(s); run temporal-auth render spec.yaml --out out\n');
    chmodSync(join(dir, 'out', 'secrets.yaml'), 0o600);
    // A symlink in place of a file (even to the right bytes) is not what render writes.
    const real = join(dir, 'networkpolicy.copy');
    writeFileSync(real, readFileSync(join(dir, 'out', 'networkpolicy.yaml')));
    rmSync(join(dir, 'out', 'networkpolicy.yaml'));
    symlinkSync(real, join(dir, 'out', 'networkpolicy.yaml'));
    r = run(dir, ['--check']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('out/networkpolicy.yaml: stale: is not a regular file');
  });

  it('a file render would now remove is stale (extra)', () => {
    const spec = exampleData('okta');
    const env = { OKTA_WEB_CLIENT_SECRET: 'canary-okta-web', OKTA_PAYROLL_WORKER_CLIENT_SECRET: 'canary-okta-worker' };
    const dir = folder(spec);
    expect(run(dir, [], env).status).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toContain('worker-secrets.yaml');
    spec.clients.workers = [];
    writeFileSync(join(dir, 'spec.yaml'), stringify(spec));
    const r = run(dir, ['--check'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('out/worker-secrets.yaml: stale: render no longer writes it (a render removes it)');
    expect(r.stderr).toContain('out/.temporal-auth-manifest: stale: differs from what render writes');
  });

  it('SealedSecrets: compared with a rollout key (ciphertexts kept), only present without one', async () => {
    const dir = folder();
    const cert = await sealingCert();
    writeFileSync(join(dir, 'cert.pem'), readFileSync(cert.certFile));
    rmSync(cert.dir, { recursive: true, force: true });
    const sealed = (rolloutKey: boolean) => {
      const s = quickstart();
      s.secrets = { format: 'sealed-secret', ...(rolloutKey ? { rolloutKey: { fromEnv: 'ROLLOUT_KEY' } } : {}) };
      writeFileSync(join(dir, 'spec.yaml'), stringify(s));
    };
    const env = { ROLLOUT_KEY: 'a'.repeat(64) };
    sealed(true);
    expect(run(dir, ['--seal-cert', 'cert.pem'], env).status).toBe(0);
    expect(run(dir, ['--seal-cert', 'cert.pem', '--check'], env).stderr).toBe('out: up to date\n');
    sealed(false);
    expect(run(dir, ['--seal-cert', 'cert.pem'], env).status).toBe(0);
    const r = run(dir, ['--seal-cert', 'cert.pem', '--check'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('out/sealed-secret.yaml: not compared (sealed afresh on every render without secrets.rolloutKey)');
  });

  it('--check with --stdout is a usage error', () => {
    const r = run(folder(), ['--check', '--stdout']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('temporal-auth: --check compares with the --out folder; it cannot be combined with --stdout\n');
  });
});
