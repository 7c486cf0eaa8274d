import { chartProfile } from '../charts/index.js';
import type { ChartProfile } from '../charts/profile.js';
import { type Finding, hasErrors, sortFindings } from './finding.js';
import { RULES } from './rules/index.js';
import type { RuleHit } from './rules/rule.js';
import { type SchemaIssue, validateSchema } from './schema.js';
import { type LoadResult, loadYamlFile, locate, parseYamlText, type YamlSource } from './source.js';
import type { AuthSpec } from './spec.types.generated.js';
import { valueAt } from './value-at.js';

export interface ValidateOptions {
  /** Overrides the spec's chart.version (render --chart-version). */
  chartVersion?: string;
  /** The user's own Helm values file (--values). */
  valuesFile?: string;
  /** The user's own Helm values, already loaded (instead of valuesFile). */
  values?: LoadResult;
  /**
   * A profile derived from the user's chart (render --chart PATH), in place of the built-in
   * profile of the spec's chart.version, and where the chart was read from.
   */
  chart?: { profile: ChartProfile; path: string };
}

export interface ValidatedSpec {
  findings: Finding[];
  /** Present when there are no errors: the spec with schema defaults applied. */
  spec?: AuthSpec;
  source?: YamlSource;
  userValues?: YamlSource;
  chart?: ChartProfile;
}

/** Load -> JSON Schema -> lint: every problem in the inputs as a located finding. */
export async function validateSpecFile(file: string, options: ValidateOptions = {}): Promise<ValidatedSpec> {
  return validateLoaded(await loadYamlFile(file), options);
}

/** The same for a spec already in memory (tests, fuzzing); `file` names it in findings. */
export async function validateSpecText(file: string, text: string, options: ValidateOptions = {}): Promise<ValidatedSpec> {
  return validateLoaded(parseYamlText(file, text), options);
}

/** The same for a spec already parsed. */
export async function validateLoaded(loaded: LoadResult, options: ValidateOptions = {}): Promise<ValidatedSpec> {
  let userValues: YamlSource | undefined;
  const findings: Finding[] = [];
  const values = options.values ?? (options.valuesFile ? await loadYamlFile(options.valuesFile, 'values') : undefined);
  if (values) {
    if (values.ok) userValues = values.source;
    else for (const f of values.findings) findings.push(f);
  }
  if (!loaded.ok) return { findings: sortFindings([...loaded.findings, ...findings]) };
  const source = loaded.source;

  const schema = validateSchema(source.data);
  if (!schema.ok) {
    // A loop, not push(...): a large spec can have more findings than a call takes arguments.
    // Indexed: a for-of allocates a result per item until the loop is optimised (250,000 of them).
    for (let i = 0; i < schema.issues.length; i++) findings.push(schemaFinding(source, schema.issues[i]!));
    return { findings: sortFindings(findings), source, userValues };
  }
  const spec = schema.spec;
  // The chart given (render --chart) is the version in force, whatever the spec says (chart-version-differs says so).
  const chartVersion = options.chart?.profile.chartVersion ?? options.chartVersion ?? spec.chart.version;
  const chart = options.chart?.profile ?? chartProfile(chartVersion);
  const chartPath = options.chart?.path;
  for (const rule of RULES) {
    for (const hit of rule.check?.({ spec, chartVersion, chart, userValues, chartPath }) ?? []) {
      findings.push(hitFinding(hit.in === 'values' && userValues ? userValues : source, rule.id, rule.severity, hit));
    }
  }
  const sorted = sortFindings(findings);
  return hasErrors(sorted) ? { findings: sorted, source, userValues, chart } : { findings: sorted, spec, source, userValues, chart };
}

function schemaFinding(source: YamlSource, issue: SchemaIssue): Finding {
  const value = valueAt(source.data, issue.path);
  for (const rule of RULES) {
    const message = rule.explainSchemaIssue?.(issue, value);
    if (message) return hitFinding(source, rule.id, rule.severity, { path: issue.path, at: issue.at, message });
  }
  return hitFinding(source, 'schema', 'error', { path: issue.path, at: issue.at, message: issue.message });
}

function hitFinding(source: YamlSource, rule: string, severity: Finding['severity'], hit: RuleHit): Finding {
  const { line, col } = locate(source, hit.path, hit.at);
  const where = hit.path.length > 0 ? `${hit.path.join('.')}: ` : '';
  return { file: source.file, line, col, severity: hit.severity ?? severity, rule, message: `${where}${hit.message}` };
}
