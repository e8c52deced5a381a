/**
 * The popup's search data: the prebuilt index file (engine/search.ts,
 * buildShippedSearchIndex; components/popup-data.ts reads it), parsed,
 * never built at runtime.
 */
import { createSearcher, type Searcher, type ShippedSearchDoc } from '@/engine/search';

/** A searcher made on first use, or earlier by `warm()` (an idle moment), whichever comes first. */
export interface LazySearcher extends Searcher {
  warm(): void;
}

export interface SearchData {
  /** In index order: a search result's `index` points here. */
  docs: readonly ShippedSearchDoc[];
  searcher: LazySearcher;
}

const isDoc = (d: unknown): d is ShippedSearchDoc =>
  typeof d === 'object' && d !== null && typeof (d as ShippedSearchDoc).id === 'string';

/**
 * The parsed index file as docs and a searcher. Making the searcher (a pass
 * over every doc) is left for its first use or an idle moment: the docs can
 * be listed before. A malformed file gives fewer results, never a throw.
 */
export function searchDataFrom(json: unknown): SearchData {
  const { docs, index } = (typeof json === 'object' && json !== null ? json : {}) as {
    docs?: unknown;
    index?: unknown;
  };
  const list = Array.isArray(docs) && docs.every(isDoc) ? docs : [];
  let made: Searcher | undefined;
  const searcher = () => {
    made ??= createSearcher(list, index);
    return made;
  };
  return {
    docs: list,
    searcher: {
      search: (query, limit) => searcher().search(query, limit),
      warm: () => void searcher(),
    },
  };
}
