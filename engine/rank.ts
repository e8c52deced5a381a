/**
 * Ranking the meanings of one surface form by where the reader is: the page's
 * region (from its host name, through the glossary's region table) first,
 * then the regions that contain it, then national, then other regions; within
 * a tier, current before retired, then the newest source first.
 */
import type { CompiledEntry, RegionRow } from './entry';

/** The region of a host name: the longest matching host suffix in the table, or null. */
export function regionForHost(host: string, regions: readonly RegionRow[]): RegionRow | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  let best: RegionRow | null = null;
  let bestLength = -1;
  for (const row of regions) {
    for (const suffix of row.hosts) {
      if ((h === suffix || h.endsWith(`.${suffix}`)) && suffix.length > bestLength) {
        best = row;
        bestLength = suffix.length;
      }
    }
  }
  return best;
}

/** The region and its ancestors, nearest first: 怀化市 → [怀化市, 湖南省, 全国]. */
export function regionChain(region: RegionRow | null, regions: readonly RegionRow[]): string[] {
  const chain: string[] = [];
  for (let r = region; r && !chain.includes(r.region); r = regions.find((x) => x.region === r?.parent) ?? null) {
    chain.push(r.region);
  }
  return chain;
}

function newest(entry: CompiledEntry): string {
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as strings; Math.max would make them NaN.
  return entry.sources.reduce((max, s) => (s.date > max ? s.date : max), '');
}

export function rankEntries(
  entries: readonly CompiledEntry[],
  region: RegionRow | null,
  regions: readonly RegionRow[],
): CompiledEntry[] {
  const chain = regionChain(region, regions);
  const tier = (e: CompiledEntry): number => {
    const i = chain.indexOf(e.scope.region);
    if (i >= 0) return i;
    return e.scope.level === 'national' ? chain.length : chain.length + 1;
  };
  return [...entries].sort(
    (a, b) =>
      tier(a) - tier(b) ||
      (a.status === b.status ? 0 : a.status === 'current' ? -1 : 1) ||
      newest(b).localeCompare(newest(a)) ||
      a.id.localeCompare(b.id),
  );
}
