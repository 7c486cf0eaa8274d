import { isUtf8 } from 'node:buffer';
import { printable } from '../util/printable.js';
import { validate } from './line-validator.generated.js';

/** The roles a decision line names (schemas/audit-line.schema.json). */
export type AuditRole = 'read' | 'write' | 'admin';
export type AuditReason = 'always-allowed' | 'no-token' | 'token-invalid' | 'unknown-api' | 'cluster-api' | 'ui-cluster-api' | 'no-namespace' | 'namespace-api';

/** One decision of the custom-auth server's frontend, as its audit log writes it. */
export interface DecisionLine {
  log: 'temporal-auth.audit';
  v: 1;
  kind: 'decision';
  time: string;
  decision: 'allow' | 'deny' | 'would-deny';
  enforce: boolean;
  reason: AuditReason;
  api: string;
  namespace: string;
  token: 'none' | 'invalid' | 'valid';
  tokenProblem?: string;
  subject?: string;
  principal?: string;
  clientId?: string;
  worker?: string;
  groups?: string[];
  matchedGroups?: string[];
  role?: 'none' | 'worker' | AuditRole;
  required?: AuditRole;
  sampleRate?: number;
  truncated?: string[];
}

/** Written when the server's rate limit dropped decision lines. */
export interface DroppedLine {
  log: 'temporal-auth.audit';
  v: 1;
  kind: 'dropped';
  time: string;
  since: string;
  dropped: { allow?: number; deny?: number; 'would-deny'?: number };
}

export type AuditLine = DecisionLine | DroppedLine;

export type ParsedLine = { kind: 'other' } | { kind: 'invalid'; problem: string } | { kind: 'audit'; line: AuditLine };

/** The `log` value of audit lines; a line without it anywhere is not one (and is never decoded). */
export const AUDIT_MARK = 'temporal-auth.audit';
const MARK = Buffer.from(AUDIT_MARK);

// kubectl logs --prefix: `[pod/<name>/<container>] `; --timestamps: an RFC 3339 time and a space.
const KUBECTL_PREFIX = /^\[[^\]\n]{1,512}\] /;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d) /;

/** The line without what kubectl puts before it (either order). */
export function stripPrefixes(text: string): string {
  let t = text;
  for (let i = 0; i < 2; i++) {
    const m = KUBECTL_PREFIX.exec(t) ?? TIMESTAMP.exec(t);
    if (!m) break;
    t = t.slice(m[0].length);
  }
  return t;
}

/** At most 64 characters of text from the line, escaped for a terminal. */
const quote = (value: unknown) => {
  const text = String(value);
  return printable(JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}...` : text));
};

/** The schema's first complaint about `data`, in one phrase (the branch its `kind` picks). */
function schemaProblem(data: Record<string, unknown>): string {
  const branch = data.kind === 'dropped' ? '#/$defs/dropped' : '#/$defs/decision';
  const errors = (validate.errors ?? []).filter((e) => e.schemaPath.startsWith(branch));
  const e = errors[0] ?? validate.errors?.[0];
  if (!e) return 'does not match schemas/audit-line.schema.json';
  const field = e.instancePath === '' ? 'the line' : `field ${quote(e.instancePath.slice(1).replace(/~1/g, '/').replace(/~0/g, '~'))}`;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${field} has an unknown field ${quote(p.additionalProperty)}`;
    case 'required':
      return `${field} lacks the field ${quote(p.missingProperty)}`;
    case 'type':
      return `${field} is not a${String(p.type).startsWith('a') || String(p.type).startsWith('o') || String(p.type).startsWith('i') ? 'n' : ''} ${String(p.type)}`;
    case 'enum':
      return `${field} is not one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${field} is not ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return `${field} is not an RFC 3339 ${String(p.format)}`;
    case 'maxLength':
    case 'maxItems':
      return `${field} is longer than ${String(p.limit)}`;
    default:
      return `${field} ${printable(e.message ?? `fails ${e.keyword}`)}`;
  }
}

/**
 * One line of the input: an audit line (valid against the schema), another
 * program's line (Temporal's own log lines, anything else: skipped), or an
 * audit line that is not what the schema says (counted, with why).
 */
export function parseLine(bytes: Buffer): ParsedLine {
  if (bytes.indexOf(MARK) === -1) return { kind: 'other' };
  if (!isUtf8(bytes)) return { kind: 'invalid', problem: 'is not valid UTF-8' };
  const text = stripPrefixes(bytes.toString('utf8'));
  if (text.charCodeAt(0) !== 0x7b /* { */) return { kind: 'other' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'invalid', problem: 'is not valid JSON (cut short?)' };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || (data as Record<string, unknown>).log !== AUDIT_MARK) return { kind: 'other' };
  if (!validate(data)) return { kind: 'invalid', problem: schemaProblem(data as Record<string, unknown>) };
  return { kind: 'audit', line: data as AuditLine };
}
