/** Type of a key in a chart's values.yaml: `list`, `emptyMap` and `null` hold free-form content. */
export type ValuesKeyKind = 'map' | 'emptyMap' | 'list' | 'string' | 'number' | 'boolean' | 'null';
export type ChartValuesKeys = Readonly<Record<string, ValuesKeyKind>>;

/**
 * How the chart labels its pods (templates/_helpers.tpl, temporal.resourceLabels), for the
 * NetworkPolicy's selectors: read into each profile by scripts/gen-chart-profile.mjs.
 */
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

/**
 * Values keys some lint rule acts on only where the chart's templates read them (values.yaml
 * has them only in comments; older charts ignore them). scripts/gen-chart-profile.mjs records
 * which of them each chart's templates read; its TEMPLATE_READ_KEYS is this list.
 */
export const TEMPLATE_READ_KEYS = ['web.temporalAddress', 'admintools.temporalAddress', 'server.publicClientHostPort', 'server.dynamicConfig'] as const;
export type TemplateReadKey = (typeof TEMPLATE_READ_KEYS)[number];

/** Where a profile was read from: the chart's git tag and commit in temporalio/helm-charts. */
export interface ChartSource {
  repository: string;
  tag: string;
  commit: string;
  /** The chart's folder in the repository. */
  path: string;
}

/**
 * When a chart's `fail`/`required` fires, in a form evaluated on the user's values as Helm
 * coalesces them over the chart's defaults (see chartTemplateHits). Recognised by
 * scripts/gen-chart-profile.mjs from the `if`s guarding the call:
 * - truthy: `if .Values.P` (Go template truth: non-empty map, list or string, non-zero, true)
 * - isMap: `if kindIs "map" .Values.P` (an empty map too)
 * - nonEmptyMap: `if and $x (kindIs "map" $x)` with `$x := .Values.P`
 * - storeHasKey: `if $name` then `if hasKey (index $datastores $name | default dict) "KEY"`,
 *   with `$name := .Values.NAME | default ""`, `$datastores := .Values.DATASTORES | default dict`
 * - unmodelled: any other guard (the persistence helpers' driver logic): recorded, not evaluated.
 */
export type TrapCondition =
  | { when: 'truthy'; path: string }
  | { when: 'isMap'; path: string }
  | { when: 'nonEmptyMap'; path: string }
  | { when: 'storeHasKey'; namePath: string; nameDefault: string; datastoresPath: string; key: string }
  | { when: 'unmodelled'; note: string };

/** A `fail` or `required` call in the chart's templates. */
export interface ChartTrap {
  /** Chart-relative, e.g. templates/_deprecations.tpl. */
  template: string;
  /** Line of the call. */
  line: number;
  /** Line of the outermost `if` of a modelled condition. */
  guardLine?: number;
  call: 'fail' | 'required';
  /** The message (a printf format when the template formats it). */
  message: string;
  condition: TrapCondition;
}

/**
 * When the chart silently ignores what temporal-auth writes:
 * - falsy: `if .Values.P` (or `and .Values.P ...`) guards the whole template;
 * - hasKeyFalsy: `if or (not (hasKey $v "enabled")) $v.enabled`: off only when the key is there and falsy;
 * - present: the key is never read (the other chart generation's spelling), whatever its value;
 * - truthy: a key never read at all, reported when it holds anything.
 */
export interface GateCondition {
  when: 'falsy' | 'hasKeyFalsy' | 'present' | 'truthy';
  path: string;
}

export interface ChartGate {
  id: 'server-enabled' | 'frontend-enabled' | 'web-enabled' | 'internal-frontend-key';
  condition: GateCondition;
  /** internal-frontend-key: the key this chart reads instead. */
  readsInstead?: string;
  /** The template lines that make it so (the `if`, or where the chart reads the other key). */
  sites: readonly { template: string; line: number; text: string }[];
}

export interface ChartProfile {
  chartVersion: string;
  /** Temporal server version the chart's default image runs. */
  appVersion: string;
  /** Temporal Web UI (temporalio/ui) version the chart's default web image runs (values.yaml web.image.tag). */
  webUiVersion: string;
  keys: ChartValuesKeys;
  /** `internalFrontend` (0.53 .. 0.74) or `internal-frontend` (1.0.0-rc.3 on; 1.1+ fails on the old key). */
  internalFrontendKey: 'internalFrontend' | 'internal-frontend';
  /** Keys the chart's templates read that its values.yaml only documents in comments. */
  passthrough: readonly string[];
  /** Of TEMPLATE_READ_KEYS, those the chart's templates read. */
  templateReads: readonly TemplateReadKey[];
  podLabels: ChartPodLabels;
  internalFrontendPorts: InternalFrontendPorts;
  /** Tag and commit the profile was generated from (null: from a folder, not for committing). */
  source: ChartSource | null;
  /** Every fail/required in the chart's templates. */
  traps: readonly ChartTrap[];
  /** The ifs that make the chart ignore the auth settings. */
  gates: readonly ChartGate[];
}

export interface GeneratedProfile {
  chartVersion: string;
  appVersion: string;
  webUiVersion: string;
  keys: ChartValuesKeys;
  internalFrontendPorts: InternalFrontendPorts;
  podLabels: ChartPodLabels;
  templateReads: readonly TemplateReadKey[];
  source: ChartSource | null;
  traps: readonly ChartTrap[];
  gates: readonly ChartGate[];
}

/**
 * A generated profile module (src/charts/profiles/v*.generated.ts): the facts that name a release
 * as values, its tables as functions, so that a run builds only the profile it targets (33
 * releases' tables built at every start cost 10 % of `validate`'s start-up: bench/).
 */
export interface GeneratedProfileModule extends Omit<GeneratedProfile, 'keys' | 'traps' | 'gates'> {
  keys(): ChartValuesKeys;
  traps(): readonly ChartTrap[];
  gates(): readonly ChartGate[];
}

export function makeProfile(generated: GeneratedProfile): ChartProfile {
  const { keys } = generated;
  const internalFrontendKey = keys['server.internal-frontend'] ? 'internal-frontend' : keys['server.internalFrontend'] ? 'internalFrontend' : undefined;
  if (!internalFrontendKey) throw new Error(`chart ${generated.chartVersion} declares no internal-frontend key`);
  return {
    chartVersion: generated.chartVersion,
    appVersion: generated.appVersion,
    webUiVersion: generated.webUiVersion,
    keys,
    internalFrontendPorts: generated.internalFrontendPorts,
    source: generated.source,
    traps: generated.traps,
    gates: generated.gates,
    internalFrontendKey,
    // Copied as is into the server config's global.authorization (chart >= 0.45); and the
    // dynamic config, which server-dynamicconfigmap.yaml writes out with toYaml where the
    // templates read it (every supported chart; values.yaml has it only in values/values.dynamic_config.yaml).
    passthrough: ['server.config.authorization', ...(generated.templateReads.includes('server.dynamicConfig') ? ['server.dynamicConfig'] : [])],
    podLabels: generated.podLabels,
    templateReads: generated.templateReads,
  };
}

// ---------------------------------------------------------------------------------------------
// Traps and gates on the user's values

/** A value in the user's values that makes the chart fail, or ignore an auth setting. */
export interface ChartValueHit {
  kind: 'trap' | 'gate';
  /** Where it is in the user's values file. */
  path: string[];
  at: 'key' | 'value';
  severity: 'error' | 'warning';
  /** One line, without the path: what the chart does at this version, the template and line, what to do. */
  message: string;
  template: string;
  line: number;
}

/**
 * What the chart's templates see at a path once Helm has coalesced the user's values over the
 * chart's defaults (chartutil.CoalesceValues, Helm 3): a user `null` deletes a key whose default
 * is not null, and is kept as a nil value (hasKey true) where the chart has no default or a null
 * one; maps merge; lists and scalars replace.
 * - unset: the user's values do not reach the path (the chart's default applies);
 * - absent: the user's null removed the chart's default;
 * - nil: the user's null, kept;
 * - set: the user's non-null value.
 */
type HelmView = { state: 'unset' } | { state: 'absent' } | { state: 'nil' } | { state: 'set'; value: unknown };

const isPlainMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function helmView(values: unknown, path: readonly string[], keys: ChartValuesKeys): HelmView {
  let node: unknown = values;
  for (const [i, segment] of path.entries()) {
    // A null or non-map on the way: the templates fail on a nil pointer or never reach the key;
    // either way not what these conditions describe.
    if (!isPlainMap(node) || !Object.hasOwn(node, segment)) return { state: 'unset' };
    node = node[segment];
    if (node === null && i < path.length - 1) return { state: 'unset' };
  }
  if (node !== null) return { state: 'set', value: node };
  const chartKind = keys[path.join('.')];
  return chartKind !== undefined && chartKind !== 'null' ? { state: 'absent' } : { state: 'nil' };
}

/** Keys of the map the templates see at `path`: the user's map merged over the chart's default. */
function mergedMapSize(path: string, user: Record<string, unknown>, keys: ChartValuesKeys): number {
  const names = new Set<string>();
  const kind = keys[path];
  if (kind === 'map') {
    // Child names from the flattened key paths (a values.yaml key holding a dot would be split here;
    // no condition reads such a map).
    for (const key of Object.keys(keys)) if (key.startsWith(`${path}.`)) names.add(key.slice(path.length + 1).split('.')[0]!);
  }
  for (const [name, v] of Object.entries(user)) {
    const childKind = kind === 'map' ? keys[`${path}.${name}`] : undefined;
    if (v === null && childKind !== undefined && childKind !== 'null') names.delete(name);
    else names.add(name);
  }
  return names.size;
}

/** Go text/template truth (`if`) of the value the templates see. */
function goTruthy(view: HelmView, path: string, keys: ChartValuesKeys): boolean {
  if (view.state !== 'set') return false;
  const v = view.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (isPlainMap(v)) return mergedMapSize(path, v, keys) > 0;
  return true;
}

const split = (path: string) => path.split('.');
const cite = (template: string, from: number | undefined, line: number) => `${template}:${from !== undefined && from !== line ? `${from}-${line}` : line}`;

function trapAdvice(c: Exclude<TrapCondition, { when: 'unmodelled' }>): string {
  if (c.when === 'truthy' && c.path === 'server.internalFrontend') {
    return 'rename it to server.internal-frontend, or remove it: temporal-auth writes the internal frontend under the key this chart reads';
  }
  switch (c.when) {
    case 'truthy':
      return 'remove it and configure what it did as the chart says (an empty or null value passes the check)';
    case 'nonEmptyMap':
      return 'remove it and configure what it did as the chart says (an empty map passes the check)';
    case 'isMap':
      return `write ${c.path} as a list ([] for none)`;
    case 'storeHasKey':
      return `point ${c.namePath} at a datastore without ${c.key}`;
  }
}

/** The trap's hit on the user's values, if it fires. */
function trapHit(trap: ChartTrap, values: unknown, profile: ChartProfile): ChartValueHit | undefined {
  const c = trap.condition;
  if (c.when === 'unmodelled') return undefined;
  const { keys, chartVersion } = profile;
  const hit = (path: string[], message: string): ChartValueHit => ({
    kind: 'trap',
    path,
    at: 'key',
    severity: 'error',
    message: `chart ${chartVersion} fails the render here (${cite(trap.template, trap.guardLine, trap.line)}: "${message}"); ${trapAdvice(c)}`,
    template: trap.template,
    line: trap.line,
  });
  if (c.when === 'storeHasKey') {
    const nameView = helmView(values, split(c.namePath), keys);
    // `| default ""`: a deleted or null name skips the check.
    const name = nameView.state === 'unset' ? c.nameDefault : nameView.state === 'set' ? nameView.value : '';
    if (typeof name !== 'string' || name === '') return undefined; // a non-string name fails on `index` instead
    const keyPath = [...split(c.datastoresPath), name, c.key];
    const keyView = helmView(values, keyPath, keys);
    const quoted = trap.message.replace(/%q/, JSON.stringify(name)).replace(/%s/, name);
    if (keyView.state === 'set' || keyView.state === 'nil') {
      // `index $datastores $name | default dict`: a datastore that is not a map fails on hasKey, not here.
      const store = helmView(values, [...split(c.datastoresPath), name], keys);
      return store.state === 'set' && isPlainMap(store.value) ? hit(keyPath, quoted) : undefined;
    }
    if (keyView.state === 'unset' && nameView.state === 'set' && keys[keyPath.join('.')] !== undefined) return hit(split(c.namePath), quoted);
    return undefined;
  }
  const path = split(c.path);
  const view = helmView(values, path, keys);
  if (view.state === 'unset') return undefined; // the chart's own default, which the generator checked passes
  const fires =
    c.when === 'truthy'
      ? goTruthy(view, c.path, keys)
      : c.when === 'isMap'
        ? view.state === 'set' && isPlainMap(view.value)
        : view.state === 'set' && isPlainMap(view.value) && goTruthy(view, c.path, keys);
  return fires ? hit(path, trap.message) : undefined;
}

function gateHit(gate: ChartGate, values: unknown, profile: ChartProfile): ChartValueHit | undefined {
  const c = gate.condition;
  const { keys, chartVersion } = profile;
  const path = split(c.path);
  const view = helmView(values, path, keys);
  if (view.state === 'unset') return undefined;
  const present = view.state === 'set' || view.state === 'nil';
  const truthy = goTruthy(view, c.path, keys);
  const fires = c.when === 'falsy' ? !truthy : c.when === 'hasKeyFalsy' ? present && !truthy : c.when === 'present' ? present : truthy;
  if (!fires) return undefined;
  const site = gate.sites[gate.sites.length - 1]!;
  const where = gate.sites.map((s) => `${s.template}:${s.line}`).join(', ');
  const guard = `{{ ${site.text} }}`;
  const why =
    view.state === 'absent'
      ? "; a null deletes the chart's default, leaving it unset"
      : view.state === 'nil' && c.when === 'hasKeyFalsy'
        ? '; a null is still a key, and the chart tests hasKey, then the value'
        : '';
  let message: string;
  let at: 'key' | 'value' = 'value';
  let severity: 'error' | 'warning' = 'error';
  switch (gate.id) {
    case 'server-enabled':
      message = `chart ${chartVersion} renders no server Deployment and no server config (${where}: {{ ${gate.sites[0]!.text} }}${why}), so every server setting temporal-auth writes (server.config.authorization, server.additionalEnv, the internal frontend) is silently ignored; remove it or set it to true`;
      break;
    case 'frontend-enabled':
      message = `chart ${chartVersion} renders no frontend Deployment (${site.template}:${site.line}: ${guard}${why}), so nothing serves the authorization temporal-auth configures; remove it or set it to true`;
      break;
    case 'web-enabled':
      severity = 'warning';
      message = `chart ${chartVersion} renders no Web UI (${where}: ${guard}${why}), so the Web UI sign-in settings temporal-auth writes (web.additionalEnv and the rest) are ignored; remove it or set it to true if you run the Web UI`;
      break;
    case 'internal-frontend-key':
      at = 'key';
      message =
        c.when === 'present'
          ? `chart ${chartVersion} never reads it: it enables the internal frontend from ${gate.readsInstead} only (${where}: {{ ${site.text} }}), so this is silently ignored; remove it: temporal-auth writes ${gate.readsInstead} from the spec's server.internalFrontend.enabled`
          : `chart ${chartVersion} never reads ${c.path} (its templates read ${gate.readsInstead}: ${where}: {{ ${site.text} }}), so everything under it is silently ignored; rename it to ${gate.readsInstead}, or remove it: temporal-auth writes the internal frontend under the key this chart reads`;
      break;
  }
  return { kind: 'gate', path, at, severity, message, template: site.template, line: site.line };
}

/**
 * Every value in the user's Helm values that makes this chart version fail the render (a
 * modelled `fail`/`required` of its templates) or silently ignore the auth settings
 * temporal-auth writes (a gate), in the profile's order: traps, then gates.
 */
export function chartTemplateHits(values: unknown, profile: ChartProfile): ChartValueHit[] {
  if (!isPlainMap(values)) return [];
  const hits: ChartValueHit[] = [];
  for (const trap of profile.traps) {
    const hit = trapHit(trap, values, profile);
    if (hit) hits.push(hit);
  }
  for (const gate of profile.gates) {
    const hit = gateHit(gate, values, profile);
    if (hit) hits.push(hit);
  }
  return hits;
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
