import type { AuditRole, DecisionLine, DroppedLine } from './parse.js';

/** Who was denied: a worker client of the spec, a person (or other caller) with a token, or a caller without a usable one. */
export interface AuditIdentity {
  kind: 'worker' | 'user' | 'none';
  /** The worker's name; else the principal, the subject or the client ID; '' for none. */
  name: string;
  subject?: string;
  principal?: string;
  clientId?: string;
  /** Every group the identity's tokens carried, in the order first seen. */
  groups: string[];
  /** The groups the policy grants something (the server's matchedGroups), in the order first seen. */
  matchedGroups: string[];
}

interface Times {
  first: string;
  last: string;
}

/** Denied (or would-be denied) calls of one identity to one API in one namespace. */
export interface DenialGroup extends Times {
  identity: AuditIdentity;
  namespace: string;
  api: string;
  reason: DecisionLine['reason'];
  /** The strongest role the calls needed (absent when the server named none: an unknown API). */
  required?: AuditRole;
  /** The role the server compared on the latest of these calls. */
  had?: DecisionLine['role'];
  deny: number;
  wouldDeny: number;
}

/** Denials no grant fixes: the call carried no token, or one the server rejected. */
export interface TokenProblem extends Times {
  reason: 'no-token' | 'token-invalid';
  /** token-invalid: the server's reason (expired, signature, audience, ...). */
  tokenProblem?: string;
  deny: number;
  wouldDeny: number;
  /** A few of the APIs called, most called first. */
  apis: string[];
}

export interface Counts {
  allow: number;
  deny: number;
  wouldDeny: number;
  /** allow lines weighted by 1/sampleRate: about how many calls they stand for. */
  allowEstimate: number;
  /** Lines the rate limit dropped, from the server's `dropped` lines. */
  dropped: { allow: number; deny: number; wouldDeny: number };
  /** Denials beyond the bound on distinct (identity, namespace, API): counted only. */
  ungrouped: number;
}

/** At most this many distinct (identity, namespace, API) groups are kept; hostile input cannot grow memory without bound. */
export const MAX_GROUPS = 100_000;
const ORDER: Record<AuditRole, number> = { read: 1, write: 2, admin: 3 };

/** The stronger of two required roles (read < write < admin). */
export function strongerRequired(a: AuditRole | undefined, b: AuditRole | undefined): AuditRole | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return ORDER[b] > ORDER[a] ? b : a;
}

/** Whether RFC 3339 time `a` is before `b` (fractions of any length, any offset; a leap second by its text). */
export function before(a: string, b: string): boolean {
  // The server writes UTC: times of one length in Z compare as text (the common case, no parsing).
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a < b;
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isNaN(x) || Number.isNaN(y) || x === y ? a < b : x < y;
}

function widen(t: Times, time: string): void {
  if (before(time, t.first)) t.first = time;
  if (before(t.last, time)) t.last = time;
}

function addAll(list: string[], seen: Set<string>, values: readonly string[] | undefined): void {
  for (const v of values ?? []) {
    if (!seen.has(v)) {
      seen.add(v);
      list.push(v);
    }
  }
}

/**
 * Groups decision lines as they stream by: denials by identity, namespace and
 * API; token problems by reason; allows only counted. Memory grows with the
 * distinct groups (bounded by MAX_GROUPS), not with the lines.
 */
export class AuditGrouper {
  readonly counts: Counts = { allow: 0, deny: 0, wouldDeny: 0, allowEstimate: 0, dropped: { allow: 0, deny: 0, wouldDeny: 0 }, ungrouped: 0 };
  period?: Times;
  private readonly identities = new Map<string, { identity: AuditIdentity; groups: Set<string>; matched: Set<string> }>();
  private readonly denials = new Map<string, DenialGroup>();
  private readonly tokens = new Map<string, TokenProblem & { apiCounts: Map<string, number> }>();

  addDropped(line: DroppedLine): void {
    this.counts.dropped.allow += line.dropped.allow ?? 0;
    this.counts.dropped.deny += line.dropped.deny ?? 0;
    this.counts.dropped.wouldDeny += line.dropped['would-deny'] ?? 0;
  }

  addDecision(line: DecisionLine): void {
    if (this.period) widen(this.period, line.time);
    else this.period = { first: line.time, last: line.time };
    if (line.decision === 'allow') {
      this.counts.allow++;
      this.counts.allowEstimate += 1 / (line.sampleRate ?? 1);
      return;
    }
    const shadow = line.decision === 'would-deny';
    if (shadow) this.counts.wouldDeny++;
    else this.counts.deny++;
    if (line.reason === 'no-token' || line.reason === 'token-invalid') {
      this.addTokenProblem(line, shadow);
      return;
    }
    const kind = line.worker !== undefined ? 'worker' : line.principal !== undefined || line.subject !== undefined || line.clientId !== undefined ? 'user' : 'none';
    const name = line.worker ?? line.principal ?? line.subject ?? line.clientId ?? '';
    const key = `${kind}\u0000${name}\u0000${line.namespace}\u0000${line.api}`;
    let group = this.denials.get(key);
    // Over the bound, nothing new is kept: not the group, nor its identity.
    if (!group && this.denials.size >= MAX_GROUPS) {
      this.counts.ungrouped++;
      return;
    }
    const identity = this.identityOf(line, kind, name);
    if (!group) {
      group = { identity, namespace: line.namespace, api: line.api, reason: line.reason, deny: 0, wouldDeny: 0, first: line.time, last: line.time };
      this.denials.set(key, group);
    } else widen(group, line.time);
    if (shadow) group.wouldDeny++;
    else group.deny++;
    group.required = strongerRequired(group.required, line.required);
    if (line.time === group.last) {
      group.had = line.role;
      group.reason = line.reason;
    }
  }

  private identityOf(line: DecisionLine, kind: AuditIdentity['kind'], name: string): AuditIdentity {
    const key = `${kind}\u0000${name}`;
    let entry = this.identities.get(key);
    if (!entry) {
      const identity: AuditIdentity = { kind, name, groups: [], matchedGroups: [] };
      if (line.subject !== undefined) identity.subject = line.subject;
      if (line.principal !== undefined) identity.principal = line.principal;
      if (line.clientId !== undefined) identity.clientId = line.clientId;
      entry = { identity, groups: new Set(), matched: new Set() };
      this.identities.set(key, entry);
    }
    // A person's groups change between tokens: all of them, bounded by the schema's 32 per line.
    if (entry.groups.size < 1024) addAll(entry.identity.groups, entry.groups, line.groups);
    if (entry.matched.size < 1024) addAll(entry.identity.matchedGroups, entry.matched, line.matchedGroups);
    return entry.identity;
  }

  private addTokenProblem(line: DecisionLine, shadow: boolean): void {
    const reason = line.reason as TokenProblem['reason'];
    const key = `${reason}\u0000${line.tokenProblem ?? ''}`;
    let p = this.tokens.get(key);
    if (!p) {
      if (this.tokens.size >= 1024) {
        this.counts.ungrouped++;
        return;
      }
      p = { reason, deny: 0, wouldDeny: 0, apis: [], apiCounts: new Map(), first: line.time, last: line.time };
      if (line.tokenProblem !== undefined) p.tokenProblem = line.tokenProblem;
      this.tokens.set(key, p);
    } else widen(p, line.time);
    if (shadow) p.wouldDeny++;
    else p.deny++;
    if (p.apiCounts.has(line.api) || p.apiCounts.size < 256) p.apiCounts.set(line.api, (p.apiCounts.get(line.api) ?? 0) + 1);
  }

  /** The denial groups: identity (workers, then people, then the rest), namespace, API; each group's identity is the final one. */
  denialGroups(): DenialGroup[] {
    const kindOrder = { worker: 0, user: 1, none: 2 };
    return [...this.denials.values()].sort(
      (a, b) => kindOrder[a.identity.kind] - kindOrder[b.identity.kind] || compare(a.identity.name, b.identity.name) || compare(a.namespace, b.namespace) || compare(a.api, b.api),
    );
  }

  tokenProblems(): TokenProblem[] {
    return [...this.tokens.values()]
      .map(({ apiCounts, ...p }) => ({
        ...p,
        apis: [...apiCounts]
          .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
          .slice(0, 5)
          .map(([api]) => api),
      }))
      .sort((a, b) => compare(a.reason, b.reason) || compare(a.tokenProblem ?? '', b.tokenProblem ?? ''));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
