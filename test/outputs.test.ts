// render's outputs have one table (src/emit/outputs.ts); what lists them is
// derived from it. These tests hold the table complete and the derivations to
// it: an output added without its fields, or a summary that leaves out a file
// someone must apply, fails here.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { APPLIED_BY, FILES, OUTPUT_TABLE, OUTPUTS } from '../src/emit/index.js';
import { IDENTITY_PROVIDER_FILES, PRESETS } from '../src/providers/presets.js';
import { EXAMPLES, exampleData, quickstart, ROOT, runCli, tempDir, writeSpec } from './helpers.js';

const FORMATS = ['yaml', 'json', 'js', 'toml'];
/** What every output states; `instruction` too for the files someone applies by hand. */
const FIELDS = ['name', 'format', 'plaintextSecret', 'appliedBy', 'description', 'emit'];
const INSTRUCTED = ['kubectl-server-side', 'identity-provider', 'operator-cli'];

describe('the output table', () => {
  for (const output of OUTPUTS) {
    it(`${output.name}: states every field`, () => {
      const entry = OUTPUT_TABLE[output.id] as unknown as Record<string, unknown>;
      for (const field of [...FIELDS, ...(INSTRUCTED.includes(output.appliedBy) ? ['instruction'] : [])]) {
        expect(entry[field], `${output.name}.${field}`).not.toBeUndefined();
      }
      expect(FORMATS).toContain(output.format);
      expect(Object.keys(APPLIED_BY)).toContain(output.appliedBy);
      expect(typeof output.plaintextSecret).toBe('boolean');
      expect(typeof output.emit).toBe('function');
      if (INSTRUCTED.includes(output.appliedBy)) expect(typeof (entry.instruction as unknown)).toBe('function');
      expect(output.description).toMatch(/^\S.*\S$/);
      expect(output.description).not.toMatch(/\n|\|/);
      // The name says the format: what kubectl, editors and the provider's import expect.
      expect(output.name.endsWith(`.${output.format}`), `${output.name} is ${output.format}`).toBe(true);
      // A plaintext secret is the plain form of a Secret, and the only one.
      expect(output.plaintextSecret).toBe(output.secret?.format === 'secret');
    });
  }

  it('names each file once, and FILES is the table by id', () => {
    const names = OUTPUTS.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.entries(FILES)).toEqual(OUTPUTS.map((o) => [o.id, o.name]));
  });

  it("has one file per Secret (the server's, the workers') and format, applied by kubectl", () => {
    for (const of of ['server', 'workers'] as const) {
      for (const format of ['secret', 'external-secret', 'sealed-secret'] as const) {
        const carriers = OUTPUTS.filter((o) => o.secret?.of === of && o.secret.format === format);
        expect(
          carriers.map((o) => o.name),
          `${of} ${format}`,
        ).toHaveLength(1);
        expect(carriers[0]!.appliedBy).toBe(of === 'server' ? 'kubectl-release-namespace' : 'kubectl-worker-namespaces');
      }
    }
  });

  it('has every identity-provider file a preset can name, applied by the identity provider, and one values file', () => {
    for (const name of IDENTITY_PROVIDER_FILES) expect(OUTPUTS.find((o) => o.name === name)?.appliedBy, name).toBe('identity-provider');
    expect(OUTPUTS.filter((o) => o.appliedBy === 'helm-values')).toHaveLength(1);
  });
});

/** A spec for every shape of output set: each example, each provider in both modes with a worker, each secret format. */
function scenarios(): { name: string; spec: Record<string, any>; args: string[] }[] {
  const out: { name: string; spec: Record<string, any>; args: string[] }[] = [];
  for (const name of EXAMPLES) out.push({ name: `example ${name}`, spec: exampleData(name), args: [] });
  const issuers: Record<string, Record<string, any>> = {
    okta: { url: 'https://acme.okta.com/oauth2/default' },
    auth0: { url: 'https://acme.us.auth0.com/', claims: { groups: 'https://acme.example/groups' }, audience: 'https://api.example' },
    keycloak: { url: 'https://sso.example.com/realms/acme' },
    entra: { url: 'https://login.microsoftonline.com/tid/v2.0', audience: 'api-app', claims: { groups: 'roles', permissions: 'roles' } },
    google: { url: 'https://accounts.google.com', audience: 'ui', claims: { groups: 'email' } },
    generic: { url: 'https://auth.example.com', jwksUri: 'https://auth.example.com/keys' },
  };
  for (const provider of Object.keys(PRESETS)) {
    for (const mode of ['custom', 'builtin']) {
      const s = quickstart();
      s.issuer = { provider, ...(issuers[provider] ?? { url: 'https://id.example.com' }) };
      s.issuer.tokenUrl = 'https://id.example.com/token';
      s.server.authorization = { mode };
      if (provider === 'entra') s.clients.web.scopes = ['openid', 'api://api-app/.default'];
      if (provider === 'google') s.clients.web.useIdTokenAsBearer = true;
      if (provider === 'generic' || provider === 'zitadel') s.issuer.jwksUri = 'https://id.example.com/keys';
      s.clients.workers = [{ name: 'w1', clientId: 'w1-client', clientSecret: { fromEnv: 'W1_SECRET' }, grants: { default: 'write' }, secret: { namespace: 'workers' } }];
      s.clients.web.session = { maxDuration: '8h' };
      out.push({ name: `${provider} ${mode}`, spec: s, args: [] });
    }
  }
  for (const format of ['external-secret', 'sealed-secret'] as const) {
    const s = exampleData('okta');
    s.secrets = { name: 'temporal-auth-secrets', format, ...(format === 'external-secret' ? { externalSecret: { storeRef: { name: 'vault' }, remoteKey: 'temporal/auth' } } : {}) };
    out.push({ name: format, spec: s, args: format === 'sealed-secret' ? ['--seal-cert', 'cert.pem'] : [] });
  }
  out.push({ name: 'no secrets', spec: exampleData('okta'), args: ['--no-secrets'] });
  out.push({ name: 'your values', spec: exampleData('okta'), args: ['--values', 'values.yaml'] });
  return out;
}

const ENV = {
  ORDERS_WORKER_CLIENT_SECRET: 'orders',
  W1_SECRET: 'w1',
  TEMPORAL_UI_CLIENT_SECRET: 'ui',
  OKTA_WEB_CLIENT_SECRET: 'okta',
  OKTA_PAYROLL_WORKER_CLIENT_SECRET: 'pay',
  POCKET_ID_CLIENT_SECRET: 'pocket',
};

describe('what is derived from the table', () => {
  const cert = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
  for (const { name, spec, args } of scenarios()) {
    it(`${name}: the summary names every file to apply, modes follow plaintextSecret, --stdout prints the YAML files that hold no secret`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'cert.pem'), cert);
      writeFileSync(join(dir, 'kc-secret'), 'kc\n');
      writeFileSync(join(dir, 'values.yaml'), 'server:\n  additionalEnv: [{ name: FOO, value: bar }]\n');
      if (spec.clients.web.clientSecret.fromFile) spec.clients.web.clientSecret = { fromFile: 'kc-secret' };
      const file = writeSpec(spec, dir);
      const run = await runCli(['render', file, '--out', 'out', ...args], { env: ENV, cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      const written = readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.'));
      const summary = run.stderr;
      const namespace = spec.release.namespace;
      for (const f of written) {
        const output = OUTPUTS.find((o) => o.name === f);
        expect(output, `${f} is in the table`).toBeDefined();
        expect(statSync(join(dir, 'out', f)).mode & 0o777, `${f}'s mode`).toBe(output!.plaintextSecret ? 0o600 : 0o644);
        const line = {
          'helm-values': args.includes('--values') ? `-f out/${f}\n` : ` out/${f} must hold your own`,
          'kubectl-release-namespace': `  kubectl apply -n ${namespace} -f out/${f}\n`,
          'kubectl-worker-namespaces': `  kubectl apply -f out/${f}   #`,
          'kubectl-cluster': `  kubectl apply -f out/${f}   # cluster-scoped`,
          'kubectl-server-side': `  kubectl apply --server-side --field-manager=temporal-auth -f out/${f}\n`,
          'identity-provider': ` out/${f}`,
          'operator-cli': ` out/${f} `,
          gitops: `GitOps: out/${f} lists the manifests`,
        }[output!.appliedBy];
        expect(summary, `the summary tells what to do with ${f} (${output!.appliedBy})`).toContain(line);
      }
      // And no kubectl line for a file that was not written.
      for (const m of summary.matchAll(/kubectl apply .*-f out\/(\S+)/g)) expect(written).toContain(m[1]);
      if (written.includes('idp-permissions.yaml') || written.some((f) => (IDENTITY_PROVIDER_FILES as readonly string[]).includes(f))) {
        expect(summary).toMatch(/\nThen configure your identity provider /);
      }

      // kustomization.yaml lists every written file kubectl applies as it is: not a plaintext
      // Secret, not the partial Deployments of worker-identity.yaml, nothing kubectl does not apply.
      const manifests: string[] = parse(readFileSync(join(dir, 'out', 'kustomization.yaml'), 'utf8')).resources;
      const applied = (f: string) => ['kubectl-release-namespace', 'kubectl-worker-namespaces', 'kubectl-cluster'].includes(OUTPUTS.find((o) => o.name === f)!.appliedBy);
      expect([...manifests].sort()).toEqual(written.filter((f) => applied(f) && !OUTPUTS.find((o) => o.name === f)!.plaintextSecret).sort());

      // --stdout prints exactly those (| kubectl apply -f -); --stdout-values adds the values document, first.
      const stdout = await runCli(['render', file, '--stdout', ...args], { env: ENV, cwd: dir });
      expect(stdout.code, stdout.stderr).toBe(0);
      const printed = [...stdout.stdout.matchAll(/^# Source: (\S+)$/gm)].map((m) => m[1]);
      // In kustomization.yaml's order.
      expect(printed).toEqual(manifests);
      for (const doc of parseAllDocuments(stdout.stdout)) expect(doc.toJS()).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String) });
      for (const f of written.filter((f) => !manifests.includes(f))) expect(stdout.stderr).toContain(`${f} is not printed to stdout (`);
      const withValues = await runCli(['render', file, '--stdout', '--stdout-values', ...args], { env: ENV, cwd: dir });
      expect([...withValues.stdout.matchAll(/^# Source: (\S+)$/gm)].map((m) => m[1])).toEqual(['values.auth.yaml', ...printed]);
    });
  }

  it('render --help lists every output, marking the plaintext secrets', async () => {
    const help = await runCli(['render', '--help']);
    for (const o of OUTPUTS) expect(help.stdout).toContain(o.plaintextSecret ? `${o.name} (0600)` : `${o.name}`);
  });
});

// gitops.layout: folders. The table's `folder` decides where each file goes; these run the shipped
// bin the way a GitOps user does (render, render again, check, switch layouts) and hold the folders
// to their meaning: manifests/ is what kubectl applies as it is, secrets/ the plaintext, nothing else.
describe('gitops.layout: folders', () => {
  const BIN = join(ROOT, 'bin', 'temporal-auth.js');
  const SECRET = 'canary-layout-secret-5d1e';
  const render = (dir: string, args: string[] = []) =>
    spawnSync(process.execPath, [BIN, 'render', 'spec.yaml', '--out', 'out', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, TEMPORAL_UI_CLIENT_SECRET: SECRET, OKTA_WEB_CLIENT_SECRET: SECRET, OKTA_PAYROLL_WORKER_CLIENT_SECRET: SECRET },
      timeout: 20_000,
    });
  /** Every file under out/ as `sub/name` -> content and mode; folders as `sub/` -> mode. */
  const tree = (dir: string): Record<string, string> => {
    const out = join(dir, 'out');
    const entries: Record<string, string> = {};
    for (const f of readdirSync(out)) {
      const st = lstatSync(join(out, f));
      if (!st.isDirectory()) entries[f] = `${(st.mode & 0o777).toString(8)} ${readFileSync(join(out, f), 'utf8')}`;
      else {
        entries[`${f}/`] = (st.mode & 0o777).toString(8);
        for (const g of readdirSync(join(out, f))) entries[`${f}/${g}`] = `${(lstatSync(join(out, f, g)).mode & 0o777).toString(8)} ${readFileSync(join(out, f, g), 'utf8')}`;
      }
    }
    return entries;
  };
  const folderSpec = (name: string, layout: 'flat' | 'folders' = 'folders') => {
    const dir = tempDir();
    const data = exampleData(name);
    data.gitops = { ...data.gitops, layout, valuesFrom: {} };
    writeFileSync(join(dir, 'spec.yaml'), stringify(data));
    return dir;
  };

  it('the table: manifests/ holds exactly what kubectl applies as it is, secrets/ exactly the plaintext Secrets, identity-provider/ exactly the provider files', () => {
    const kubectl = ['kubectl-release-namespace', 'kubectl-worker-namespaces', 'kubectl-cluster'];
    for (const o of OUTPUTS) {
      const expected = o.plaintextSecret ? 'secrets' : o.appliedBy === 'identity-provider' ? 'identity-provider' : kubectl.includes(o.appliedBy) || o.appliedBy === 'gitops' ? 'manifests' : undefined;
      expect(o.folder, o.name).toBe(expected);
    }
  });

  for (const name of ['okta', 'quickstart'] as const) {
    it(`${name}: two renders in a fresh folder give the same tree; kustomization.yaml lists every other file of manifests/; every path the summary names exists`, () => {
      const dir = folderSpec(name);
      const first = render(dir);
      expect(first.status, first.stderr).toBe(0);
      const before = tree(dir);
      const second = render(dir);
      expect(second.status, second.stderr).toBe(0);
      expect(tree(dir)).toEqual(before);
      expect(second.stdout + second.stderr).toBe(first.stdout + first.stderr);

      const out = join(dir, 'out');
      const top = readdirSync(out).filter((f) => !f.startsWith('.'));
      expect(top.filter((f) => !lstatSync(join(out, f)).isDirectory()).sort()).toEqual(
        OUTPUTS.filter((o) => !o.folder && top.includes(o.name))
          .map((o) => o.name)
          .sort(),
      );
      const listed: string[] = parse(readFileSync(join(out, 'manifests', 'kustomization.yaml'), 'utf8')).resources;
      expect(readdirSync(join(out, 'manifests')).sort()).toEqual([...listed, 'kustomization.yaml'].sort());
      expect(listed).toContain('values-from.yaml');
      // The plaintext Secrets: only in secrets/, 0600 in a 0700 folder; never under manifests/.
      expect(before['secrets/']).toBe('700');
      for (const [path, entry] of Object.entries(before)) {
        if (entry.includes(SECRET)) {
          expect(path, 'a secret value outside secrets/').toMatch(/^secrets\/[^/]+$/);
          expect(entry.startsWith('600 '), path).toBe(true);
        }
      }
      expect(Object.keys(before).some((p) => p.startsWith('secrets/') && p !== 'secrets/')).toBe(true);
      if (name === 'okta') expect(readdirSync(join(out, 'identity-provider')).length).toBeGreaterThan(0);
      // The summary's kubectl and helm lines name files that are there (not the flat layout's paths).
      const named = [...(first.stdout + first.stderr).matchAll(/(?:^|\s)(out\/[^\s,)]+)/g)].map((m) => m[1]!.replace(/[.:]$/, ''));
      expect(named.some((p) => p.startsWith('out/manifests/'))).toBe(true);
      for (const p of named) expect(existsSync(join(dir, p)), p).toBe(true);

      // render --check agrees; --stdout prints the manifests folder's objects, the same as the flat layout's.
      const check = render(dir, ['--check']);
      expect(check.status, check.stderr).toBe(0);
      const stdout = render(dir, ['--stdout']);
      expect(stdout.status, stdout.stderr).toBe(0);
      const flat = folderSpec(name, 'flat');
      const flatStdout = render(flat, ['--stdout']);
      const sources = (text: string) => [...text.matchAll(/^# Source: (.+)$/gm)].map((m) => m[1]);
      expect(sources(stdout.stdout).every((p) => p!.startsWith('manifests/'))).toBe(true);
      expect(sources(stdout.stdout).map((p) => p!.slice('manifests/'.length))).toEqual(sources(flatStdout.stdout));
      const objects = (text: string) => text.replace(/^# Source: .+$/gm, '');
      expect(objects(stdout.stdout)).toBe(objects(flatStdout.stdout));
      expect(stdout.stdout).not.toContain(SECRET);
    });
  }

  it('switching layouts moves every file: flat to folders leaves no flat manifest, folders back to flat leaves no subfolder; --check names the moved files until then', () => {
    const dir = folderSpec('quickstart', 'flat');
    expect(render(dir).status).toBe(0);
    const flat = tree(dir);
    const data = parse(readFileSync(join(dir, 'spec.yaml'), 'utf8'));
    writeFileSync(join(dir, 'spec.yaml'), stringify({ ...data, gitops: { ...data.gitops, layout: 'folders' } }));
    const stale = render(dir, ['--check']);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('out/manifests/policy-configmap.yaml: stale: missing');
    expect(stale.stderr).toContain('out/policy-configmap.yaml: stale: render no longer writes it');
    expect(stale.stderr).not.toContain(SECRET);
    expect(render(dir).status).toBe(0);
    const folders = tree(dir);
    expect(Object.keys(folders).filter((p) => !p.includes('/') && p !== '.temporal-auth-manifest')).toEqual(['values.auth.yaml']);
    writeFileSync(join(dir, 'spec.yaml'), stringify({ ...data, gitops: { ...data.gitops, layout: 'flat' } }));
    expect(render(dir).status).toBe(0);
    expect(tree(dir)).toEqual(flat);
  });
});
