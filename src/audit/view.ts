import { printable } from '../util/printable.js';
import type { AuditIdentity } from './group.js';
import type { AuditReport } from './report.js';

/** A gRPC method as people read it: the method, after its service unless that is WorkflowService. */
export function shortApi(api: string): string {
  const parts = api.split('/');
  const method = parts.pop() ?? api;
  const service = parts.pop()?.split('.').pop();
  return service === undefined || service === '' || service === 'WorkflowService' ? method : `${service}/${method}`;
}

function identityLabel(identity: AuditIdentity): string {
  if (identity.kind === 'worker') return `worker ${identity.name}${identity.clientId !== undefined ? ` (client ID ${identity.clientId})` : ''}`;
  if (identity.kind === 'none') return 'a caller with no subject or client ID';
  const also = identity.subject !== undefined && identity.subject !== identity.name ? ` (subject ${identity.subject})` : '';
  return `${identity.name}${also}, groups: ${identity.groups.length > 0 ? identity.groups.join(', ') : 'none'}`;
}

const ns = (namespace: string) => (namespace === '' ? '(none)' : namespace);

/**
 * The report as the text template (templates/audit-report.hbs) shows it:
 * every value from the log escaped for a terminal (printable), numbers as
 * counted. Denial rows grouped under their identity.
 */
export function auditTextView(report: AuditReport) {
  const p = printable;
  const identities: { label: string; rows: { namespace: string; api: string; calls: string; required: string; first: string; last: string }[] }[] = [];
  let current: { key: string; entry: (typeof identities)[number] } | undefined;
  for (const d of report.denials) {
    const key = `${d.identity.kind}\u0000${d.identity.name}`;
    if (current?.key !== key) {
      current = { key, entry: { label: p(identityLabel(d.identity)), rows: [] } };
      identities.push(current.entry);
    }
    const calls = [d.deny > 0 ? `${d.deny} denied` : '', d.wouldDeny > 0 ? `${d.wouldDeny} would be denied` : ''].filter(Boolean).join(', ');
    current.entry.rows.push({ namespace: p(ns(d.namespace)), api: p(shortApi(d.api)), calls, required: d.required ?? 'unknown API', first: p(d.first), last: p(d.last) });
  }
  const c = report.counts;
  return {
    source: p(report.source),
    namespace: report.namespace === undefined ? undefined : p(report.namespace),
    lines: report.lines,
    counts: c,
    period: report.period ? { first: p(report.period.first), last: p(report.period.last) } : undefined,
    droppedDenials: c.dropped.deny + c.dropped.wouldDeny,
    droppedAllows: c.dropped.allow,
    denialCount: c.deny + c.wouldDeny,
    identities,
    suggestions: report.suggestions.map((s) => ({
      title: p(`${identityLabel(s.identity)}: ${s.scope === 'cluster' ? 'cluster-wide' : `namespace ${ns(s.namespace)}`}`),
      why: p(s.why),
      apis: p(s.apis.map(shortApi).join(', ')),
      calls: s.calls,
      yamlLines: s.yaml === undefined ? [] : s.yaml.replace(/\n$/, '').split('\n'),
      alternatives: s.alternatives && s.alternatives.length > 0 ? p(s.alternatives.join(', ')) : undefined,
      notes: s.notes.map(p),
      broad: s.broad,
    })),
    tokenProblems: report.tokenProblems.map((t) => ({
      label: p(t.reason === 'no-token' ? 'no token' : `token rejected${t.tokenProblem === undefined ? '' : ` (${t.tokenProblem})`}`),
      deny: t.deny,
      wouldDeny: t.wouldDeny,
      first: p(t.first),
      last: p(t.last),
      apis: p(t.apis.map(shortApi).join(', ')),
      fix: p(t.fix),
    })),
    ungrouped: c.ungrouped,
  };
}
