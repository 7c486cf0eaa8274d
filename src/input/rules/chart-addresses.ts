// Shared by the rules that read where the user's values point the Web UI and
// the admin tools: which frontend an address names. Not a rule.
import type { ChartProfile, TemplateReadKey } from '../../charts/profile.js';

// biome-ignore lint/suspicious/noExplicitAny: free-form YAML, read by path with the checks beside each read
export type Values = Record<string, any>;

/**
 * Whether the target chart's templates read a key (older charts ignore it), as its profile
 * records from the templates; false for a chart without a profile (unsupported-chart-version).
 */
export const chartReads = (chart: ChartProfile | undefined, key: TemplateReadKey) => chart?.templateReads.includes(key) ?? false;

/** The gRPC ports of the two frontends, following the user's port overrides. */
export function frontendPorts(values: Values, chart: ChartProfile | undefined): { external: number; internal: number } {
  const server = values?.server ?? {};
  const port = (v: unknown, fallback: number) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : fallback);
  const internalKey = chart?.internalFrontendKey ?? 'internal-frontend';
  return {
    external: port(server.frontend?.service?.port, 7233),
    internal: port(server[internalKey]?.service?.port ?? server['internal-frontend']?.service?.port ?? server.internalFrontend?.service?.port, chart?.internalFrontendPorts.grpc ?? 7236),
  };
}

/** Which frontend a host:port (or dns:///host:port) names, as far as it can be told. */
export function whichFrontend(address: string, ports: { external: number; internal: number }): 'internal' | 'external' | undefined {
  const a = address.trim().replace(/^[a-z]+:\/\/\/?/i, '');
  const m = /^(.*?)(?::(\d+))?$/.exec(a);
  const host = (m?.[1] ?? '').toLowerCase();
  const port = m?.[2] ? Number(m[2]) : undefined;
  if (/internal-frontend/.test(host) || (port !== undefined && port === ports.internal && port !== ports.external)) return 'internal';
  if (/(^|[-.])frontend([.:]|$)/.test(host) || port === ports.external) return 'external';
  return undefined;
}

/** `name: value` env entries of a list from the user's values, with their index. */
export function envEntries(list: unknown, names: readonly string[]): { index: number; name: string; value: string }[] {
  if (!Array.isArray(list)) return [];
  const out: { index: number; name: string; value: string }[] = [];
  list.forEach((e, index) => {
    if (e && typeof e === 'object' && names.includes((e as Values).name) && typeof (e as Values).value === 'string') out.push({ index, name: (e as Values).name, value: (e as Values).value });
  });
  return out;
}
