import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../src/api/render.js';
import { workerSnippet } from '../src/api/snippets.js';
import { loadSpec } from '../src/api/spec.js';
import { renderWorkerSnippet, SNIPPET_LANGUAGES } from '../src/emit/worker-snippets.js';
import { WORKER_TOKEN_REREAD } from '../src/emit/worker-token-file.js';
import { CUSTOM_MAX_TOKEN_BYTES } from '../src/oidc/token-rules.js';
import { WORKER_SECRET_KEYS, WORKER_TOKEN_FILE } from '../src/secrets/keys.js';
import { exampleData, examplePath, ROOT, runCli, writeSpec } from './helpers.js';
import { serviceAccountWorkerSpec } from './support/service-account-worker.js';

const KEYS = Object.values(WORKER_SECRET_KEYS).sort();
const okta = () => loadSpec({ file: examplePath('okta') });
// okta.yaml plus billing-worker, which authenticates with its Kubernetes service account billing/billing.
const withServiceAccount = () => loadSpec({ data: serviceAccountWorkerSpec(), file: examplePath('okta') });

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

describe('service-account worker snippets read the projected token file, and nothing secret', () => {
  for (const language of SNIPPET_LANGUAGES) {
    it(`${language}: names ${WORKER_TOKEN_FILE.env} and its path, no client ID or secret, the grants and the service account in the header comment`, async () => {
      const { model } = await withServiceAccount();
      const snippet = await renderWorkerSnippet(model, 'billing-worker', language);
      // The one env it reads of temporal-auth's, and the path worker-identity.yaml mounts, both from WORKER_TOKEN_FILE.
      expect([...new Set([...snippet.matchAll(/TEMPORAL_AUTH_[A-Z_]+/g)].map((m) => m[0]))]).toEqual([WORKER_TOKEN_FILE.env]);
      expect(WORKER_TOKEN_FILE.path).toBe(`${WORKER_TOKEN_FILE.dir}/${WORKER_TOKEN_FILE.name}`);
      expect(snippet).toContain(WORKER_TOKEN_FILE.path);
      // Nothing of a client_credentials worker: no client ID or secret, no token endpoint, no Secret.
      expect(snippet).not.toMatch(/client_credentials|clientSecret|client_secret|CLIENT_SECRET|secretRef|0oa-|https:\/\//i);
      const header = snippet.slice(0, snippet.search(/^(package|import)\b/m));
      expect(header).toContain('no client ID, no client secret');
      expect(header).toContain('Grants: bitovi-project: write, payroll: read.');
      expect(header).toContain('service account billing/billing (token subject system:serviceaccount:billing:billing)');
      expect(header).toContain('Deployment billing/billing (container worker)');
      expect(header).toContain(`${WORKER_TOKEN_FILE.env}=${WORKER_TOKEN_FILE.path}`);
      // Bounded read (the server's own cap), re-read at least every maxAgeSeconds, a clear error naming the env.
      expect(snippet).toContain(String(CUSTOM_MAX_TOKEN_BYTES));
      expect(snippet).toMatch(new RegExp(`\\b${WORKER_TOKEN_REREAD.maxAgeSeconds}\\b`));
      expect(snippet).toContain('is the projected token volume of worker-identity.yaml mounted?');
      // Namespace: the worker's first grant.
      expect(snippet).toContain('"bitovi-project"');
    });
  }

  it("each sends the file's token through its SDK's per-call or setter mechanism and checks the file's identity", async () => {
    const { model } = await withServiceAccount();
    const [go, ts, java, py] = await Promise.all(SNIPPET_LANGUAGES.map((l) => renderWorkerSnippet(model, 'billing-worker', l)));
    expect(go).toContain('client.NewAPIKeyDynamicCredentials(tokens.Token)');
    expect(go).toContain('os.SameFile(info, f.info)');
    expect(go).toContain('io.LimitReader(file, maxTokenBytes+1)');
    expect(go).toContain('TLSDisabled: true');
    expect(ts).toContain('apiKey: () => tokens.current()');
    expect(ts).toContain('stat.ino === prev.ino');
    expect(ts).toContain('tls: false');
    expect(java).toContain('.addApiKey(tokens::get)');
    expect(java).toContain('Objects.equals(attrs.fileKey(), fileKey)');
    expect(java).toContain('.setEnableHttps(false)');
    expect(py).toContain('client.api_key = token');
    expect(py).toContain(`POLL_SECONDS = ${WORKER_TOKEN_REREAD.pollSeconds}`);
    expect(py).toContain('(st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)');
    expect(py).toContain('tls=False');
    const [goTls, pyTls] = await Promise.all((['go', 'python'] as const).map((l) => renderWorkerSnippet(model, 'billing-worker', l, { tls: true, hostPort: 'x"); os.Exit(1); ("' })));
    expect(goTls).toContain('TLSDisabled: false');
    expect(goTls).toContain('envOr("TEMPORAL_ADDRESS", "x\\"); os.Exit(1); (\\"")');
    expect(pyTls).toContain('tls=True');
  });

  it('workerSnippet (the library) renders it for a service-account worker, and names both kinds when the client is unknown', async () => {
    const loaded = await withServiceAccount();
    expect(await workerSnippet(loaded, { client: 'billing-worker', language: 'go' })).toBe(await renderWorkerSnippet(loaded.model, 'billing-worker', 'go'));
    await expect(workerSnippet(loaded, { client: 'nobody', language: 'go' })).rejects.toThrow('no worker client named nobody (declared: payroll-worker, billing-worker)');
  });
});

// Go, Java and Python are built or type-checked against their real SDKs in test/package/
// (workers-go, workers-java, workers-python: `npm run test:package`).
describe('the snippets compile or type-check', () => {
  it('TypeScript: both snippets type-check against @temporalio/client (strict)', async () => {
    const { model } = await withServiceAccount();
    // Inside the project, so @temporalio/client and @types/node resolve from its node_modules.
    mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'temporal-auth-ts-snippet-'));
    try {
      writeFileSync(join(dir, 'worker.ts'), await renderWorkerSnippet(model, 'payroll-worker', 'typescript'));
      writeFileSync(join(dir, 'worker-service-account.ts'), await renderWorkerSnippet(model, 'billing-worker', 'typescript'));
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const files = [join(dir, 'worker.ts'), join(dir, 'worker-service-account.ts')];
      const args = [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--skipLibCheck', ...files];
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

  it('a service-account worker: nothing to mint (exit 1, nothing on stdout), and its snippets on stderr unless --no-snippets', async () => {
    const file = writeSpec(serviceAccountWorkerSpec());
    const run = await runCli(['token', file, '--client', 'billing-worker', '--lang', 'go,python']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'temporal-auth: billing-worker authenticates with its Kubernetes service account billing/billing: there is no client secret and no token to mint; its pod reads its projected token from the file TEMPORAL_AUTH_TOKEN_FILE names (worker-identity.yaml), as these snippets do',
    );
    expect(run.stderr).toContain('// Go SDK: a worker for namespace bitovi-project, authenticated as worker billing-worker');
    expect(run.stderr).toContain('# Python SDK: a worker for namespace bitovi-project');
    const quiet = await runCli(['token', file, '--client', 'billing-worker', '--no-snippets']);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(/no token to mint; its pod reads its projected token from the file TEMPORAL_AUTH_TOKEN_FILE names \(worker-identity.yaml\)\n$/);
  });
});
