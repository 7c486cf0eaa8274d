import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { EXAMPLES, exampleData, examplePath, quickstart, ROOT, runCli, tempDir, writeSpec } from './helpers.js';

/** Secret sources for every example; values are canaries that must only reach secrets.yaml. */
const SECRET_ENV = {
  OKTA_WEB_CLIENT_SECRET: 'canary-okta-5b1e',
  POCKET_ID_CLIENT_SECRET: 'canary-pocket-77aa',
  TEMPORAL_UI_CLIENT_SECRET: 'canary-quick-0c3d',
  ORDERS_WORKER_CLIENT_SECRET: 'canary-orders-9e9e',
  OKTA_PAYROLL_WORKER_CLIENT_SECRET: 'canary-payroll-3c7d',
};
const KEYCLOAK_FILE_SECRET = 'canary-keycloak-file-41f0';
const CANARIES = [...Object.values(SECRET_ENV), KEYCLOAK_FILE_SECRET];

/** Copies an example into a temp folder with its secret files, so fromFile sources resolve. */
function stageExample(name: string): string {
  const dir = tempDir();
  const spec = join(dir, `${name}.yaml`);
  copyFileSync(examplePath(name), spec);
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(dir, 'secrets', 'keycloak-ui-client-secret'), `${KEYCLOAK_FILE_SECRET}\n`);
  return spec;
}

async function renderExample(name: string, extra: string[] = []) {
  const spec = stageExample(name);
  const out = join(tempDir(), 'out');
  const run = await runCli(['render', spec, '--out', out, ...extra], { env: SECRET_ENV });
  // The rendered files; the manifest render keeps beside them is tested below ('output folder').
  const rendered = (f: string) => f !== '.temporal-auth-manifest';
  return {
    run,
    out,
    files: existsSync(out)
      ? Object.fromEntries(
          readdirSync(out)
            .filter(rendered)
            .map((f) => [f, readFileSync(join(out, f), 'utf8')]),
        )
      : {},
  };
}

describe('render of every example', () => {
  for (const name of EXAMPLES) {
    it(`${name}: matches its golden files`, async () => {
      const { run, files } = await renderExample(name);
      expect(run.code, run.stderr).toBe(0);
      const goldenDir = join(ROOT, 'test', 'golden', name);
      if (process.env.UPDATE_GOLDEN) {
        // Rewriting is a separate step that never passes: a run that updates goldens proves nothing.
        mkdirSync(goldenDir, { recursive: true });
        for (const f of readdirSync(goldenDir)) rmSync(join(goldenDir, f));
        for (const [f, text] of Object.entries(files)) writeFileSync(join(goldenDir, f), text);
        expect.fail(`goldens for ${name} rewritten: review the diff, then run the tests without UPDATE_GOLDEN`);
      }
      expect(Object.keys(files).sort()).toEqual(readdirSync(goldenDir).sort());
      for (const [f, text] of Object.entries(files)) expect(text, `${name}/${f}`).toBe(readFileSync(join(goldenDir, f), 'utf8'));
    });

    it(`${name}: is deterministic`, async () => {
      const a = await renderExample(name);
      const b = await renderExample(name);
      expect(a.files).toEqual(b.files);
    });

    it(`${name}: secret values reach secrets.yaml and nothing else`, async () => {
      const { run, files } = await renderExample(name);
      for (const [f, text] of Object.entries(files)) {
        if (f === 'secrets.yaml' || f === 'worker-secrets.yaml') continue;
        for (const canary of CANARIES) expect(text, f).not.toContain(canary);
      }
      for (const canary of CANARIES) {
        expect(run.stdout).not.toContain(canary);
        expect(run.stderr).not.toContain(canary);
      }
    });
  }

  it('writes custom-mode files for okta and builtin-mode files for keycloak', async () => {
    expect(Object.keys((await renderExample('okta')).files).sort()).toEqual([
      'kustomization.yaml',
      'networkpolicy.yaml',
      'okta-groups-claim.yaml',
      'policy-configmap.yaml',
      'secrets.yaml',
      'temporal-cli-profile.toml',
      'values.auth.yaml',
      'web-ui-config.yaml',
      'worker-secrets.yaml',
    ]);
    // The UI config file carries the spec's session length, in the ConfigMap the values mount.
    const okta = (await renderExample('okta')).files;
    const cm = parse(okta['web-ui-config.yaml']!);
    expect(parse(cm.data['base.yaml'])).toEqual({ auth: { maxSessionDuration: '12h' } });
    expect(parse(okta['values.auth.yaml']!).web.additionalVolumes[0].configMap.name).toBe(cm.metadata.name);
    expect(Object.keys((await renderExample('keycloak')).files).sort()).toEqual([
      'idp-permissions.yaml',
      'keycloak-realm.json',
      'kustomization.yaml',
      'networkpolicy.yaml',
      'secrets.yaml',
      'temporal-cli-profile.toml',
      'values.auth.yaml',
      'worker-secrets.yaml',
    ]);
  });
});

describe('secrets.yaml', () => {
  it('is a v1 Secret in the release namespace holding every key the values reference', async () => {
    const { files } = await renderExample('okta');
    const secret = parse(files['secrets.yaml']!);
    expect(secret).toMatchObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'temporal-auth-secrets', namespace: 'temporal' } });
    const decoded = Object.fromEntries(Object.entries(secret.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
    expect(decoded).toEqual({
      issuer_url: 'https://acme.okta.com/oauth2/default',
      client_id: '0oa-web',
      client_secret: SECRET_ENV.OKTA_WEB_CLIENT_SECRET,
      audience: 'api://temporal',
    });
    const values = parse(files['values.auth.yaml']!);
    const referenced = new Set<string>();
    JSON.stringify(values, (k, v) => (k === 'secretKeyRef' ? (referenced.add(v.key), v) : v));
    expect([...referenced].sort()).toEqual(Object.keys(decoded).sort());
  });

  it('reads fromFile sources relative to the spec, without the trailing newline', async () => {
    const { files } = await renderExample('keycloak');
    const secret = parse(files['secrets.yaml']!);
    expect(Buffer.from(secret.data.client_secret, 'base64').toString()).toBe(KEYCLOAK_FILE_SECRET);
  });

  it('is written with mode 0600, the rest 0644', async () => {
    const { out } = await renderExample('okta');
    expect(statSync(join(out, 'secrets.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, 'values.auth.yaml')).mode & 0o777).toBe(0o644);
  });

  it('a missing env var is an error naming it, and nothing is written', async () => {
    const spec = stageExample('okta');
    const out = join(tempDir(), 'out');
    const run = await runCli(['render', spec, '--out', out], { env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/okta\.yaml:21:30 error secret-source .*OKTA_WEB_CLIENT_SECRET is not set/);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing secret file is an error naming it, and nothing is written', async () => {
    const dir = tempDir();
    const spec = join(dir, 'keycloak.yaml');
    copyFileSync(examplePath('keycloak'), spec);
    const out = join(dir, 'out');
    const run = await runCli(['render', spec, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('keycloak-ui-client-secret does not exist');
    expect(existsSync(out)).toBe(false);
  });

  it('--no-secrets skips it and still renders the values', async () => {
    const dir = tempDir();
    const spec = join(dir, 'okta.yaml');
    copyFileSync(examplePath('okta'), spec);
    const out = join(dir, 'out');
    const run = await runCli(['render', spec, '--out', out, '--no-secrets'], { env: {} });
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '.temporal-auth-manifest',
      'kustomization.yaml',
      'networkpolicy.yaml',
      'okta-groups-claim.yaml',
      'policy-configmap.yaml',
      'temporal-cli-profile.toml',
      'values.auth.yaml',
      'web-ui-config.yaml',
    ]);
    expect(run.stderr).toContain('create Secret temporal-auth-secrets in temporal with keys issuer_url, client_id, client_secret, audience');
  });
});

describe('policy ConfigMap and idp-permissions', () => {
  it('custom mode: the ConfigMap carries the compiled policy and the groups claim', async () => {
    const { files } = await renderExample('okta');
    const cm = parse(files['policy-configmap.yaml']!);
    expect(cm).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'temporal-auth-policy', namespace: 'temporal' } });
    expect(cm.data.groups_claim).toBe('groups');
    const policy = JSON.parse(cm.data['policy.json']);
    expect(policy.groups['payroll-admins']).toEqual({ namespaces: { payroll: 'admin' } });
    expect(policy.groups['engineering']).toEqual({ system: 'read', namespaces: {} });
    // The worker's name (examples/okta.yaml: payroll-worker) is the principal of its calls and the `worker` of its audit lines.
    expect(policy.clients['0oa-payroll']).toEqual({ name: 'payroll-worker', namespaces: { payroll: 'write' } });
  });

  it('builtin mode: lists the permission strings each group and worker needs', async () => {
    const { files } = await renderExample('keycloak');
    const idp = parse(files['idp-permissions.yaml']!);
    expect(idp.claim).toBe('permissions');
    expect(idp.groups.developers).toEqual(['default:write', 'temporal-system:read']);
    expect(idp.groups['platform-admins']).toEqual(['temporal-system:admin']);
    expect(idp.clients['orders-worker']).toEqual(['orders:write']);
  });
});

describe('render output modes', () => {
  it('--stdout prints the Kubernetes manifests (never the Secret); --stdout-values the values first', async () => {
    const spec = stageExample('okta');
    const run = await runCli(['render', spec, '--stdout'], { env: SECRET_ENV });
    expect(run.code).toBe(0);
    const docs = parseAllDocuments(run.stdout).map((d) => d.toJS());
    // What kubectl apply -f - takes: every document an object with apiVersion and kind.
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(['v1 ConfigMap', 'networking.k8s.io/v1 NetworkPolicy', 'v1 ConfigMap']);
    expect(run.stdout).not.toContain('kind: Secret');
    expect(run.stderr).toContain('secrets.yaml is not printed to stdout (a plaintext secret)');
    expect(run.stderr).toContain('values.auth.yaml is not printed to stdout (Helm values: --stdout-values prints them)');
    expect(run.stderr).toContain('okta-groups-claim.yaml is not printed to stdout (not a Kubernetes object kubectl applies as it is)');
    const both = parseAllDocuments((await runCli(['render', spec, '--stdout', '--stdout-values'], { env: SECRET_ENV })).stdout).map((d) => d.toJS());
    expect(both[0].server.image.repository).toBe('ghcr.io/acme/temporal-auth');
    expect(both.slice(1)).toEqual(docs);
    const values = await runCli(['render', spec, '--stdout-values'], { env: SECRET_ENV });
    expect(parseAllDocuments(values.stdout)).toHaveLength(1);
    expect(values.stderr).toContain('policy-configmap.yaml is not printed to stdout (a Kubernetes manifest: --stdout prints it)');
  });

  it('--chart-version retargets the render', async () => {
    const spec = stageExample('okta');
    const run = await runCli(['render', spec, '--stdout-values', '--no-secrets', '--chart-version', '0.74.0']);
    expect(run.code).toBe(0);
    expect(parseAllDocuments(run.stdout)[0]!.toJS().server.internalFrontend).toEqual({ enabled: true });
  });

  it('--values merges the user lists and names the file in the helm command', async () => {
    const dir = tempDir();
    const spec = writeSpec(quickstart(), dir);
    writeFileSync(join(dir, 'mine.yaml'), 'server:\n  frontend:\n    additionalEnv:\n      - { name: A, value: "1" }\n');
    const run = await runCli(['render', spec, '--values', join(dir, 'mine.yaml'), '--out', join(dir, 'out'), '--no-secrets']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning per-service-env');
    expect(run.stderr).toMatch(/-f \S*mine\.yaml -f \S*values\.auth\.yaml/);
    const values = parse(readFileSync(join(dir, 'out', 'values.auth.yaml'), 'utf8'));
    expect(values.server.frontend.additionalEnv.map((e: { name: string }) => e.name)).toContain('TEMPORAL_AUTH_PROVIDER_URL');
  });

  it('gitops.valuesFrom: values-from.yaml holds values.auth.yaml byte for byte (ConfigMap, or base64 in a Secret), listed in kustomization.yaml', async () => {
    for (const kind of ['ConfigMap', 'Secret'] as const) {
      const dir = tempDir();
      const s = quickstart();
      s.gitops = { valuesFrom: { kind, name: 'auth-values' } };
      const out = join(dir, 'out');
      const run = await runCli(['render', writeSpec(s, dir), '--out', out, '--no-secrets']);
      expect(run.code, run.stderr).toBe(0);
      const values = readFileSync(join(out, 'values.auth.yaml'), 'utf8');
      const obj = parse(readFileSync(join(out, 'values-from.yaml'), 'utf8'));
      expect(obj).toMatchObject({ apiVersion: 'v1', kind, metadata: { name: 'auth-values', namespace: 'temporal' } });
      expect(kind === 'ConfigMap' ? obj.data['values.yaml'] : Buffer.from(obj.data['values.yaml'], 'base64').toString('utf8')).toBe(values);
      expect(parse(readFileSync(join(out, 'kustomization.yaml'), 'utf8')).resources).toContain('values-from.yaml');
      expect(run.stderr).toContain(`kubectl apply -n temporal -f ${join(out, 'values-from.yaml')}`);
    }
    // Not asked for: not written.
    expect(Object.keys((await renderExample('okta')).files)).not.toContain('values-from.yaml');
  });

  it('custom mode: the summary says to build and push the image the values run, for its Temporal version; builtin runs the stock image and says nothing', async () => {
    const { run } = await renderExample('okta');
    expect(run.stderr).toContain(
      "Before the upgrade, the server runs ghcr.io/acme/temporal-auth:1.31.2-auth.1 (server.image): temporal-auth's custom-auth server, built from its server/ folder (Dockerfile, TEMPORAL_VERSION 1.31.2)",
    );
    // The line comes before the first kubectl step: nothing works until the image exists.
    expect(run.stderr.indexOf('Before the upgrade')).toBeLessThan(run.stderr.indexOf('kubectl apply'));
    expect((await renderExample('keycloak')).run.stderr).not.toContain('server.image');
  });

  it('prints next steps rendered from the summary template', async () => {
    const { run } = await renderExample('okta');
    expect(run.stderr).toMatch(/kubectl apply -n temporal -f \S+secrets\.yaml/);
    // The worker's Secret goes to its own namespace, which must exist first; the release's does.
    expect(run.stderr).toMatch(/kubectl create namespace payroll-workers .*\n\s+kubectl apply -f \S+worker-secrets\.yaml/);
    expect(run.stderr).not.toContain('kubectl create namespace temporal');
    // Without the user's values, values.auth.yaml's lists would replace theirs: no helm upgrade is
    // printed, only how to render with them (test/helm runs these lines through Helm's own code).
    expect(run.stderr).not.toMatch(/^\s*helm upgrade/m);
    expect(run.stderr).toContain('helm get values temporal -n temporal -o yaml > temporal-values.yaml\n');
    expect(run.stderr).toMatch(/\n {2}temporal-auth render \S+okta\.yaml --out \S+ --values temporal-values\.yaml\n/);
  });

  it('a policy over the 1 MiB a ConfigMap holds is a located error, and nothing is written', async () => {
    const s = quickstart();
    const grants = (n: number) => Array.from({ length: 50 }, (_, g) => ({ group: `team-${(n * 7 + g) % 400}-with-a-long-enough-name`, role: g % 2 ? 'read' : 'write' }));
    s.namespaces = Object.fromEntries(Array.from({ length: 1000 }, (_, n) => [`namespace-${n}`, { grants: grants(n) }]));
    const dir = tempDir();
    const run = await runCli(['render', writeSpec(s, dir), '--out', join(dir, 'out')], { env: SECRET_ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/temporal-auth\.yaml:\d+:\d+ error policy-size the compiled policy is \d+\.\d\d MiB, more than the 1 MiB a ConfigMap holds/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    // A tenth of it fits.
    s.namespaces = Object.fromEntries(Object.entries(s.namespaces).slice(0, 100));
    expect((await runCli(['render', writeSpec(s, dir), '--out', join(dir, 'out')], { env: SECRET_ENV })).code).toBe(0);
  });

  it('an invalid spec writes nothing', async () => {
    const s = quickstart();
    s.issuer.url = 'http://insecure.example';
    const dir = tempDir();
    const run = await runCli(['render', writeSpec(s, dir), '--out', join(dir, 'out')], { env: SECRET_ENV });
    expect(run.code).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  // The same bodies for every user: root ignores permission bits, so neither relies on them.
  it('an output path that is a file is a one-line error and stays as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'out'), 'not a folder');
    const run = await runCli(['render', stageExample('okta'), '--out', join(dir, 'out')], { env: SECRET_ENV });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('not a folder');
  });

  it('a write that fails part-way (a folder where an output file goes) leaves the previous set', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    expect((await runCli(['render', stageExample('okta'), '--out', out], { env: SECRET_ENV })).code).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    rmSync(join(out, 'networkpolicy.yaml'));
    mkdirSync(join(out, 'networkpolicy.yaml'));
    writeFileSync(join(out, 'networkpolicy.yaml', 'keep'), 'x');
    const s = exampleData('okta');
    s.namespaces.payroll.grants.push({ group: 'new-group', role: 'read' });
    const run = await runCli(['render', writeSpec(s, dir, 'okta.yaml'), '--out', out], { env: SECRET_ENV });
    expect(run.code).toBe(1);
    for (const [f, text] of Object.entries(before)) if (f !== 'networkpolicy.yaml') expect(readFileSync(join(out, f), 'utf8'), f).toBe(text);
    expect(readdirSync(join(out, 'networkpolicy.yaml'))).toEqual(['keep']);
  });
});

describe('output folder: render removes what it wrote before and no longer produces, and nothing else', () => {
  const ENV = { TEMPORAL_UI_CLIENT_SECRET: 'canary-quick-0c3d' };
  const listing = (out: string) => readdirSync(out).sort();

  it('--no-secrets after a render with secrets removes the plaintext secrets.yaml, and keeps the files of the user', async () => {
    const dir = tempDir();
    const spec = writeSpec(quickstart(), dir);
    const out = join(dir, 'out');
    expect((await runCli(['render', spec, '--out', out], { env: ENV })).code).toBe(0);
    expect(listing(out)).toContain('secrets.yaml');
    writeFileSync(join(out, 'kustomization.yaml'), 'resources: [networkpolicy.yaml]\n');
    writeFileSync(join(out, 'idp-permissions.yaml'), 'my own notes\n'); // named like render's output, but not written by it
    const run = await runCli(['render', spec, '--out', out, '--no-secrets']);
    expect(run.code, run.stderr).toBe(0);
    expect(listing(out)).toEqual(['.temporal-auth-manifest', 'idp-permissions.yaml', 'kustomization.yaml', 'networkpolicy.yaml', 'policy-configmap.yaml', 'values.auth.yaml']);
    expect(readFileSync(join(out, 'idp-permissions.yaml'), 'utf8')).toBe('my own notes\n');
  });

  it('switching the Secret to external-secret removes the plaintext secrets.yaml', async () => {
    const dir = tempDir();
    const s = quickstart();
    s.secrets = { externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'temporal/auth' } };
    const spec = writeSpec(s, dir);
    const out = join(dir, 'out');
    expect((await runCli(['render', spec, '--out', out], { env: ENV })).code).toBe(0);
    const run = await runCli(['render', spec, '--out', out, '--secrets-format', 'external-secret'], { env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(listing(out)).toEqual(['.temporal-auth-manifest', 'external-secret.yaml', 'kustomization.yaml', 'networkpolicy.yaml', 'policy-configmap.yaml', 'values.auth.yaml']);
  });

  it('a secrets.yaml that was there before render ever wrote it stays', async () => {
    const dir = tempDir();
    const spec = writeSpec(quickstart(), dir);
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'secrets.yaml'), 'kind: Secret # mine\n', { mode: 0o600 });
    for (let i = 0; i < 2; i++) expect((await runCli(['render', spec, '--out', out, '--no-secrets'])).code).toBe(0);
    expect(readFileSync(join(out, 'secrets.yaml'), 'utf8')).toBe('kind: Secret # mine\n');
  });

  it('the manifest (.temporal-auth-manifest, not .json: kubectl apply -f out/ reads .json) lists exactly the files written, the same bytes every time', async () => {
    const { out } = await renderExample('keycloak');
    const manifest = readFileSync(join(out, '.temporal-auth-manifest'), 'utf8');
    expect(JSON.parse(manifest).files).toEqual([
      'idp-permissions.yaml',
      'keycloak-realm.json',
      'kustomization.yaml',
      'networkpolicy.yaml',
      'secrets.yaml',
      'temporal-cli-profile.toml',
      'values.auth.yaml',
      'worker-secrets.yaml',
    ]);
    expect(statSync(join(out, '.temporal-auth-manifest')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join((await renderExample('keycloak')).out, '.temporal-auth-manifest'), 'utf8')).toBe(manifest);
  });
});

describe('render summary: shadow mode and the principal', () => {
  it('names the namespaces in shadow mode, the command that collects the would-deny lines and the runbook; nothing of it when enforcing', async () => {
    const s = quickstart();
    s.namespaces.other = { grants: [{ group: 'engineering', role: 'read' }], enforce: false };
    const spec = writeSpec(s);
    const out = join(tempDir(), 'out');
    const run = await runCli(['render', spec, '--out', out], { env: SECRET_ENV });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Shadow mode: calls on other are not enforced: the server decides as usual, logs each call it would deny (would-deny) and lets it through');
    expect(run.stderr).toContain('kubectl logs -n temporal -l app.kubernetes.io/instance=temporal,app.kubernetes.io/component=frontend --tail=-1 | temporal-auth audit -');
    expect(run.stderr).toContain('Runbook: README.md, "Turning auth on without an outage"');
    // The lint warning says it too, at the key.
    expect(run.stderr).toMatch(/:\d+:\d+ warning shadow-mode namespaces\.other\.enforce: shadow mode on other/);
    // The heading the summary points at exists.
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('\n## Turning auth on without an outage\n');
    const policy = JSON.parse(parse(readFileSync(join(out, 'policy-configmap.yaml'), 'utf8')).data['policy.json']);
    expect(policy.enforce).toEqual({ default: true, namespaces: { other: false } });

    s.server.authorization = { enforce: false };
    s.namespaces.other.enforce = true;
    const global = await runCli(['render', writeSpec(s), '--out', join(tempDir(), 'out')], { env: SECRET_ENV });
    expect(global.stderr).toContain('Shadow mode: calls are not enforced except on other:');

    const { run: plain } = await renderExample('okta');
    expect(plain.stderr).not.toContain('Shadow mode');
    expect(plain.stderr).not.toContain('Principal:');

    // Enforcing from the start (custom mode): the summary says to roll out in shadow mode first and names the runbook, once.
    const rollout =
      'First rollout onto a cluster that runs without auth: set server.authorization.enforce: false (shadow mode) for the first upgrade, then enforce. Runbook: README.md, "Turning auth on without an outage"';
    const enforcing = await runCli(['render', writeSpec(quickstart()), '--out', join(tempDir(), 'out')], { env: SECRET_ENV });
    expect(enforcing.stderr.split(rollout)).toHaveLength(2);
    expect(run.stderr).not.toContain('First rollout');
    expect(global.stderr).not.toContain('First rollout');
    // builtin mode has no shadow mode: no such line.
    expect((await renderExample('keycloak')).run.stderr).not.toContain('First rollout');
  });

  it('says history records the principal, through the dynamic config in the values file', async () => {
    const s = quickstart();
    s.server.authorization = { principal: { claim: 'preferred_username' } };
    const out = join(tempDir(), 'out');
    const run = await runCli(['render', writeSpec(s), '--out', out], { env: SECRET_ENV });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Principal: workflow history records each caller by its token's preferred_username claim");
    expect(parse(readFileSync(join(out, 'values.auth.yaml'), 'utf8')).server.dynamicConfig).toEqual({ 'frontend.enablePrincipalPropagation': [{ value: true, constraints: {} }] });
  });
});
