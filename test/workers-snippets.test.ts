import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../src/api/render.js';
import { loadSpec } from '../src/api/spec.js';
import { renderWorkerSnippet, SNIPPET_LANGUAGES } from '../src/emit/worker-snippets.js';
import { WORKER_SECRET_KEYS } from '../src/secrets/keys.js';
import { exampleData, examplePath, ROOT, runCli } from './helpers.js';

const KEYS = Object.values(WORKER_SECRET_KEYS).sort();
const okta = () => loadSpec({ file: examplePath('okta') });

describe('worker snippets read exactly the env names of the worker Secret', () => {
  for (const language of SNIPPET_LANGUAGES) {
    it(`${language}: every TEMPORAL_AUTH_* name it reads is a key of the rendered Secret, and it reads them all`, async () => {
      const { model } = await okta();
      const snippet = await renderWorkerSnippet(model, 'payroll-worker', language);
      const result = await render({ data: exampleData('okta'), file: examplePath('okta') }, { secrets: async () => ({ ok: true, value: 'x' }) });
      const secret = result.files.find((f) => f.name === 'worker-secrets.yaml')!.documents[0] as { data: Record<string, string> };
      const read = [...new Set([...snippet.matchAll(/TEMPORAL_AUTH_[A-Z_]+/g)].map((m) => m[0]))].sort();
      expect(read).toEqual(KEYS);
      expect(Object.keys(secret.data).sort()).toEqual(KEYS);
      // It names the Secret to reference and the audience parameter `token` sends (resource; Auth0: audience).
      expect(snippet).toContain('secretRef: { name: temporal-auth-worker-payroll-worker }');
      expect(snippet).toMatch(/"resource"|'resource'|&resource=/);
    });
  }

  it('each renews its token before expiry and attaches it as the bearer API key', async () => {
    const { model } = await okta();
    const [go, ts, java, py] = await Promise.all(SNIPPET_LANGUAGES.map((l) => renderWorkerSnippet(model, 'payroll-worker', l)));
    expect(go).toContain('client.NewAPIKeyDynamicCredentials(tokens.Token)');
    expect(go).toContain('now.Add(lifetime*4/5)');
    expect(go).toContain('TLSDisabled: true');
    expect(ts).toContain('connection?.setApiKey(token)');
    expect(ts).toContain('renewIn(next.lifetimeMs * 0.8)');
    expect(java).toContain('.addApiKey(tokens::get)');
    expect(java).toContain('renewAt = now.plusSeconds(lifetime * 4 / 5)');
    expect(java).toContain('.setEnableHttps(false)');
    expect(py).toContain('client.api_key = token');
    expect(py).toContain('await asyncio.sleep(lifetime * 0.8)');
    expect(py).toContain('tls=False');
  });

  it('Auth0 gets its audience parameter; --tls keeps TLS on; a hostile host:port stays one string literal', async () => {
    const s = exampleData('okta');
    s.issuer = { url: 'https://acme.us.auth0.com/', provider: 'auth0', audience: 'https://temporal', tokenUrl: 'https://acme.us.auth0.com/oauth/token', claims: { groups: 'https://acme/groups' } };
    const { model } = await loadSpec({ data: s, file: examplePath('okta') });
    const go = await renderWorkerSnippet(model, 'payroll-worker', 'go', { tls: true, hostPort: 'x"); os.Exit(1); ("' });
    expect(go).toContain('form.Set("audience", audience)');
    expect(go).toContain('TLSDisabled: false');
    expect(go).toContain('envOr("TEMPORAL_ADDRESS", "x\\"); os.Exit(1); (\\"")');
    const [java, py] = await Promise.all((['java', 'python'] as const).map((l) => renderWorkerSnippet(model, 'payroll-worker', l, { tls: true })));
    expect(java).toContain('"&audience="');
    expect(java).toContain('.setEnableHttps(true)');
    expect(py).toContain('form["audience"] = os.environ["TEMPORAL_AUTH_AUDIENCE"]');
    expect(py).toContain('tls=True');
  });
});

// Go, Java and Python are built or type-checked against their real SDKs in test/package/
// (workers-go, workers-java, workers-python: `npm run test:package`).
describe('the snippets compile or type-check', () => {
  it('TypeScript: type-checks against @temporalio/client (strict)', async () => {
    const { model } = await okta();
    // Inside the project, so @temporalio/client and @types/node resolve from its node_modules.
    mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'temporal-auth-ts-snippet-'));
    try {
      writeFileSync(join(dir, 'worker.ts'), await renderWorkerSnippet(model, 'payroll-worker', 'typescript'));
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--skipLibCheck', join(dir, 'worker.ts')];
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(run.status, run.stdout + run.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('token --client prints the snippets for the languages asked', () => {
  it('--lang rejects an unknown language before contacting anyone', async () => {
    const run = await runCli(['token', examplePath('okta'), '--client', 'payroll-worker', '--lang', 'go,cobol']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--lang cobol is not a snippet language; use go, typescript, java, python or all');
  });
});
