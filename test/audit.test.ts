// temporal-auth audit end to end through the library and the CLI: fixtures valid
// against schemas/audit-line.schema.json mixed with Temporal's own log lines and
// kubectl's prefixes; hostile input; and the point of it all: every suggested
// change, merged into the example spec, makes explain allow the denied call.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type AuditReport, audit, explain, type Suggestion, validate } from '../src/index.js';
import { exampleData, examplePath, ROOT, runCli, tempDir } from './helpers.js';
import { API, decision, kubectl, line, mixedLog, schemaValidate, temporalLine } from './support/audit-lines.js';

const logFile = (text: string | Buffer, name = 'frontend.log') => {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
};

/** The suggestion's patch merged into a spec, as a person pastes it. */
function merge(spec: Record<string, any>, s: Suggestion): Record<string, any> {
  const out = structuredClone(spec);
  const patch = parse(s.yaml!) as Record<string, any>;
  expect(patch).toEqual(s.patch);
  if (s.change === 'worker-grant') {
    const entry = patch.clients.workers[0];
    const worker = out.clients.workers.find((w: { name: string }) => w.name === entry.name);
    Object.assign(worker.grants, entry.grants);
  } else {
    const [list, grant] =
      s.change === 'system-grant' ? [((out.system ??= {}).grants ??= []), patch.system.grants[0]] : [((out.namespaces[s.namespace] ??= {}).grants ??= []), patch.namespaces[s.namespace].grants[0]];
    const existing = list.find((g: { group: string }) => g.group === grant.group);
    if (s.action === 'change') existing.role = grant.role;
    else list.push(grant);
  }
  return out;
}

/** explain for the suggestion's identity and each denied call it covers. */
async function decisions(spec: Record<string, any>, s: Suggestion) {
  const who = s.identity.kind === 'worker' ? { client: s.identity.name } : { groups: s.identity.groups };
  return Promise.all(s.apis.map(async (api) => (await explain({ data: spec }, { who, api, namespace: s.namespace || undefined })).decision!.allowed));
}

describe('audit: reading', () => {
  it('every fixture line is valid against the schema; Temporal lines and kubectl prefixes are skipped or stripped', async () => {
    const report = await audit({ text: mixedLog(), name: 'mixed' });
    expect(report.lines).toEqual({ total: 12, audit: 9, other: 3, invalid: 0, tooLong: 0, filtered: 0 });
    expect(report.counts).toMatchObject({ allow: 1, allowEstimate: 2, deny: 5, wouldDeny: 2, dropped: { allow: 7, deny: 40, wouldDeny: 2 }, ungrouped: 0 });
    expect(report.period).toEqual({ first: '2026-12-06T06:00:00.000000001Z', last: '2026-12-06T06:00:03Z' });
    expect(report.denials.map((d) => [d.identity.kind, d.identity.name, d.namespace, d.api.split('/').pop(), d.deny, d.wouldDeny, d.required])).toEqual([
      ['worker', 'payroll-worker', 'bitovi-project', 'PollActivityTaskQueue', 1, 0, 'write'],
      ['worker', 'payroll-worker', 'bitovi-project', 'PollWorkflowTaskQueue', 1, 0, 'write'],
      ['user', 'alice@acme.example', 'payroll', 'StartWorkflowExecution', 0, 1, 'write'],
      ['user', 'bob@acme.example', '', 'GetSearchAttributes', 1, 0, 'read'],
      ['user', 'bob@acme.example', 'bitovi-project', 'UpdateNamespace', 1, 0, 'admin'],
    ]);
    expect(report.tokenProblems.map((t) => [t.reason, t.tokenProblem, t.deny, t.wouldDeny])).toEqual([
      ['no-token', undefined, 1, 0],
      ['token-invalid', 'expired', 0, 1],
    ]);
    expect(report.tokenProblems[0]!.fix).toMatch(/no grant fixes this: .*send one/);
    expect(report.tokenProblems[1]!.fix).toMatch(/\(expired\); renew tokens/);
  });

  it('suggests the smallest grant per identity and namespace, from the lines alone', async () => {
    const report = await audit({ text: mixedLog() });
    const s = report.suggestions.map((x) => ({ who: x.identity.name, ns: x.namespace, change: x.change, role: x.role, group: x.group, status: x.status, has: x.has, broad: x.broad }));
    expect(s).toEqual([
      { who: 'payroll-worker', ns: 'bitovi-project', change: 'worker-grant', role: 'write', group: undefined, status: 'new', has: 'none', broad: false },
      { who: 'alice@acme.example', ns: 'payroll', change: 'group-grant', role: 'write', group: 'engineering', status: 'broader', has: 'read', broad: false },
      { who: 'bob@acme.example', ns: '', change: 'system-grant', role: 'read', group: 'bitovi', status: 'new', has: 'none', broad: true },
      { who: 'bob@acme.example', ns: 'bitovi-project', change: 'group-grant', role: 'admin', group: 'bitovi', status: 'broader', has: 'write', broad: false },
    ]);
    // alice: the group the policy knows (matchedGroups) first, the other listed.
    expect(report.suggestions[1]!.alternatives).toEqual(['payroll-observers']);
    expect(report.suggestions[1]!.why).toContain('has read on payroll, needs write: a broader role');
    expect(report.suggestions[2]!.notes).toEqual(['a system grant is broad: read in every namespace for everyone in bitovi']);
    expect(report.suggestions[0]!.yaml).toBe('clients:\n  workers:\n    - name: payroll-worker\n      grants:\n        bitovi-project: write\n');
  });

  it('each suggestion, merged into examples/okta.yaml, makes explain (custom mode) allow every call it covers', async () => {
    const okta = exampleData('okta');
    const report = await audit({ text: mixedLog() });
    const fixes = report.suggestions.filter((s) => s.patch);
    expect(fixes).toHaveLength(4);
    for (const s of fixes) {
      expect(await decisions(okta, s), `${s.identity.name} ${s.namespace}: denied before`).toContain(false);
      const merged = merge(okta, s);
      const v = await validate({ data: merged });
      expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(await decisions(merged, s), `${s.identity.name} ${s.namespace}: allowed after`).toEqual(s.apis.map(() => true));
    }
  });

  it('with --spec: a new grant, a broader role on the existing entry, or nothing when the spec already allows it', async () => {
    const text = [
      mixedLog(),
      // Denied before payroll-engineers got write (the spec has it now).
      line(decision({ subject: '00u-dave', principal: 'dave@acme.example', groups: ['payroll-engineers'], matchedGroups: ['payroll-engineers'], role: 'read', required: 'write' })),
    ].join('');
    const okta = exampleData('okta');
    const report = await audit({ text }, { spec: { file: examplePath('okta') } });
    const by = (name: string, ns: string) => report.suggestions.find((s) => s.identity.name === name && s.namespace === ns)!;
    expect(by('payroll-worker', 'bitovi-project')).toMatchObject({ status: 'new', has: 'none', hasFrom: 'spec', change: 'worker-grant' });
    expect(by('payroll-worker', 'bitovi-project').notes).toEqual([]);
    expect(by('bob@acme.example', 'bitovi-project')).toMatchObject({ status: 'broader', has: 'write', hasFrom: 'spec', action: 'change', group: 'bitovi' });
    expect(by('bob@acme.example', 'bitovi-project').why).toContain("has write on bitovi-project, needs admin: a broader role: give bitovi's existing grant the role admin");
    // engineering reads everywhere through its system grant.
    expect(by('alice@acme.example', 'payroll')).toMatchObject({ status: 'broader', has: 'read', action: 'add' });
    expect(by('dave@acme.example', 'payroll')).toMatchObject({ status: 'already', has: 'write', change: 'none' });
    expect(by('dave@acme.example', 'payroll').why).toMatch(/^already has write on payroll in this spec/);
    // The broader role replaces the entry's role: no second entry for the group (duplicate-grant).
    const merged = merge(okta, by('bob@acme.example', 'bitovi-project'));
    expect(merged.namespaces['bitovi-project'].grants).toEqual([{ group: 'bitovi', role: 'admin' }]);
    expect(await decisions(merged, by('bob@acme.example', 'bitovi-project'))).toEqual([true]);
  });

  it('a worker denied a cluster-scoped call, a person with no groups: no grant, and what does', async () => {
    const text = [
      line(decision({ reason: 'cluster-api', api: API('GetSearchAttributes'), namespace: '', worker: 'payroll-worker', clientId: '0oa-payroll', role: 'none', required: 'read' })),
      line(decision({ subject: 'svc-robot', clientId: 'robot', role: 'none', required: 'write' })),
      line(decision({ reason: 'unknown-api', api: '/temporal.api.workflowservice.v1.WorkflowService/Teleport', subject: 'x', groups: ['g'], role: 'admin' })),
    ].join('\n');
    const report = await audit({ text }, { spec: { file: examplePath('okta') } });
    expect(report.suggestions.map((s) => [s.identity.name, s.change])).toEqual([
      ['payroll-worker', 'none'],
      ['svc-robot', 'none'],
      ['x', 'none'],
    ]);
    expect(report.suggestions[0]!.why).toContain('a worker client gets namespace roles only');
    expect(report.suggestions[1]!.why).toContain('the identity provider must put it in a group');
    expect(report.suggestions[1]!.why).toContain('groups with write there in this spec: payroll-admins, payroll-engineers');
    expect(report.suggestions[1]!.why).toContain('declare it in clients.workers');
    expect(report.suggestions[2]!.why).toContain('the server does not know this method');
  });

  it('--namespace counts only that namespace', async () => {
    const report = await audit({ text: mixedLog() }, { namespace: 'bitovi-project' });
    expect(report.denials.map((d) => d.namespace)).toEqual(['bitovi-project', 'bitovi-project', 'bitovi-project']);
    expect(report.lines.filtered).toBe(5);
  });
});

describe('audit: hostile input', () => {
  const ESC = '\u001b[2J\u001b]0;pwned\u0007';
  const hostile = [
    line(decision({ namespace: `pay${ESC}roll`, subject: `eve${ESC}\u202e`, groups: [`grp${ESC}`], role: 'none', required: 'read' })),
    line(decision({ namespace: 'payroll', subject: 'mallory', groups: [`ops\u202eevil`, 'ops'], role: 'none', required: 'read' })),
  ].join('\n');

  it('prints control characters escaped, in text and JSON; a namespace that cannot be a name gets no grant', async () => {
    for (const output of ['text', 'json']) {
      const run = await runCli(['audit', logFile(hostile), '-o', output]);
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(run.stdout).toContain('\\u001b[2J');
      if (output === 'json') expect(JSON.parse(run.stdout).denials[0].namespace).toBe(`pay${ESC}roll`);
    }
    const report = await audit({ text: hostile });
    expect(report.suggestions[0]).toMatchObject({ change: 'none' });
    expect(report.suggestions[0]!.why).toContain('not a valid name');
    // A group with a bidi override: double-quoted in the YAML, escaped, and the same string when parsed.
    const s = report.suggestions[1]!;
    expect(s.yaml).toContain('"ops\\u202eevil"');
    expect(parse(s.yaml!)).toEqual(s.patch);
  });

  it('rejects forged lines (an extra field, a wrong type, a bad time, invalid UTF-8, cut short) by the schema and counts them', async () => {
    const forged = [
      JSON.stringify({ ...decision({}), decision: 'allow', forged: true }),
      JSON.stringify(decision({ namespace: 5 })),
      JSON.stringify(decision({ time: '2026-13-40T25:00:00Z' })),
      JSON.stringify({ ...decision({}), [`x${ESC}`]: 1 }),
      JSON.stringify(decision({ groups: Array.from({ length: 33 }, (_, i) => `g${i}`) })),
      '{"log":"temporal-auth.audit","v":1,"kind":"decision"',
    ];
    for (const f of forged.slice(0, 5)) expect(schemaValidate(JSON.parse(f)), f).toBe(false);
    const bytes = Buffer.concat([
      Buffer.from(`${forged.join('\n')}\n`),
      Buffer.from('{"log":"temporal-auth.audit","namespace":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}\n'),
      Buffer.from(`${line(decision({}))}\n`),
    ]);
    const file = logFile(bytes);
    const report = await audit({ file });
    expect(report.lines).toMatchObject({ total: 8, audit: 1, invalid: 7 });
    expect(report.counts.deny).toBe(1);
    expect(report.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5]);
    expect(report.problems[0]!.problem).toBe('the line has an unknown field "forged"');
    expect(report.problems[1]!.problem).toBe('field "namespace" is not a string');
    expect(report.problems[2]!.problem).toBe('field "time" is not an RFC 3339 date-time');
    expect(report.problems[3]!.problem).toBe('the line has an unknown field "x\\u001b[2J\\u001b]0;pwned\\u0007"');
    const run = await runCli(['audit', file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${file}:1: audit line the line has an unknown field "forged"\n`);
    expect(run.stderr).toContain(`${file}: 7 audit lines skipped in all (7 not what schemas/audit-line.schema.json says, 0 too long)\n`);
    expect(run.stderr).not.toContain('\u001b');
  });

  it('skips a 10 MiB line (counted, named) and reads on', async () => {
    const big = `{"log":"temporal-auth.audit","namespace":"${'A'.repeat(10 * 1024 * 1024)}"}`;
    const report = await audit({ file: logFile(`${line(decision({}))}\n${big}\n${line(decision({}))}\n`) });
    expect(report.lines).toMatchObject({ total: 3, audit: 2, tooLong: 1 });
    expect(report.problems).toEqual([{ line: 2, problem: `is ${big.length} bytes long, over the 65536-byte bound: skipped` }]);
  });

  it('an empty file: nothing to report, exit 0', async () => {
    const run = await runCli(['audit', logFile('')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(': 0 lines, 0 audit lines');
    expect(run.stdout).toContain('No denied calls.');
  });

  it('a directory, a FIFO or a missing file as FILE: exit 1, one line; stdin is read', async () => {
    const d = tempDir();
    mkdirSync(join(d, 'logs'));
    expect(spawnSync('mkfifo', [join(d, 'fifo')]).status).toBe(0);
    const cases: [string, RegExp][] = [
      [join(d, 'logs'), /is a directory/],
      [join(d, 'fifo'), /is not a regular file .*pipe it to stdin/],
      [join(d, 'missing.log'), /does not exist/],
    ];
    for (const [file, message] of cases) {
      const run = await runCli(['audit', file]);
      expect(run.code, file).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      await expect(audit({ file })).rejects.toMatchObject({ code: 'audit-log-unreadable' });
    }
    const run = await runCli(['audit', '-', '-o', 'json'], { stdin: mixedLog() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.source).toBe('-');
    expect(report.suggestions).toHaveLength(4);
  });

  it('bad flags and a bad --spec are bad input (exit 1)', async () => {
    expect((await runCli(['audit', '-o', 'yaml'], { stdin: '' })).code).toBe(1);
    const run = await runCli(['audit', logFile(mixedLog()), '--spec', logFile('kind: [')]);
    expect(run.code).toBe(1);
  });
});

describe('audit: the text report', () => {
  it('groups by identity, says what the rate limit dropped, and prints the YAML to paste', async () => {
    const run = await runCli(['audit', logFile(`${temporalLine(9)}\n${mixedLog()}`), '--spec', examplePath('okta')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout;
    expect(out).toContain('42 denials were not logged: the rate limit');
    expect(out).toContain('  worker payroll-worker (client ID 0oa-payroll)\n    bitovi-project  PollActivityTaskQueue: 1 denied; needs write;');
    expect(out).toContain('  bob@acme.example (subject 00u-bob), groups: bitovi\n    (none)  GetSearchAttributes: 1 denied; needs read;');
    expect(out).toContain('BROAD: cluster-wide');
    expect(out).toContain('      system:\n        grants:\n          - group: bitovi\n            role: read\n');
    expect(out).toContain('token rejected (expired): 1 would be denied;');
  });

  it('kubectl --timestamps alone, and CRLF line ends', async () => {
    const l = line(decision({ subject: 's', groups: ['g'], required: 'read', role: 'none' }));
    const report = await audit({ text: `2026-12-06T06:00:00.5Z ${l}\r\n${kubectl(l)}\r\n` });
    expect(report.lines).toMatchObject({ audit: 2, invalid: 0 });
    expect(report.denials[0]!.deny).toBe(2);
  });

  it("the README's example is what the shipped bin prints", () => {
    const d = tempDir();
    writeFileSync(join(d, 'frontend.log'), mixedLog());
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'temporal-auth.js'), 'audit', 'frontend.log', '--spec', examplePath('okta')], {
      cwd: d,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(r.status, r.stderr).toBe(0);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('$ temporal-auth audit frontend.log --spec examples/okta.yaml\n');
    expect(start).toBeGreaterThan(0);
    const example = readme.slice(readme.indexOf('\n', start) + 1, readme.indexOf('```', start));
    expect(example).toBe(r.stdout);
  });
});
