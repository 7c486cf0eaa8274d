import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DenialGroup } from '../src/audit/group.js';
import { NAMESPACE_NAME, patchYaml, suggest } from '../src/audit/suggest.js';
import { ROOT } from './helpers.js';

it("NAMESPACE_NAME is the spec schema's namespace name", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'temporal-auth.schema.json'), 'utf8'));
  expect(NAMESPACE_NAME.source).toBe(schema.$defs.namespaceName.pattern);
});

it('patchYaml double-quotes and escapes what a terminal must not see, and parses back to the same data', () => {
  for (const group of ['plain', 'yes', '', ' lead', 'a: b', '#x', 'e\u001b[31m', 'bidi\u202eevil', 'nl\nx', 'c1\u009b', 'ls\u2028x']) {
    const patch = { namespaces: { payroll: { grants: [{ group, role: 'write' }] } } };
    const text = patchYaml(patch);
    expect(text, JSON.stringify(group)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(parse(text), JSON.stringify(group)).toEqual(patch);
  }
});

const group = (fields: Partial<DenialGroup>): DenialGroup => ({
  identity: { kind: 'user', name: 'alice', groups: ['a', 'b'], matchedGroups: [] },
  namespace: 'payroll',
  api: '/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution',
  reason: 'namespace-api',
  required: 'read',
  deny: 1,
  wouldDeny: 0,
  first: '2026-12-06T06:00:00Z',
  last: '2026-12-06T06:00:00Z',
  ...fields,
});

it('one suggestion per identity and namespace: the strongest required role of its calls', () => {
  const s = suggest([group({ required: 'read' }), group({ api: 'x/UpdateNamespace', required: 'admin' }), group({ api: 'x/SignalWorkflowExecution', required: 'write' })]);
  expect(s).toHaveLength(1);
  expect(s[0]).toMatchObject({ role: 'admin', group: 'a', alternatives: ['b'], calls: 3, status: 'unknown', change: 'group-grant' });
});

it('cluster-scoped calls and calls that name no namespace: one system grant, broad', () => {
  const s = suggest([group({ reason: 'cluster-api', namespace: 'payroll', api: 'x/ListNamespaces' }), group({ reason: 'no-namespace', namespace: '', required: 'write' })]);
  expect(s).toHaveLength(1);
  expect(s[0]).toMatchObject({ scope: 'cluster', namespace: '', role: 'write', change: 'system-grant', broad: true, patch: { system: { grants: [{ group: 'a', role: 'write' }] } } });
  expect(s[0]!.notes.join(' ')).toContain('named no namespace');
});

it('a system grant for Web UI calls only says a namespace grant may be enough (lines from a server before ui-cluster-api); other cluster calls do not', () => {
  const ui = suggest([group({ reason: 'cluster-api', namespace: '', api: '/temporal.api.workflowservice.v1.WorkflowService/ListNamespaces' })]);
  expect(ui[0]!.notes.join(' ')).toContain('a namespace grant may be all this person needs');
  const other = suggest([group({ reason: 'cluster-api', namespace: '', api: '/temporal.api.workflowservice.v1.WorkflowService/GetSearchAttributes' })]);
  expect(other[0]!.notes.join(' ')).not.toContain('a namespace grant may be all');
});

it("a worker with a weaker role there: the change sets that entry's role", () => {
  const worker = { kind: 'worker' as const, name: 'payroll-worker', groups: [], matchedGroups: [] };
  const [s] = suggest([group({ identity: worker, required: 'write', had: 'read' })]);
  expect(s).toMatchObject({ change: 'worker-grant', action: 'change', status: 'broader', has: 'read', hasFrom: 'lines' });
  expect(s!.why).toBe('worker payroll-worker has read on payroll, needs write: a broader role: set payroll: write in its grants');
});
