/**
 * The search index the build ships to the popup (buildShippedSearchIndex):
 * only the columns the searcher reads, the same records as the full index in
 * them, the same results, and what a result row shows; and the popup's
 * loader of it (common/search-data.ts), which must survive a broken file.
 */
import { describe, expect, it } from 'vitest';
import { searchDataFrom } from '../../common/search-data';
import type { CompiledEntry } from '../../engine/entry';
import { buildSearchIndex, buildShippedSearchIndex, createSearcher, FUZZY_KEYS } from '../../engine/search';
import { ISSUE_QUERIES, MORE_QUERIES } from '../fixtures/popup-queries';
import { SEARCH_ENTRIES, scaledEntries } from '../fixtures/search-entries';

interface IndexJson {
  keys: Array<{ id: string }>;
  records: Array<{ i: number; $: Record<string, unknown> }>;
}

/** Through JSON, as the popup gets it. */
const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Queries with exact, prefix and substring hits, and typos that only the fuzzy stage finds. */
const QUERIES = [
  ...[...ISSUE_QUERIES, ...MORE_QUERIES].map((q) => q.query),
  'sangaosixn',
  'fang guan fv',
  'belt and raod',
  '放管福',
  '小巨人',
  '企业',
  's',
  'x',
  '保障',
];

describe.each([
  ['the fixture entries', SEARCH_ENTRIES],
  ['2,000 entries', scaledEntries(2000)],
] as Array<[string, CompiledEntry[]]>)('%s', (_name, entries) => {
  const full = roundTrip(buildSearchIndex(entries));
  const shipped = roundTrip(buildShippedSearchIndex(entries));
  const fullIndex = full.index as IndexJson;
  const shippedIndex = shipped.index as IndexJson;

  it('holds the columns the fuzzy stage reads, and no others', () => {
    expect(shippedIndex.keys.map((k) => k.id)).toEqual([...FUZZY_KEYS]);
    expect(fullIndex.keys.length).toBeGreaterThan(FUZZY_KEYS.length);
  });

  it("has the full index's records in those columns", () => {
    for (const [pos, key] of FUZZY_KEYS.entries()) {
      const at = fullIndex.keys.findIndex((k) => k.id === key);
      const column = (index: IndexJson, p: number) => index.records.map((r) => [r.i, r.$[p] ?? null]);
      expect(column(shippedIndex, pos), key).toEqual(column(fullIndex, at));
    }
  });

  it('finds the same results, in the same order, with the same highlights', () => {
    const fromFull = createSearcher(full.docs, full.index);
    const fromShipped = createSearcher(shipped.docs, shipped.index);
    for (const q of QUERIES) expect(fromShipped.search(q), q).toEqual(fromFull.search(q));
  });

  it('carries what a result row shows, entry by entry', () => {
    expect(shipped.docs.map((d) => [d.id, d.term, d.pinyin, d.english, d.scope])).toEqual(
      entries.map((e) => [e.id, e.term, e.pinyin, e.english.text, { level: e.scope.level, region: e.scope.region }]),
    );
  });

  it('is smaller than the full index', () => {
    expect(JSON.stringify(shipped.index).length).toBeLessThan(JSON.stringify(full.index).length * 0.6);
  });
});

describe('searchDataFrom (the popup’s loader)', () => {
  const shipped = roundTrip(buildShippedSearchIndex(SEARCH_ENTRIES));

  it('lists the docs and searches them, whether warmed first or not', () => {
    const cold = searchDataFrom(shipped);
    const warm = searchDataFrom(shipped);
    warm.searcher.warm();
    expect(cold.docs.map((d) => d.id)).toEqual(SEARCH_ENTRIES.map((e) => e.id));
    const first = cold.searcher.search('sgsx')[0];
    expect(first && cold.docs[first.index]?.id).toBe('san-gao-si-xin');
    expect(warm.searcher.search('sgsx')).toEqual(cold.searcher.search('sgsx'));
  });

  it('survives a broken file: no docs, no results, no throw', () => {
    for (const broken of [null, 'text', 42, {}, { docs: 'x' }, { docs: [{ term: 'no id' }], index: 7 }]) {
      const data = searchDataFrom(broken);
      expect(data.docs).toEqual([]);
      expect(data.searcher.search('sgsx')).toEqual([]);
    }
  });
});
