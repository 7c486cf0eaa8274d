import { makeProfile, type ChartProfile } from './profile.js';
import * as v0_65_0 from './profiles/v0_65_0.generated.js';
import * as v0_74_0 from './profiles/v0_74_0.generated.js';
import * as v1_0_0 from './profiles/v1_0_0.generated.js';
import * as v1_6_0 from './profiles/v1_6_0.generated.js';

const PROFILES: ReadonlyMap<string, ChartProfile> = new Map(
  [v0_65_0, v0_74_0, v1_0_0, v1_6_0].map((g) => [g.chartVersion, makeProfile(g)] as const),
);

export const SUPPORTED_CHART_VERSIONS: readonly string[] = [...PROFILES.keys()];

export function chartProfile(version: string): ChartProfile | undefined {
  return PROFILES.get(version);
}
