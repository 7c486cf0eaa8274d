// A chart profile derived from the official `temporal` chart's files:
//   Chart.yaml   the chart and app versions
//   values.yaml  every key path the chart declares, with its type; the internal frontend's ports;
//                the Web UI version it runs (web.image.tag)
//   templates/   READS: which of the keys some lint rules act on the templates read (TEMPLATE_READ_KEYS);
//                POD LABELS: the label keys and component names of the chart's pods;
//                TRAPS: every `fail` and `required` call, with its template, line, message and,
//                where the derivation recognises the `if` guarding it, a condition the tool
//                evaluates on a user's values (the rest are recorded as `unmodelled`);
//                GATES: the `if`s that make the chart silently ignore the auth settings
//                temporal-auth writes (server.enabled, server.frontend.enabled, web.enabled,
//                and the internal frontend key of the other chart generation).
// scripts/gen-chart-profile.mjs writes the built-in profiles from it (src/charts/profiles/);
// `render --chart PATH` derives one at run time from the user's chart. A template that no longer
// has the shape a fact is read from is an error (ChartDeriveError), not a silently empty table.
import { parse } from 'yaml';
import type { ChartSource, GeneratedProfile, InternalFrontendPorts } from '../profile.js';
import { checkDefaults } from './defaults.js';
import { ChartDeriveError } from './errors.js';
import { deriveGates } from './gates.js';
import { derivePodLabels } from './pod-labels.js';
import { templateReads } from './template-reads.js';
import { findTraps } from './traps.js';
import { isMap, valuesKeys } from './values.js';
import { webUiVersionOf } from './web-ui-version.js';

export { ChartDeriveError, type ChartDeriveErrorKind } from './errors.js';

/** What the derivation reads of a chart. */
export interface ChartFiles {
  chartYaml: string;
  valuesYaml: string;
  /** Chart-relative path (templates/x.yaml, templates/sub/y.tpl) to its text. */
  templates: ReadonlyMap<string, string>;
  /** Where the files come from (a tag and commit of temporalio/helm-charts); null for a folder or an archive. */
  source: ChartSource | null;
}

function yamlMap(name: string, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parse(text, { logLevel: 'error' });
  } catch (err) {
    throw new ChartDeriveError('files', `${name} is not YAML (${String((err as Error).message).split('\n')[0]})`);
  }
  if (!isMap(data)) throw new ChartDeriveError('files', `${name} is not a YAML map`);
  return data;
}

const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;

/** The profile of a chart: the data a generated profile module holds (src/charts/profiles/). */
export function deriveProfile(files: ChartFiles): GeneratedProfile {
  const chart = yamlMap('Chart.yaml', files.chartYaml);
  const values = yamlMap('values.yaml', files.valuesYaml);
  if (chart.name !== 'temporal') throw new ChartDeriveError('not-temporal', `Chart.yaml names the chart ${JSON.stringify(chart.name)}, not temporal (temporalio/helm-charts charts/temporal)`);
  const version = String(chart.version);
  if (!SEMVER.test(version)) throw new ChartDeriveError('files', `Chart.yaml: version ${JSON.stringify(chart.version)} is not a SemVer version X.Y.Z`);
  const appVersion = String(chart.appVersion);
  if (chart.appVersion === undefined || chart.appVersion === null || !/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/.test(appVersion))
    throw new ChartDeriveError('files', 'Chart.yaml has no appVersion of the Temporal server version the chart runs (X.Y.Z)');
  // The internal frontend's ports, which the NetworkPolicy admits traffic to.
  const server = values.server;
  // As generated profiles always read it: any JavaScript-truthy internal-frontend map (an empty one included) is the new key.
  const internalFrontendKey = isMap(server) && server['internal-frontend'] ? 'internal-frontend' : 'internalFrontend';
  const internalFrontend = isMap(server) ? server[internalFrontendKey] : undefined;
  if (!isMap(internalFrontend))
    throw new ChartDeriveError('not-temporal', 'values.yaml has no server.internal-frontend (nor server.internalFrontend): temporal-auth routes the Web UI and workers through the internal frontend');
  const ifService = internalFrontend.service;
  const ports = isMap(ifService) ? { grpc: ifService.port, membership: ifService.membershipPort, http: ifService.httpPort } : undefined;
  if (!ports || !Object.values(ports).every((p) => typeof p === 'number'))
    throw new ChartDeriveError('shape', `values.yaml: expected server.${internalFrontendKey}.service.port, membershipPort and httpPort to be numbers`);
  const internalFrontendPorts = ports as InternalFrontendPorts;
  const keys = valuesKeys(values);
  const traps = findTraps(files.templates, values);
  const gates = deriveGates(files.templates, internalFrontendKey);
  checkDefaults(version, values, traps, gates);
  const webUiVersion = webUiVersionOf(files.templates, values);
  const podLabels = derivePodLabels(files.templates);
  const reads = templateReads(files.templates);
  return {
    chartVersion: version,
    appVersion,
    webUiVersion,
    keys,
    internalFrontendPorts,
    podLabels,
    templateReads: reads,
    source: files.source,
    traps,
    gates,
  };
}
