import { expect, it } from 'vitest';
import { AuditGrouper, before, MAX_GROUPS } from '../src/audit/group.js';
import type { DecisionLine } from '../src/audit/parse.js';

it('orders RFC 3339 times of any fraction length and offset', () => {
  expect(before('2026-12-06T06:00:00.1Z', '2026-12-06T06:00:00.12Z')).toBe(true);
  expect(before('2026-12-06T06:00:00.12Z', '2026-12-06T06:00:00.1Z')).toBe(false);
  expect(before('2026-12-06T07:00:00+02:00', '2026-12-06T06:00:00Z')).toBe(true);
  expect(before('2026-12-06T06:00:00Z', '2026-12-06T06:00:01Z')).toBe(true);
  expect(before('2026-12-31T23:59:59Z', '2026-12-31T23:59:60Z')).toBe(true);
});

const line = (i: number, fields: Partial<DecisionLine> = {}): DecisionLine => ({
  log: 'temporal-auth.audit',
  v: 1,
  kind: 'decision',
  time: '2026-12-06T06:00:00Z',
  decision: 'deny',
  enforce: true,
  reason: 'namespace-api',
  api: 'x/StartWorkflowExecution',
  namespace: `ns-${i}`,
  token: 'valid',
  subject: 's',
  groups: ['g'],
  required: 'write',
  ...fields,
});

it('keeps at most MAX_GROUPS groups; the rest are counted as ungrouped', () => {
  const g = new AuditGrouper();
  for (let i = 0; i < MAX_GROUPS + 10; i++) g.addDecision(line(i));
  g.addDecision(line(0, { time: '2026-12-06T07:00:00Z', role: 'read' }));
  expect(g.denialGroups()).toHaveLength(MAX_GROUPS);
  expect(g.counts).toMatchObject({ deny: MAX_GROUPS + 11, ungrouped: 10 });
  const first = g.denialGroups().find((d) => d.namespace === 'ns-0')!;
  expect(first).toMatchObject({ deny: 2, first: '2026-12-06T06:00:00Z', last: '2026-12-06T07:00:00Z', had: 'read' });
  // New callers over the bound keep nothing: their identities are not held either.
  for (let i = 0; i < 1000; i++) g.addDecision(line(0, { subject: `other-${i}` }));
  expect(g.counts.ungrouped).toBe(1010);
  expect((g as unknown as { identities: Map<string, unknown> }).identities.size).toBe(1);
});

it("a person's groups across tokens: all of them, in the order first seen", () => {
  const g = new AuditGrouper();
  g.addDecision(line(0, { groups: ['a', 'b'], matchedGroups: ['b'] }));
  g.addDecision(line(0, { groups: ['c', 'a'], matchedGroups: ['c'] }));
  expect(g.denialGroups()[0]!.identity).toMatchObject({ kind: 'user', name: 's', groups: ['a', 'b', 'c'], matchedGroups: ['b', 'c'] });
});
