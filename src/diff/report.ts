import { printable, printableJson } from '../util/printable.js';
import { type ObjectDrift, objectDrifts } from './compare-objects.js';
import type { ValueChange } from './compare-values.js';
import { isSecretLookingKey, redact } from './redact.js';

export type DiffSource = { kind: 'release'; name: string; namespace: string; revision: number; driver: string; server: string } | { kind: 'file'; path: string };

export interface DiffReport {
  source: DiffSource;
  chart: { target: string; live?: string; mismatch: boolean };
  changes: ValueChange[];
  /** Every Kubernetes object render writes, as the cluster has it ([] when no cluster was read). */
  objects: ObjectDrift[];
  drift: boolean;
}

/** A change with every value under a secret-looking key on its path redacted. */
function redactChange(c: ValueChange): ValueChange {
  // A value under a secret-looking key anywhere on its path (`x.credentials.user`) is hidden whole.
  const keys = c.path.replace(/\[[^\]]*\]/g, '').split('.');
  const leaf = keys[keys.length - 1] ?? '';
  const underSecret = keys.slice(0, -1).some(isSecretLookingKey);
  return {
    ...c,
    ...(c.live !== undefined ? { live: redact(c.live, leaf, underSecret) } : {}),
    ...(c.desired !== undefined ? { desired: redact(c.desired, leaf, underSecret) } : {}),
  };
}

/** Assembles the report; every value in it is already redacted, so any printer is safe. */
export function buildReport(parts: Omit<DiffReport, 'drift'>): DiffReport {
  const changes = parts.changes.map(redactChange);
  const objects = parts.objects.map((o) => (o.kind === 'Secret' ? o : { ...o, changes: o.changes.map(redactChange) }));
  return { ...parts, changes, objects, drift: changes.length > 0 || objects.some(objectDrifts) };
}

const show = (v: unknown) => printableJson(JSON.stringify(v) ?? 'undefined');

/** Every string in a plain object, printable (names, versions and paths the cluster chose). */
function printableFields<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? printable(v) : v])) as T;
}

/** The report as JSON text: the same data, with the characters JSON leaves raw escaped for the terminal. */
export function jsonView(report: DiffReport): string {
  return printableJson(JSON.stringify(report, null, 2));
}

/**
 * The view the text template renders: one line per change or key. Every
 * string in it is printable (the template adds only fixed text), so nothing
 * from the cluster can move the cursor, clear the screen or forge a line.
 */
export function textView(report: DiffReport) {
  const sign = { added: '+', removed: '-', changed: '~' } as const;
  const line = (c: ValueChange) => {
    const body = c.kind === 'changed' ? `${show(c.live)} -> ${show(c.desired)}` : show(c.kind === 'added' ? c.desired : c.live);
    return printable(`${sign[c.kind]} ${c.path}: ${body}${c.note ? `  (${c.note})` : ''}`);
  };
  return {
    ...report,
    source: printableFields(report.source),
    chart: printableFields(report.chart),
    isRelease: report.source.kind === 'release',
    changeLines: report.changes.map(line),
    objectViews: report.objects.map((o) => ({
      title: printable(`${o.kind} ${o.name} in ${o.namespace} (${o.file})`),
      present: o.present,
      drift: objectDrifts(o),
      // What to run when it is missing or differs: the file render writes it to.
      lines:
        o.kind === 'Secret'
          ? o.keys.map((k) => {
              const mark = { matches: 'ok', differs: 'DIFFERS', missing: 'MISSING', unchecked: 'not checked' }[k.state];
              return printable(`${k.key}: ${mark}${k.note ? ` (${k.note})` : ''}`);
            })
          : o.changes.map(line),
    })),
    count:
      report.changes.length +
      report.objects.reduce((n, o) => n + (!o.present ? 1 : o.kind === 'Secret' ? o.keys.filter((k) => k.state === 'missing' || k.state === 'differs').length : o.changes.length), 0),
  };
}
