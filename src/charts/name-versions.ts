import { CHART_RELEASES, type ChartRelease, SUPPORTED_CHART_VERSIONS } from './index.js';

/*
 * Chart versions named in prose (lint messages, rule summaries, the README), computed from the
 * profiles, so that supporting one more chart version changes no sentence by hand.
 */

/** The supported chart versions whose release satisfies `has`, oldest first (builds no profile). */
export function chartVersionsWhere(has: (release: ChartRelease) => boolean): string[] {
  return CHART_RELEASES.filter(has).map((r) => r.chartVersion);
}

/**
 * "A, B or C" (`word` joins the last two); three or more releases in a row of `among` read
 * "A to B". With `later`, versions that are the newest
 * supported ones read "B or later": true of every supported chart from there on (a newer chart
 * has no profile, which unsupported-chart-version reports). Undefined for none.
 */
export function nameChartVersions(
  versions: readonly string[],
  word: 'and' | 'or',
  { later = false, among = SUPPORTED_CHART_VERSIONS }: { later?: boolean; among?: readonly string[] } = {},
): string | undefined {
  if (versions.length === 0) return undefined;
  const newest = among.slice(Math.max(0, among.length - versions.length));
  if (later && versions.every((v, i) => v === newest[i])) return `${versions[0]} ${word} later`;
  // Three or more releases in a row (no supported release between them) read "A to B".
  const parts: string[] = [];
  for (let i = 0; i < versions.length; ) {
    let j = i;
    while (j + 1 < versions.length && among.indexOf(versions[j + 1]!) === among.indexOf(versions[j]!) + 1 && among.includes(versions[j]!)) j++;
    if (j - i >= 2) {
      parts.push(`${versions[i]} to ${versions[j]}`);
      i = j + 1;
    } else parts.push(versions[i++]!);
  }
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} ${word} ${parts[parts.length - 1]}`;
}
