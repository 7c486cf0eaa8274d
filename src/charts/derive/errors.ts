/**
 * Why a chart's profile cannot be derived from its files. Thrown by every module of
 * src/charts/derive/: the API turns each kind into its InputError code, the generator script
 * prints the message. `kind` is what callers tell them apart by, never the message.
 * - files: Chart.yaml or values.yaml is not YAML, or lacks what every chart has (a map; a name and version);
 * - not-temporal: Chart.yaml names another chart, or values.yaml has no internal frontend key;
 * - syntax: a template's actions do not scan or parse as Go templates;
 * - shape: a template (or values.yaml) no longer has the shape a fact is read from.
 */
export type ChartDeriveErrorKind = 'files' | 'not-temporal' | 'syntax' | 'shape';

export class ChartDeriveError extends Error {
  readonly kind: ChartDeriveErrorKind;
  constructor(kind: ChartDeriveErrorKind, message: string) {
    super(message);
    this.name = 'ChartDeriveError';
    this.kind = kind;
  }
}

/**
 * A template's shape is not the expected one: the error names where, what was expected and what
 * was found (the caller adds what to do: a maintainer updates src/charts/derive/, a user picks a
 * chart the tool reads).
 */
export function shape(ok: unknown, where: string, expected: string, found?: string): asserts ok {
  if (!ok) throw new ChartDeriveError('shape', `${where}: expected ${expected}${found !== undefined ? `, found: ${found}` : ''}`);
}
