import type { AuthModel } from '../model/model.js';
import { AuditGrouper, type Counts, type DenialGroup, type TokenProblem } from './group.js';
import { parseLine } from './parse.js';
import { splitLines } from './split.js';
import { type Suggestion, suggest } from './suggest.js';

/** Lines longer than this are skipped (and counted) without being held whole. */
export const MAX_LINE_BYTES = 64 * 1024;
/** How many invalid lines the report names (all are counted). */
export const INVALID_EXAMPLES = 5;

export interface AuditReport {
  /** The report's format version. */
  version: 1;
  /** The input's name (the file, or `-` for stdin). */
  source: string;
  /** Only lines of this namespace were counted (dropped lines cover every namespace). */
  namespace?: string;
  lines: {
    /** Every line read. */
    total: number;
    /** Valid audit lines (decision and dropped). */
    audit: number;
    /** Other programs' lines (Temporal's own log): skipped. */
    other: number;
    /** Audit lines that are not what schemas/audit-line.schema.json says: skipped. */
    invalid: number;
    /** Lines over the length bound: skipped. */
    tooLong: number;
    /** Decision lines of another namespace than --namespace. */
    filtered: number;
  };
  /** The first few invalid (or too long) lines: line number and what is wrong, escaped for a terminal. */
  problems: { line: number; problem: string }[];
  /** The first and last decision time seen. */
  period?: { first: string; last: string };
  counts: Counts;
  denials: DenialGroup[];
  tokenProblems: (TokenProblem & { fix: string })[];
  suggestions: Suggestion[];
}

export interface ReadOptions {
  source: string;
  namespace?: string;
  model?: AuthModel;
  maxLineBytes?: number;
}

const TOKEN_FIXES: Record<string, string> = {
  expired: 'renew tokens before they expire (a worker: fetch a new token before exp; people: sign in again)',
  audience: "request tokens for the audience the server expects (the spec's issuer.audience)",
  issuer: "use tokens from the spec's issuer (issuer.url, exactly)",
  signature: "the token was not signed by the issuer's current keys: check the issuer URL and that the token is not altered",
  kid: "the token's key is not in the issuer's JWKS: a token from another issuer, or keys rotated (the server refreshes them)",
};

function tokenFix(p: TokenProblem): string {
  if (p.reason === 'no-token') return 'no grant fixes this: the caller sent no token; send one (a worker: its Secret and a token from the client_credentials grant; the Web UI: sign in)';
  const known = p.tokenProblem === undefined ? undefined : Object.entries(TOKEN_FIXES).find(([k]) => p.tokenProblem!.toLowerCase().includes(k))?.[1];
  return `no grant fixes this: the server rejected the token${p.tokenProblem === undefined ? '' : ` (${p.tokenProblem})`}; ${known ?? 'fix the token, not the grants (temporal-auth explain --token ... --verify says why)'}`;
}

/**
 * Reads audit lines from a stream of bytes: a line at a time (never the whole
 * input), each at most maxLineBytes, in time linear in the input; skips other
 * programs' lines; validates every audit line against the schema; groups the
 * denials and suggests the grants that would allow them.
 */
export async function readAudit(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: ReadOptions): Promise<AuditReport> {
  const grouper = new AuditGrouper();
  const lines: AuditReport['lines'] = { total: 0, audit: 0, other: 0, invalid: 0, tooLong: 0, filtered: 0 };
  const problems: AuditReport['problems'] = [];
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const split = await splitLines(
    chunks,
    maxLineBytes,
    (bytes, lineNo) => {
      const parsed = parseLine(bytes);
      if (parsed.kind === 'other') {
        lines.other++;
        return;
      }
      if (parsed.kind === 'invalid') {
        lines.invalid++;
        if (problems.length < INVALID_EXAMPLES) problems.push({ line: lineNo, problem: parsed.problem });
        return;
      }
      lines.audit++;
      const line = parsed.line;
      if (line.kind === 'dropped') grouper.addDropped(line);
      else if (options.namespace !== undefined && line.namespace !== options.namespace) lines.filtered++;
      else grouper.addDecision(line);
    },
    (lineNo, bytes) => {
      if (problems.length < INVALID_EXAMPLES) problems.push({ line: lineNo, problem: `is ${bytes} bytes long, over the ${maxLineBytes}-byte bound: skipped` });
    },
  );
  lines.total = split.lines;
  lines.tooLong = split.tooLong;
  const denials = grouper.denialGroups();
  return {
    version: 1,
    source: options.source,
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    lines,
    problems,
    ...(grouper.period ? { period: grouper.period } : {}),
    counts: grouper.counts,
    denials,
    tokenProblems: grouper.tokenProblems().map((p) => ({ ...p, fix: tokenFix(p) })),
    suggestions: suggest(denials, options.model),
  };
}
