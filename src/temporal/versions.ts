import type { ChartProfile } from '../charts/profile.js';
import type { AuthSpec } from '../input/spec.types.generated.js';

/** Compares the leading major.minor.patch of two versions. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => (/^(\d+)\.(\d+)\.(\d+)/.exec(v) ?? ['', '0', '0', '0']).slice(1).map(Number);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i]! !== y[i]!) return x[i]! - y[i]!;
  return 0;
}

/** Server versions from which the default claim mapper understands `audience` and `permissionsRegex`. */
export const AUDIENCE_AND_REGEX_SINCE = '1.29.0';

export function serverSupportsAudienceAndRegex(serverVersion: string): boolean {
  return compareVersions(serverVersion, AUDIENCE_AND_REGEX_SINCE) >= 0;
}

/** Server version: explicit, else the image tag's leading version, else the chart's. */
export function effectiveServerVersion(spec: AuthSpec, chart: ChartProfile | undefined): string | undefined {
  if (spec.server?.version) return spec.server.version;
  const fromTag = /^v?(\d+\.\d+\.\d+)/.exec(spec.server?.image?.tag ?? '');
  if (fromTag) return fromTag[1];
  return chart?.appVersion;
}

/**
 * The first server version whose dynamic config knows
 * frontend.enablePrincipalPropagation (common/dynamicconfig/constants.go:848
 * at v1.31.0, :853 at v1.31.2; absent at v1.30.6), which records the
 * caller's principal on history events.
 */
export const PRINCIPAL_PROPAGATION_SINCE = '1.31.0';

export function serverSupportsPrincipalPropagation(serverVersion: string): boolean {
  return compareVersions(serverVersion, PRINCIPAL_PROPAGATION_SINCE) >= 0;
}
