/** Type of a key in a chart's values.yaml: `list`, `emptyMap` and `null` hold free-form content. */
export type ValuesKeyKind = 'map' | 'emptyMap' | 'list' | 'string' | 'number' | 'boolean' | 'null';
export type ChartValuesKeys = Readonly<Record<string, ValuesKeyKind>>;

/** How the chart labels its pods (templates/_helpers.tpl), for selectors. */
export interface ChartPodLabels {
  /** `app.kubernetes.io/name`: the chart name, or nameOverride. */
  name: string;
  /** `app.kubernetes.io/instance`: the release name. */
  instance: string;
  /** `app.kubernetes.io/component`: the service, `admintools`, `web`, or `database` for the schema and namespace jobs. */
  component: string;
  serverComponents: readonly string[];
  admintoolsComponent: string;
  jobComponent: string;
}

/** Ports the internal frontend's pods listen on (the chart's service ports double as container ports). */
export interface InternalFrontendPorts {
  grpc: number;
  membership: number;
  http: number;
}

// From the chart's helpers as documented for 0.74.0 and 1.6.0 (identical there);
// 0.65.0 and 1.0.0 sit between them and are taken to match.
const POD_LABELS: ChartPodLabels = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  serverComponents: ['frontend', 'internal-frontend', 'history', 'matching', 'worker'],
  admintoolsComponent: 'admintools',
  jobComponent: 'database',
};

export interface ChartProfile {
  chartVersion: string;
  /** Temporal server version the chart's default image runs. */
  appVersion: string;
  keys: ChartValuesKeys;
  /** `internalFrontend` (0.53 .. 0.74) or `internal-frontend` (1.0.0-rc.3 on; 1.1+ fails on the old key). */
  internalFrontendKey: 'internalFrontend' | 'internal-frontend';
  /** Keys the chart's templates read that its values.yaml only documents in comments. */
  passthrough: readonly string[];
  podLabels: ChartPodLabels;
  internalFrontendPorts: InternalFrontendPorts;
}

export function makeProfile(generated: { chartVersion: string; appVersion: string; keys: ChartValuesKeys; internalFrontendPorts: InternalFrontendPorts }): ChartProfile {
  const { keys } = generated;
  const internalFrontendKey = keys['server.internal-frontend'] ? 'internal-frontend' : keys['server.internalFrontend'] ? 'internalFrontend' : undefined;
  if (!internalFrontendKey) throw new Error(`chart ${generated.chartVersion} declares no internal-frontend key`);
  return {
    ...generated,
    internalFrontendKey,
    // Copied as is into the server config's global.authorization (chart >= 0.45).
    passthrough: ['server.config.authorization'],
    podLabels: POD_LABELS,
  };
}

export interface PathProblem {
  path: string;
  problem: string;
}

function kindOfValue(value: unknown): 'map' | 'list' | 'scalar' {
  if (Array.isArray(value)) return 'list';
  if (value !== null && typeof value === 'object') return 'map';
  return 'scalar';
}

/**
 * Every key path in `values` must exist in the chart (with a compatible type)
 * or sit inside free-form content the chart passes through. A path the chart
 * does not know is silently ignored by Helm, so this is how a renamed key
 * (internalFrontend -> internal-frontend) is caught before a user finds out.
 */
export function checkValuesAgainstProfile(values: Record<string, unknown>, profile: ChartProfile): PathProblem[] {
  const problems: PathProblem[] = [];
  const visit = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (profile.passthrough.includes(path)) continue;
      const declared = profile.keys[path];
      const actual = kindOfValue(child);
      if (!declared) {
        problems.push({ path, problem: `chart ${profile.chartVersion} has no key ${path}` });
        continue;
      }
      if (declared === 'null') continue; // documented as free-form or unset: anything goes
      if (declared === 'list' ? actual !== 'list' : declared === 'map' || declared === 'emptyMap' ? actual !== 'map' : actual !== 'scalar') {
        problems.push({ path, problem: `chart ${profile.chartVersion} declares ${path} as ${declared}, not ${actual}` });
        continue;
      }
      if (declared === 'map') visit(child as Record<string, unknown>, path);
    }
  };
  visit(values, '');
  return problems;
}
