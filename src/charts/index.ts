import { compareVersions } from '../temporal/versions.js';
import { type ChartProfile, makeProfile } from './profile.js';
import { GENERATED_PROFILES } from './profiles/index.generated.js';

/**
 * Every chart profile scripts/gen-chart-profile.mjs has written (its index.generated.ts lists
 * the folder), oldest chart first: the one list of supported chart versions. Everything else
 * that names them (lint messages and summaries, the README's lists) derives from it.
 */
const PROFILES: ReadonlyMap<string, ChartProfile> = new Map(
  [...GENERATED_PROFILES].sort((a, b) => compareVersions(a.chartVersion, b.chartVersion)).map((g) => [g.chartVersion, makeProfile(g)] as const),
);

/** Oldest first: the last is the newest (init's default). */
export const SUPPORTED_CHART_VERSIONS: readonly string[] = [...PROFILES.keys()];

export function chartProfile(version: string): ChartProfile | undefined {
  return PROFILES.get(version);
}
