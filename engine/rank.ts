/**
 * Ranking the meanings of one surface form by where the reader is: the page's
 * region (from its host name, through the glossary's region table) first,
 * then the regions that contain it, then national, then other regions; within
 * a tier, current before retired, then the newest source first.
 */
import { type CompiledEntry, type EntryHead, headOf, type RegionRow } from './entry';

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

/**
 * Orders the meanings of one form, best first. Works on heads (what the
 * content script has before it fetches an entry) or on whole entries.
 */
export function rankEntries<T extends CompiledEntry | EntryHead>(
  entries: readonly T[],
  region: RegionRow | null,
  regions: readonly RegionRow[],
): T[] {
  const chain = regionChain(region, regions);
  const tier = (e: T): number => {
    const i = chain.indexOf(e.scope.region);
    if (i >= 0) return i;
    return e.scope.level === 'national' ? chain.length : chain.length + 1;
  };
  const newest = new Map(entries.map((e) => [e, 'newest' in e ? e.newest : headOf(e).newest]));
  return [...entries].sort(
    (a, b) =>
      tier(a) - tier(b) ||
      (a.status === b.status ? 0 : a.status === 'current' ? -1 : 1) ||
      (newest.get(b) as string).localeCompare(newest.get(a) as string) ||
      a.id.localeCompare(b.id),
  );
}
