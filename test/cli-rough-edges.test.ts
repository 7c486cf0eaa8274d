// Rough edges a new user hits (issue 13): each with what the user now sees.

import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { PromptEnded } from '../src/cli/io.js';
import { examplePath, quickstart, ROOT, runCli, tempDir, writeSpec } from './helpers.js';

const BIN = join(ROOT, 'bin', 'temporal-auth.js');

describe('init at a terminal', () => {
  it('Ctrl+C at a prompt exits 130 quietly; Ctrl+D exits 1 with one line; nothing is written', async () => {
    const dir = tempDir();
    const out = join(dir, 'spec.yaml');
    const interrupted = await runCli(['init', '-o', out], { answers: [new PromptEnded('interrupt')] });
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).not.toMatch(/internal error|temporal-auth:/);
    const eof = await runCli(['init', '-o', out], { answers: ['okta', new PromptEnded('eof')] });
    expect(eof.code).toBe(1);
    expect(eof.stderr).toContain('temporal-auth: no answer (end of input); nothing written');
    expect(eof.stderr).not.toContain('internal error');
  });

  it('an invalid answer is asked again', async () => {
    const out = join(tempDir(), 'spec.yaml');
    const run = await runCli(['init', '-o', out], { answers: ['oktaa', 'okta', 'http://acme.okta.com', 'https://acme.okta.com/oauth2/default', '9.9.9', '1.6.0'] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('unknown provider oktaa');
    expect(run.stderr).toContain('http://acme.okta.com is not an https URL');
    expect(run.stderr).toContain('no profile for chart 9.9.9');
    expect((await runCli(['validate', out])).code).toBe(0);
  });

  it('-o naming a folder is one clear line, not EISDIR', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'specs'));
    const run = await runCli(['init', '--yes', '-o', join(dir, 'specs')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('is a folder; name the file to write');
  });
});

describe('render', () => {
  it('--chart-version with no profile names the flag, not the spec line', async () => {
    const run = await runCli(['render', examplePath('quickstart'), '--stdout', '--no-secrets', '--chart-version', '9.9.9']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`temporal-auth: --chart-version 9.9.9 has no profile; supported: ${SUPPORTED_CHART_VERSIONS.join(', ')}`);
    const validate = await runCli(['validate', examplePath('quickstart'), '--chart-version', '9.9.9']);
    expect(validate.stderr).toContain('--chart-version 9.9.9 has no profile');
  });

  it('--stdout needs no secrets: a missing one prints as --no-secrets would, with a note', async () => {
    const run = await runCli(['render', examplePath('quickstart'), '--stdout', '--stdout-values']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('# Source: values.auth.yaml');
    expect(run.stdout).toContain('# Source: policy-configmap.yaml');
    expect(run.stderr).toContain('printing without them, as with --no-secrets');
    expect(run.stdout).not.toContain('kind: Secret');
  });

  it('--seal-cert refuses a private key, and says it is ignored for another format', async () => {
    const dir = tempDir();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const s = quickstart();
    s.secrets = { format: 'sealed-secret' };
    const sealed = await runCli(['render', writeSpec(s, dir), '--out', join(dir, 'out'), '--seal-cert', keyFile], { env: { TEMPORAL_UI_CLIENT_SECRET: 'x' } });
    expect(sealed.code).toBe(1);
    expect(sealed.stderr).toContain('is a private key');
    expect(sealed.stderr).not.toContain('PRIVATE KEY');
    const plain = await runCli(['render', examplePath('quickstart'), '--stdout', '--seal-cert', keyFile], { env: { TEMPORAL_UI_CLIENT_SECRET: 'x' } });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain('--seal-cert is ignored: the secret format is secret');
  });
});

describe('diff', () => {
  it('with no kubeconfig at all says so, instead of naming localhost:8080', () => {
    const home = tempDir();
    const r = spawnSync(process.execPath, [BIN, 'diff', examplePath('quickstart')], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no cluster configured: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config');
    expect(r.stderr).not.toContain('8080');
  });

  it('--values-file errors speak of a values file', async () => {
    const dir = tempDir();
    const missing = await runCli(['diff', examplePath('quickstart'), '--values-file', join(dir, 'live.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('helm get values');
    expect(missing.stderr).not.toContain('starting spec');
    // `helm get values -o yaml` of a release installed without values prints `null`: no values, everything to add.
    writeFileSync(join(dir, 'empty.yaml'), 'null\n');
    const empty = await runCli(['diff', examplePath('quickstart'), '--values-file', join(dir, 'empty.yaml'), '--detailed-exitcode']);
    expect(empty.code, empty.stderr).toBe(2);
    expect(empty.stdout).toContain('+ server.image.repository');
  });
});

describe('explain says why a token has no groups', () => {
  it('Entra ID groups overage and a groups claim that is not a list are explained, in text and JSON', async () => {
    const dir = tempDir();
    const s = quickstart();
    s.issuer = { url: 'https://login.microsoftonline.com/tenant-id/v2.0', provider: 'entra', audience: 'api://temporal' };
    s.clients.web.scopes = ['openid', 'api://temporal/.default'];
    const spec = writeSpec(s, dir);
    const claims = join(dir, 'claims.json');
    writeFileSync(claims, JSON.stringify({ sub: 'u', _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/x' } } }));
    const text = await runCli(['explain', spec, '--claims', claims, '-n', 'default', '--api', 'StartWorkflowExecution']);
    expect(text.stdout).toContain('Groups (groups): (none found)');
    expect(text.stdout).toMatch(/Note: .*Entra ID left the groups out because the user is in too many/);
    const json = JSON.parse((await runCli(['explain', spec, '--claims', claims, '-o', 'json'])).stdout);
    expect(json.groupsNote).toMatch(/app roles/i);
  });
});

describe('every example renders on a fresh clone', () => {
  it('given only the env vars it names (files it reads ship with it, clearly fake)', async () => {
    const { EXAMPLES } = await import('./helpers.js');
    const { readFileSync } = await import('node:fs');
    for (const name of EXAMPLES) {
      const text = readFileSync(examplePath(name), 'utf8');
      const env = Object.fromEntries([...text.matchAll(/fromEnv: (\w+)/g)].map((m) => [m[1]!, 'x']));
      const run = await runCli(['render', examplePath(name), '--out', join(tempDir(), 'out')], { env });
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
    }
    expect(readFileSync(join(ROOT, 'examples', 'secrets', 'keycloak-ui-client-secret'), 'utf8')).toMatch(/^FAKE-/);
  });
});
