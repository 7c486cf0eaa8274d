import { compareVersions } from '../temporal/versions.js';
import { type ChartProfile, type GeneratedProfileModule, makeProfile } from './profile.js';
import { GENERATED_PROFILES } from './profiles/index.generated.js';

/**
 * Every chart profile scripts/gen-chart-profile.mjs has written (its index.generated.ts lists
 * the folder), oldest chart first: the one list of supported chart versions. Everything else
 * that names them (lint messages and summaries, the README's lists) derives from it.
 */
const MODULES: ReadonlyMap<string, GeneratedProfileModule> = new Map([...GENERATED_PROFILES].sort((a, b) => compareVersions(a.chartVersion, b.chartVersion)).map((m) => [m.chartVersion, m] as const));

/** Oldest first: the last is the newest (init's default). */
export const SUPPORTED_CHART_VERSIONS: readonly string[] = [...MODULES.keys()];

/** What names a release, known without building its profile: what the prose about every release needs. */
export interface ChartRelease {
  chartVersion: string;
  /** Temporal server version the chart's default image runs. */
  appVersion: string;
  /** Temporal Web UI version the chart's web image runs. */
  webUiVersion: string;
}

/** Oldest first, as SUPPORTED_CHART_VERSIONS. */
export const CHART_RELEASES: readonly ChartRelease[] = [...MODULES.values()].map(({ chartVersion, appVersion, webUiVersion }) => ({ chartVersion, appVersion, webUiVersion }));

// A profile is built the first time a run asks for it (its tables are functions in the
// generated module): a run targets one release, and building all 33 at start-up was measurable.
const built = new Map<string, ChartProfile>();

export function chartProfile(version: string): ChartProfile | undefined {
  const cached = built.get(version);
  if (cached) return cached;
  const m = MODULES.get(version);
  if (!m) return undefined;
  const profile = makeProfile({ ...m, keys: m.keys(), traps: m.traps(), gates: m.gates() });
  built.set(version, profile);
  return profile;
}
