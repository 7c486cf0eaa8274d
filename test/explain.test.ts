import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplePath, quickstart, ROOT, runCli, tempDir, writeSpec } from './helpers.js';

const OKTA = examplePath('okta');

// Headless Chromium, offline and with a profile of its own, printing the DOM after the page's script ran.
const dumpDom = (chromium: string, dir: string, url: string) =>
  spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--dump-dom',
      url,
    ],
    { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
  );

describe('explain: the access matrix', () => {
  it('prints a terminal table with system roles marked', async () => {
    const run = await runCli(['explain', OKTA]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const row = (p: string) => lines.find((l) => l.startsWith(`${p} `))!.split(/\s{2,}/);
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['principal', 'bitovi-project', 'payroll', '(system)']);
    expect(row('payroll-engineers')).toEqual(['payroll-engineers', '-', 'write', '-']);
    expect(row('engineering')).toEqual(['engineering', 'read*', 'read*', 'read']);
    expect(row('client 0oa-payroll')).toEqual(['client 0oa-payroll', '-', 'write', '-']);
  });

  it('--output json', async () => {
    const run = await runCli(['explain', OKTA, '-o', 'json']);
    const matrix = JSON.parse(run.stdout);
    expect(matrix.namespaces).toEqual(['bitovi-project', 'payroll']);
    expect(matrix.rows.find((r: any) => r.principal === 'temporal-admins').system).toBe('admin');
  });

  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  // CI installs Chromium (.ci/run); a developer machine without it skips this one test.
  it.skipIf(!chromium && !process.env.CI)(
    '--output html FILE writes a self-contained page Chromium renders as the matrix',
    async () => {
      expect(chromium, 'Chromium is required in CI: .ci/run installs the Debian package').toBeDefined();
      const dir = tempDir();
      const page = join(dir, 'matrix.html');
      const run = await runCli(['explain', OKTA, '--output', 'html', page]);
      expect(run.code, run.stderr).toBe(0);
      const html = readFileSync(page, 'utf8');
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/); // nothing to fetch: works offline
      const r = dumpDom(chromium!, dir, `file://${page}`);
      expect(r.status, r.stderr).toBe(0);
      const dom = r.stdout;
      const cells = new Map<string, string>();
      for (const row of dom.matchAll(/<tr data-principal="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)) {
        for (const cell of row[2]!.matchAll(/<td class="([^"]+)" data-column="([^"]+)" data-role="([^"]+)">([^<]*)<\/td>/g)) {
          cells.set(`${row[1]}|${cell[2]}`, `${cell[3]}|${cell[1]}|${cell[4]}`);
        }
      }
      expect(cells.get('payroll-admins|payroll')).toBe('admin|role-admin|admin');
      expect(cells.get('engineering|bitovi-project')).toBe('read|role-read via-system|read*');
      expect(cells.get('bitovi|payroll')).toBe('none|role-none|-');
      expect(cells.get('0oa-payroll|payroll')).toBe('write|role-write|write');
      expect(cells.size).toBe(7 * 3);
    },
    60_000,
  ); // a cold Chromium start on a fresh CI machine can take a while

  it('escapes names in the HTML page', async () => {
    const s = quickstart();
    s.namespaces.default.grants = [{ group: '<img src=x onerror=alert(1)>', role: 'read' }];
    const dir = tempDir();
    await runCli(['explain', writeSpec(s, dir), '--output', 'html', join(dir, 'm.html')]);
    const html = readFileSync(join(dir, 'm.html'), 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src');
  });
});

describe('explain: the access matrix for a large organisation', () => {
  /** 200 namespaces team-N, 200 groups group-N with write on their team, auditors with system read. */
  function bigSpec() {
    const s = quickstart();
    s.namespaces = {};
    for (let i = 200; i >= 1; i--) s.namespaces[`team-${i}`] = { grants: [{ group: `group-${i}`, role: 'write' }] };
    s.system.grants = [
      { group: 'temporal-admins', role: 'admin' },
      { group: 'auditors', role: 'read' },
    ];
    return s;
  }

  it('text and json list namespaces and principals in natural order (team-2 before team-10)', async () => {
    const dir = tempDir();
    const spec = writeSpec(bigSpec(), dir);
    const json = JSON.parse((await runCli(['explain', spec, '-o', 'json'])).stdout);
    expect(json.namespaces.slice(0, 3)).toEqual(['team-1', 'team-2', 'team-3']);
    expect(json.namespaces.indexOf('team-2')).toBeLessThan(json.namespaces.indexOf('team-10'));
    expect(json.namespaces[199]).toBe('team-200');
    const groups = json.rows.map((r: any) => r.principal);
    expect(groups.indexOf('group-9')).toBe(groups.indexOf('group-10') - 1);
    const text = (await runCli(['explain', spec])).stdout;
    const header = text.split('\n')[1]!.split(/\s+/);
    expect(header.slice(0, 4)).toEqual(['principal', 'team-1', 'team-2', 'team-3']);
  });

  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  it.skipIf(!chromium && !process.env.CI)(
    '200 x 200 in HTML: sticky header and first column, natural order, a filter and an access toggle that work in Chromium, the whole table without JavaScript',
    async () => {
      expect(chromium, 'Chromium is required in CI: .ci/run installs the Debian package').toBeDefined();
      const dir = tempDir();
      const page = join(dir, 'matrix.html');
      const run = await runCli(['explain', writeSpec(bigSpec(), dir), '--output', 'html', page]);
      expect(run.code, run.stderr).toBe(0);
      const html = readFileSync(page, 'utf8');
      // One offline file: nothing fetched, the script inline.
      expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
      expect(html).not.toMatch(/@import|url\(/);
      // Sticky header row and first column.
      expect(html).toMatch(/thead th \{[^}]*position: sticky;[^}]*top: 0/);
      expect(html).toMatch(/th\.principal \{[^}]*position: sticky;[^}]*left: 0/);
      // Without JavaScript: every row shown, the controls (useless there) hidden, the table complete.
      expect(html).toMatch(/<form class="controls" id="controls" hidden/);
      expect(html.match(/<tr data-principal="[^"]+" data-kind="[^"]+">/g)).toHaveLength(202);
      expect(html.match(/<td /g)).toHaveLength(202 * 201);

      const t0 = Date.now();
      const r = dumpDom(chromium!, dir, `file://${page}?filter=team-2&access=1`);
      expect(r.status, r.stderr).toBe(0);
      expect(Date.now() - t0).toBeLessThan(10_000);
      const dom = r.stdout;
      // Natural order in the DOM.
      const columns = [...dom.matchAll(/<th scope="col"( data-off="")?>([^<]*)<\/th>/g)].map((m) => ({ name: m[2]!, off: m[1] !== undefined }));
      expect(columns.slice(0, 11).map((c) => c.name)).toEqual(['team-1', 'team-2', 'team-3', 'team-4', 'team-5', 'team-6', 'team-7', 'team-8', 'team-9', 'team-10', 'team-11']);
      const rows = [...dom.matchAll(/<tr data-principal="([^"]+)" data-kind="[^"]+"( hidden="")?>/g)].map((m) => ({ name: m[1]!, hidden: m[2] !== undefined }));
      expect(rows.map((x) => x.name).slice(0, 3)).toEqual(['auditors', 'group-1', 'group-2']);
      expect(rows.map((x) => x.name).indexOf('group-10')).toBe(rows.map((x) => x.name).indexOf('group-9') + 1);
      // The filter names no principal, so it picks columns: team-2, team-20..29, team-200 and (system).
      const shownColumns = columns.filter((c) => !c.off).map((c) => c.name);
      expect(shownColumns).toEqual(['team-2', ...Array.from({ length: 10 }, (_, i) => `team-2${i}`), 'team-200', '(system)']);
      // With "only rows and columns with access", the rows with a role there: their groups, auditors (system read), admins.
      const shownRows = rows.filter((x) => !x.hidden).map((x) => x.name);
      expect(shownRows).toEqual(['auditors', 'group-2', ...Array.from({ length: 10 }, (_, i) => `group-2${i}`), 'group-200', 'temporal-admins']);
      // Hidden columns are hidden by one stylesheet rule each, cells included.
      const css = /<style id="column-filter">([\s\S]*?)<\/style>/.exec(dom)![1]!;
      expect(css.match(/nth-child/g)).toHaveLength(200 - 12);
      expect(css).toContain('#access-matrix tr > :nth-child(2)'); // team-1
      expect(dom).toMatch(/<input type="search" id="filter"[^>]*>/);
      expect(dom).toContain('14 of 202 principals, 13 of 201 columns');
    },
    60_000,
  );
});

describe('explain: one principal', () => {
  it('--group: allow with the grant that gives it', async () => {
    const run = await runCli(['explain', OKTA, '--group', 'payroll-engineers', '-n', 'payroll', '--api', 'StartWorkflowExecution']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ALLOW: group payroll-engineers -> StartWorkflowExecution on payroll');
    expect(run.stdout).toContain('via group payroll-engineers: payroll write');
  });

  it('--group: deny for a cluster API without a system role, exit 2', async () => {
    const run = await runCli(['explain', OKTA, '--group', 'payroll-admins', '--api', 'GetSearchAttributes']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('DENY');
    expect(run.stdout).toContain('checks the system role only');
  });

  it("the Web UI's cluster calls: custom mode allows a namespace-only reader (ui-cluster-api, filtered answer), builtin mode does not", async () => {
    const custom = await runCli(['explain', OKTA, '--group', 'payroll-admins', '--api', 'ListNamespaces']);
    expect(custom.code).toBe(0);
    expect(custom.stdout).toMatch(/^ALLOW: group payroll-admins -> ListNamespaces/);
    expect(custom.stdout).toContain('temporal#11639');
    expect(custom.stdout).toContain('the server filters the answer to the namespaces it may read (payroll)');
    const json = JSON.parse((await runCli(['explain', OKTA, '--group', 'payroll-admins', '--api', 'GetClusterInfo', '-o', 'json'])).stdout);
    expect(json.decision).toMatchObject({ allowed: true, code: 'ui-cluster-api' });
    expect(json.shadow).toBe(false);
    const s = quickstart();
    s.server.authorization = { mode: 'builtin' };
    s.issuer = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak' };
    s.namespaces.default.grants = [{ group: 'readers', role: 'read' }];
    const builtin = await runCli(['explain', writeSpec(s), '--group', 'readers', '--api', 'ListNamespaces']);
    expect(builtin.code).toBe(2);
    expect(builtin.stdout).toMatch(/^DENY/);
  });

  it('shadow mode: a denial on a namespace not enforced prints ALLOW (shadow mode, would deny), exit 0, JSON shadow true; the enforced namespace still denies', async () => {
    const s = quickstart();
    s.namespaces.other = { grants: [], enforce: true };
    s.server.authorization = { enforce: false };
    const spec = writeSpec(s);
    const run = await runCli(['explain', spec, '--group', 'nobody', '-n', 'default', '--api', 'StartWorkflowExecution']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ALLOW \(shadow mode, would deny\): group nobody -> StartWorkflowExecution on default/);
    expect(run.stdout).toContain('needs write on default');
    expect(run.stdout).toContain('namespace default is not enforced (enforce: false), so the server lets this call through and writes it to its audit log as would-deny');
    const json = JSON.parse((await runCli(['explain', spec, '--group', 'nobody', '-n', 'default', '--api', 'StartWorkflowExecution', '-o', 'json'])).stdout);
    expect(json).toMatchObject({ shadow: true, enforced: false, decision: { allowed: true, shadow: true, code: 'namespace-api' } });
    const enforced = await runCli(['explain', spec, '--group', 'nobody', '-n', 'other', '--api', 'StartWorkflowExecution', '-o', 'json']);
    expect(enforced.code).toBe(2);
    expect(JSON.parse(enforced.stdout)).toMatchObject({ shadow: false, enforced: true, decision: { allowed: false } });
    // The matrix says where shadow mode is on.
    const matrix = await runCli(['explain', spec]);
    expect(matrix.stdout).toContain('Shadow mode (not enforced: denials are let through and logged as would-deny): default; calls that name no namespace');
    expect(JSON.parse((await runCli(['explain', spec, '-o', 'json'])).stdout).shadow).toEqual({ namespaces: ['default'], clusterCalls: true });
    expect((await runCli(['explain', spec, '-o', 'html', '-'])).stdout).toContain(
      '<p class="shadow"><strong>Shadow mode (not enforced: denials are let through and logged as would-deny): default; calls that name no namespace',
    );
    // Without shadow mode in the spec, the matrix says nothing about it.
    expect((await runCli(['explain', OKTA])).stdout).not.toContain('Shadow mode');
  });

  it('principal: the name history records for a token (the claim, else sub) and for a worker (its name)', async () => {
    const s = quickstart();
    s.server.authorization = { principal: { claim: 'email' } };
    s.clients.workers = [{ name: 'billing-worker', clientId: 'svc-billing', grants: { default: 'write' } }];
    const spec = writeSpec(s);
    const dir = tempDir();
    const claims = join(dir, 'claims.json');
    writeFileSync(claims, JSON.stringify({ sub: 'u-1', email: 'al@acme.example', groups: ['engineering'] }));
    const json = JSON.parse((await runCli(['explain', spec, '--claims', claims, '-n', 'default', '--api', 'DescribeWorkflowExecution', '-o', 'json'])).stdout);
    expect(json.principal).toBe('al@acme.example');
    const worker = await runCli(['explain', spec, '--client', 'billing-worker', '-n', 'default', '--api', 'PollWorkflowTaskQueue']);
    expect(worker.stdout).toContain('Principal in history: billing-worker');
    writeFileSync(claims, JSON.stringify({ sub: 'u-1', groups: ['engineering'] }));
    expect((await runCli(['explain', spec, '--claims', claims])).stdout).toContain('Principal in history: u-1');
    // Without principal in the spec, no line.
    expect((await runCli(['explain', OKTA, '--client', 'payroll-worker'])).stdout).not.toContain('Principal in history');
  });

  it('several groups combine', async () => {
    const run = await runCli(['explain', OKTA, '--group', 'finance-auditors', 'engineering', '-n', 'payroll', '--api', 'DescribeWorkflowExecution', '-o', 'json']);
    const out = JSON.parse(run.stdout);
    expect(out.decision.allowed).toBe(true);
    expect(out.groups).toEqual(['finance-auditors', 'engineering']);
  });

  it('--client: a worker client can poll where it has write', async () => {
    const allowed = await runCli(['explain', OKTA, '--client', '0oa-payroll', '-n', 'payroll', '--api', 'PollActivityTaskQueue']);
    expect(allowed.code).toBe(0);
    const denied = await runCli(['explain', OKTA, '--client', '0oa-payroll', '-n', 'bitovi-project', '--api', 'PollActivityTaskQueue']);
    expect(denied.code).toBe(2);
  });

  it('--claims FILE: groups at a nested path (Keycloak) and the builtin mapper view', async () => {
    const dir = tempDir();
    const file = join(dir, 'claims.json');
    writeFileSync(file, JSON.stringify({ sub: 'u1', realm_access: { roles: ['orders-team'] }, permissions: ['orders:write'] }));
    const run = await runCli(['explain', examplePath('keycloak'), '--claims', file, '-n', 'orders', '--api', 'SignalWorkflowExecution']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Groups (realm_access.roles): orders-team');
    expect(run.stdout).toContain('Builtin JWT mapper (claim permissions): orders write');
  });

  it('--claims FILE: an Auth0 URL claim name', async () => {
    const s = quickstart();
    s.issuer = { url: 'https://acme.us.auth0.com/', provider: 'auth0', claims: { groups: 'https://acme.example/groups' } };
    const dir = tempDir();
    const file = join(dir, 'claims.yaml');
    writeFileSync(file, 'sub: u2\nhttps://acme.example/groups: [engineering]\n');
    const run = await runCli(['explain', writeSpec(s, dir), '--claims', file, '-n', 'default', '--api', 'StartWorkflowExecution']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Groups (https://acme.example/groups): engineering');
  });

  it('mixing principals or a bad --output is bad input', async () => {
    expect((await runCli(['explain', OKTA, '--group', 'a', '--client', 'b'])).code).toBe(1);
    expect((await runCli(['explain', OKTA, '--output', 'pdf'])).code).toBe(1);
    expect((await runCli(['explain', OKTA, '--output', 'html'])).code).toBe(1);
  });
});

describe('explain: arguments as people type them', () => {
  it('options may come before the spec, variadic ones included', async () => {
    const run = await runCli(['explain', '--group', 'payroll-engineers', '--api', 'StartWorkflowExecution', '-n', 'payroll', OKTA]);
    expect(run.code, run.stderr).toBe(0);
    const spread = await runCli(['explain', '--api', 'StartWorkflowExecution', '-n', 'bitovi-project', '--group', 'payroll-engineers', 'bitovi', OKTA]);
    expect(spread.code, spread.stderr).toBe(0);
    expect(spread.stdout).toContain('ALLOW: groups payroll-engineers, bitovi');
    const json = await runCli(['explain', '-o', 'json', OKTA]);
    expect(JSON.parse(json.stdout).namespaces).toEqual(['bitovi-project', 'payroll']);
  });

  it('-o html - writes the page to stdout', async () => {
    const run = await runCli(['explain', '-o', 'html', '-', OKTA]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>/i);
    expect(run.stdout).toContain('data-principal="payroll-admins"');
  });

  it('an unknown API is bad input with the nearest real name, not a DENY', async () => {
    const run = await runCli(['explain', OKTA, '--group', 'payroll-admins', '-n', 'payroll', '--api', 'StartWorkflow']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('did you mean StartWorkflowExecution?');
  });

  it('--client takes the worker name or its client ID; anything else is bad input', async () => {
    for (const who of ['payroll-worker', '0oa-payroll']) {
      const run = await runCli(['explain', OKTA, '--client', who, '-n', 'payroll', '--api', 'PollWorkflowTaskQueue']);
      expect(run.code, who).toBe(0);
      expect(run.stdout).toContain('client 0oa-payroll');
    }
    const unknown = await runCli(['explain', OKTA, '--client', 'nope', '--api', 'ListNamespaces']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('declared: payroll-worker (0oa-payroll)');
  });

  it('full gRPC names: AdminService is system admin only, and a cluster call with -n still ignores namespace roles', async () => {
    const admin = '/temporal.server.api.adminservice.v1.AdminService/DescribeCluster';
    expect((await runCli(['explain', OKTA, '--group', 'temporal-admins', '--api', admin])).code).toBe(0);
    const nsAdmin = await runCli(['explain', OKTA, '--group', 'payroll-admins', '-n', 'payroll', '--api', admin]);
    expect(nsAdmin.code).toBe(2);
    expect(nsAdmin.stdout).toContain('not even on payroll');
  });

  it('/grpc.health.v1.Health/Watch is a real frontend method: known, and denied to every caller as upstream does (stream interceptor, not a health-check API)', async () => {
    for (const api of ['/grpc.health.v1.Health/Watch', 'Watch']) {
      // temporal-admins holds system admin: even that does not pass an API the metadata does not know.
      const admin = await runCli(['explain', OKTA, '--group', 'temporal-admins', '--api', api]);
      expect(admin.code, admin.stderr).toBe(2);
      expect(admin.stdout).toContain('DENY: group temporal-admins -> Watch');
      expect(admin.stdout).toContain('IsHealthCheckAPI');
      expect(admin.stdout).toContain('system.disableStreamingAuthorizer');
      const json = JSON.parse((await runCli(['explain', OKTA, '--group', 'temporal-admins', '--api', api, '-o', 'json'])).stdout);
      expect(json.decision).toMatchObject({ allowed: false, code: 'unknown-api', method: '/grpc.health.v1.Health/Watch' });
    }
    // The check, by contrast, is always allowed.
    const check = await runCli(['explain', OKTA, '--group', 'bitovi', '--api', '/grpc.health.v1.Health/Check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('ALLOW');
    // List (unary, grpc-go's health server since v1.72.0; Temporal v1.28 to v1.31 pin v1.79.3) is denied the same way; near misses are unknown.
    const list = await runCli(['explain', OKTA, '--group', 'temporal-admins', '--api', '/grpc.health.v1.Health/List']);
    expect(list.code).toBe(2);
    expect(list.stdout).toContain('DENY');
    expect((await runCli(['explain', OKTA, '--group', 'bitovi', '--api', '/grpc.health.v1.Health/Wotch'])).code).toBe(1);
    expect((await runCli(['explain', OKTA, '--group', 'bitovi', '--api', '/grpc.health.v1.HealthAdmin/Watch'])).code).toBe(1);
  });

  it('a short name in two services says which one it means', async () => {
    const run = await runCli(['explain', OKTA, '--group', 'payroll-admins', '-n', 'payroll', '--api', 'DeleteWorkflowExecution']);
    expect(run.stdout).toContain('note: DeleteWorkflowExecution also exists as /temporal.server.api.adminservice.v1.AdminService/DeleteWorkflowExecution');
  });

  it('a namespace API without -n is decided as the server decides a request naming no namespace', async () => {
    const admin = await runCli(['explain', OKTA, '--group', 'temporal-admins', '--api', 'StartWorkflowExecution']);
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('names no namespace');
    expect((await runCli(['explain', OKTA, '--group', 'payroll-admins', '--api', 'StartWorkflowExecution'])).code).toBe(2);
  });

  it('control characters from a token are escaped, so a crafted sub cannot rewrite the verdict on a terminal', async () => {
    const dir = tempDir();
    const file = join(dir, 'claims.json');
    writeFileSync(file, JSON.stringify({ sub: 'x\u001b[1A\rALLOW', groups: ['bitovi'] }));
    const run = await runCli(['explain', OKTA, '--claims', file, '-n', 'payroll', '--api', 'StartWorkflowExecution']);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toMatch(/[\u001b\r]/);
    expect(run.stdout).toContain('\\u001b[1A\\u000dALLOW');
  });
});

describe('explain: workload identity, a cluster token (the shipped bin)', () => {
  const BIN = join(ROOT, 'bin', 'temporal-auth.js');
  const ISSUER = 'https://kubernetes.default.svc.cluster.local';
  const AUDIENCE = 'temporal.acme.example';
  // Keys as kube-apiserver has them: RSA, kid the SHA-256 of the DER public key.
  const kubeKey = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64url');
    return { privateKey, kid, jwk: { use: 'sig', kty: 'RSA', kid, alg: 'RS256', ...(publicKey.export({ format: 'jwk' }) as object) } };
  };
  const cluster = kubeKey();
  const otherCluster = kubeKey();
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  /** A projected service-account token as the TokenRequest API issues it, signed by `key` (default: the cluster's) under `kid`. */
  function kubeToken(namespace: string, name: string, over: Record<string, unknown> = {}, key = cluster, kid = key.kid): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: [AUDIENCE],
      exp: now + 3600,
      iat: now,
      iss: ISSUER,
      jti: 'b7c6b1e2-0c1f-4d5e-9a57-3f1c2b7a9e10',
      'kubernetes.io': { namespace, serviceaccount: { name, uid: 'c3f1d1a2-5b7e-4a55-8f0e-1d2c3b4a5f60' } },
      nbf: now,
      sub: `system:serviceaccount:${namespace}:${name}`,
      ...over,
    };
    const input = `${b64({ alg: 'RS256', kid })}.${b64(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
  }
  /** A fresh folder with the spec (file mode unless `apiServer`) and the cluster's JWKS beside it. */
  function folder(options: { apiServer?: boolean } = {}): string {
    const dir = tempDir();
    const s = quickstart();
    s.namespaces.payments = { grants: [{ group: 'payments-team', role: 'write' }] };
    s.cluster = { issuer: ISSUER, audience: AUDIENCE, ...(options.apiServer ? {} : { jwks: { source: 'file', file: 'cluster-jwks.json' } }) };
    s.clients.workers = [{ name: 'pay', serviceAccount: { namespace: 'payments', name: 'pay' }, grants: { payments: 'write' } }];
    writeSpec(s, dir, 'temporal-auth.yaml');
    writeFileSync(join(dir, 'cluster-jwks.json'), JSON.stringify({ keys: [cluster.jwk] }));
    return dir;
  }
  const bin = (dir: string, args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'explain', 'temporal-auth.yaml', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("a worker's token, verified against cluster.jwks.file: the worker, its service account, exactly its grants; the same twice, each in a fresh folder", () => {
    const token = kubeToken('payments', 'pay');
    const args = ['--token', token, '--verify', '-n', 'payments', '--api', 'PollWorkflowTaskQueue'];
    const runs = [bin(folder(), args), bin(folder(), args)];
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
    }
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    const out = runs[0]!.stdout;
    expect(out).toMatch(/^ALLOW: worker pay \(service account system:serviceaccount:payments:pay\) -> PollWorkflowTaskQueue on payments\n/);
    expect(out).toContain('via service account system:serviceaccount:payments:pay: payments write');
    expect(out).toContain("Issuer: the cluster's service-account issuer (cluster.issuer)");
    expect(out).toContain('Verified: yes');
    expect(out).toContain("rules: the custom-auth server's cluster verifier (the keys of cluster.jwks.file;");
    expect(out).toContain('Worker: pay (service account payments/pay)');
    expect(out).toContain('Policy grants: payments write\n');
    expect(out).not.toContain('Groups (');
    expect(out).not.toContain('Builtin JWT mapper');
    // Exactly its grants: nothing elsewhere.
    expect(bin(folder(), ['--token', token, '--verify', '-n', 'default', '--api', 'PollWorkflowTaskQueue']).code).toBe(2);
    const json = JSON.parse(bin(folder(), [...args, '-o', 'json']).stdout);
    expect(json).toMatchObject({
      issuer: 'cluster',
      worker: 'pay',
      serviceAccount: { subject: 'system:serviceaccount:payments:pay', namespace: 'payments', name: 'pay', listed: true },
      verified: true,
      rules: 'custom',
      decision: { allowed: true, code: 'namespace-api' },
    });
    expect(json.suggestion).toBeUndefined();
  });

  it('a service account the spec does not list: no roles, and the worker entry to add, granted what the call needs; its groups claim is ignored', () => {
    const token = kubeToken('payments', 'other', { groups: ['temporal-admins'] });
    const dir = folder();
    const run = bin(dir, ['--token', token, '--verify', '-n', 'payments', '--api', 'StartWorkflowExecution']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^DENY: service account system:serviceaccount:payments:other -> StartWorkflowExecution on payments\n/);
    expect(run.stdout).toContain('Worker: none: the service account payments/other is not in the spec, so the server gives this token no roles');
    expect(run.stdout).toContain(
      '  to grant it, add to clients.workers in the spec (then render and apply):\n    - name: other\n      serviceAccount: { namespace: payments, name: other }\n      grants: { payments: write }\n',
    );
    expect(run.stdout).toContain("Warning: the token's groups claim (groups) ignored: a token of the cluster issuer maps through its service account only");
    expect(run.stdout).toContain('Policy grants: nothing');
    // temporal-admins is system admin in the spec: a cluster token carrying it still gets nothing.
    expect(bin(dir, ['--token', token, '--verify', '--api', '/temporal.server.api.adminservice.v1.AdminService/DescribeCluster']).code).toBe(2);
    const json = JSON.parse(bin(dir, ['--token', token, '--verify', '-n', 'payments', '--api', 'StartWorkflowExecution', '-o', 'json']).stdout);
    expect(json.worker).toBeUndefined();
    expect(json.serviceAccount).toEqual({ subject: 'system:serviceaccount:payments:other', namespace: 'payments', name: 'other', listed: false });
    expect(json.suggestion.add).toEqual({ name: 'other', serviceAccount: { namespace: 'payments', name: 'other' }, grants: { payments: 'write' } });
    // The same name in another namespace is another service account: said so, and the suggested name is its own.
    const elsewhere = bin(dir, ['--token', kubeToken('billing', 'pay'), '--verify']);
    expect(elsewhere.code).toBe(0); // no --api: the token is accepted, it just maps to nothing
    expect(elsewhere.stdout).toContain('    - name: pay-billing\n      serviceAccount: { namespace: billing, name: pay }\n      grants: { <namespace>: <role> }');
    expect(elsewhere.stdout).toContain("note: the spec's worker pay has the service account pay of namespace payments; this token is of namespace billing");
  });

  it("the API server's own audience: called out without --verify (the server refuses it whatever its signature), refused with it, with the token to send instead", () => {
    const token = kubeToken('payments', 'pay', { aud: [ISSUER] });
    const dir = folder();
    const plain = bin(dir, ['--token', token]);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toContain('Verified: not checked (pass --verify)');
    expect(plain.stdout).toContain(`Warning: this token is for the Kubernetes API server itself`);
    expect(plain.stdout).toContain(`kubectl create token pay -n payments --audience ${AUDIENCE}`);
    const decided = bin(dir, ['--token', token, '-n', 'payments', '--api', 'PollWorkflowTaskQueue']);
    expect(decided.code).toBe(2);
    expect(decided.stdout).toContain(`the token is rejected (its aud ["${ISSUER}"] lacks "${AUDIENCE}" (cluster.audience)`);
    const verified = bin(dir, ['--token', token, '--verify', '-o', 'json']);
    expect(verified.code).toBe(2);
    expect(JSON.parse(verified.stdout)).toMatchObject({ verified: false, rejected: `wrong audience (["${ISSUER}"], expected "${AUDIENCE}" from cluster.audience)` });
  });

  it("another cluster's key under the same issuer URL, and a token naming neither issuer, are refused (no network: the keys are the file's)", () => {
    const dir = folder();
    const other = bin(dir, ['--token', kubeToken('payments', 'pay', {}, otherCluster), '--verify', '-n', 'payments', '--api', 'PollWorkflowTaskQueue']);
    expect(other.code).toBe(2);
    expect(other.stdout).toContain(`Verified: no: signed by a key that is not in the cluster's JWKS (kid "${otherCluster.kid}")`);
    const sameKid = bin(dir, ['--token', kubeToken('payments', 'pay', {}, otherCluster, cluster.kid), '--verify']);
    expect(sameKid.code).toBe(2);
    expect(sameKid.stdout).toContain("Verified: no: signature does not verify against the cluster's key");
    const unknown = bin(dir, ['--token', kubeToken('payments', 'pay', { iss: 'https://kubernetes.other.example' }), '--verify']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('');
    expect(unknown.stdout).toContain('Verified: no: wrong issuer ("https://kubernetes.other.example", neither issuer.url nor cluster.issuer)');
    expect(unknown.stdout).not.toContain('Issuer:');
  });

  it("an identity-provider token whose sub is a listed service account's is not mapped through it", () => {
    const dir = folder();
    const now = Math.floor(Date.now() / 1000);
    const idp = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: 'https://auth.example.com', aud: 'x', sub: 'system:serviceaccount:payments:pay', exp: now + 600 })}.c2ln`;
    const run = bin(dir, ['--token', idp, '-n', 'payments', '--api', 'PollWorkflowTaskQueue', '-o', 'json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ issuer: 'identity-provider', decision: { allowed: false, code: 'namespace-api' } });
    expect(JSON.parse(run.stdout).worker).toBeUndefined();
  });

  it('apiServer mode: --verify says the keys are on the API server and how to verify here, with exit 1 and nothing on stdout; a missing JWKS file likewise', () => {
    const token = kubeToken('payments', 'pay');
    for (let i = 0; i < 2; i++) {
      const run = bin(folder({ apiServer: true }), ['--token', token, '--verify']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^temporal-auth: cannot verify: the token is the cluster's/);
      expect(run.stderr).toContain('kubectl get --raw /openid/v1/jwks > cluster-jwks.json');
      expect(run.stderr).toContain('cluster.jwks: { source: file, file: cluster-jwks.json }');
    }
    // Without --verify, apiServer mode still says which worker it is.
    expect(bin(folder({ apiServer: true }), ['--token', token]).stdout).toContain('Worker: pay (service account payments/pay)');
    const dir = folder();
    rmSync(join(dir, 'cluster-jwks.json'));
    const missing = bin(dir, ['--token', token, '--verify']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^temporal-auth: cannot verify: cluster\.jwks\.file .*cluster-jwks\.json does not exist/);
    writeFileSync(join(dir, 'cluster-jwks.json'), '{"keys": 7}');
    expect(bin(dir, ['--token', token, '--verify']).stderr).toMatch(/^temporal-auth: cannot verify: cluster\.jwks\.file .*keys is a number, not a list/);
  });

  it('control characters in a cluster token are escaped in text and in the suggestion', () => {
    const token = kubeToken('payments', 'x\u001b[1A\rALLOW');
    const run = bin(folder(), ['--token', token, '--verify', '-n', 'payments', '--api', 'StartWorkflowExecution']);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toMatch(/[\u001b\r]/);
    expect(run.stdout).toContain('\\u001b[1A\\u000dALLOW');
  });

  it('--client takes a service-account worker by name or subject; the matrix lists it; --help shows a cluster token', () => {
    const dir = folder();
    for (const who of ['pay', 'system:serviceaccount:payments:pay']) {
      const run = bin(dir, ['--client', who, '-n', 'payments', '--api', 'PollWorkflowTaskQueue']);
      expect(run.code, who).toBe(0);
      expect(run.stdout).toContain('Worker: pay (service account payments/pay)');
    }
    expect(bin(dir, ['--client', 'nope']).stderr).toContain('declared: pay (service account payments/pay)');
    expect(bin(dir, []).stdout).toMatch(/\nserviceaccount payments\/pay +- +write +-\n/);
    const help = spawnSync(process.execPath, [BIN, 'explain', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH } }).stdout;
    expect(help).toContain('kubectl create token payroll-worker -n payroll --audience temporal.acme.example');
    expect(help).toContain('kubectl get --raw /openid/v1/jwks');
  });
});
