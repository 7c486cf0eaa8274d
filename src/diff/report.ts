import type { SecretKeyCheck } from './secret-check.js';
import type { ValueChange } from './compare-values.js';
import { redact } from './redact.js';

export type DiffSource =
  | { kind: 'release'; name: string; namespace: string; revision: number; driver: string; server: string }
  | { kind: 'file'; path: string };

export interface DiffReport {
  source: DiffSource;
  chart: { target: string; live?: string; mismatch: boolean };
  changes: ValueChange[];
  secret?: { name: string; namespace: string; present: boolean; keys: SecretKeyCheck[] };
  drift: boolean;
}

/** Assembles the report; every value in it is already redacted, so any printer is safe. */
export function buildReport(parts: Omit<DiffReport, 'drift' | 'changes'> & { changes: ValueChange[] }): DiffReport {
  const changes = parts.changes.map((c) => {
    const leaf = c.path.replace(/\[.*\]$/, '').split('.').pop() ?? '';
    return {
      ...c,
      ...(c.live !== undefined ? { live: redact(c.live, leaf) } : {}),
      ...(c.desired !== undefined ? { desired: redact(c.desired, leaf) } : {}),
    };
  });
  const secretDrift = parts.secret ? !parts.secret.present || parts.secret.keys.some((k) => k.state === 'missing' || k.state === 'differs') : false;
  return { ...parts, changes, drift: changes.length > 0 || secretDrift };
}

const show = (v: unknown) => JSON.stringify(v);

/** The view the text template renders: one line per change or key. */
export function textView(report: DiffReport) {
  const sign = { added: '+', removed: '-', changed: '~' } as const;
  return {
    ...report,
    isRelease: report.source.kind === 'release',
    changeLines: report.changes.map((c) => {
      const body = c.kind === 'changed' ? `${show(c.live)} -> ${show(c.desired)}` : show(c.kind === 'added' ? c.desired : c.live);
      return `${sign[c.kind]} ${c.path}: ${body}${c.note ? `  (${c.note})` : ''}`;
    }),
    secretLines: report.secret?.keys.map((k) => {
      const mark = { matches: 'ok', differs: 'DIFFERS', missing: 'MISSING', unchecked: 'not checked' }[k.state];
      return `${k.key}: ${mark}${k.note ? ` (${k.note})` : ''}`;
    }),
    count: report.changes.length + (report.secret?.keys.filter((k) => k.state === 'missing' || k.state === 'differs').length ?? 0) + (report.secret && !report.secret.present ? 1 : 0),
  };
}
