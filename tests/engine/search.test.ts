import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledEntry } from '../../engine/entry';
import { buildSearchIndex, createSearcher, type Searcher, type SearchResult, toSearchDoc } from '../../engine/search';
import { makeEntry, SEARCH_ENTRIES, scaledEntries } from '../fixtures/search-entries';

/** As the popup gets it: docs and index through JSON, the way the build ships them. */
function searcherFor(entries: readonly CompiledEntry[]): Searcher {
  const built = JSON.parse(JSON.stringify(buildSearchIndex(entries))) as ReturnType<typeof buildSearchIndex>;
  return createSearcher(built.docs, built.index);
}

function ids(entries: readonly CompiledEntry[], results: readonly SearchResult[]): string[] {
  return results.map((r) => entries[r.index]?.id ?? '?');
}

function resultFor(entries: readonly CompiledEntry[], results: readonly SearchResult[], id: string): SearchResult {
  const found = results.find((r) => entries[r.index]?.id === id);
  if (!found) throw new Error(`${id} not in ${ids(entries, results).join(', ')}`);
  return found;
}

/** The term text under each highlight range. */
function highlighted(entries: readonly CompiledEntry[], result: SearchResult): string[] {
  const term = entries[result.index]?.term ?? '';
  return result.highlight.map(([a, b]) => term.slice(a, b));
}

/** The 2,000-entry set, built once: building it is most of what the scale tests cost. */
let scale: { entries: CompiledEntry[]; searcher: Searcher } | undefined;
function atScale(): { entries: CompiledEntry[]; searcher: Searcher } {
  if (!scale) {
    const entries = scaledEntries(2000);
    scale = { entries, searcher: searcherFor(entries) };
  }
  return scale;
}

/** Generous: these tests must not fail on a busy CI machine; they assert results, never time. */
const SLOW = { timeout: 60_000 };

/** [query, expected id, the rank it must reach or beat]. */
const EXPECTED: Array<[string, string, number]> = [
  ['四上', 'si-shang-qi-ye', 1],
  ['sgsx', 'san-gao-si-xin', 1],
  ['liang ge que li', 'liang-ge-que-li', 1],
  ['lianggequeli', 'liang-ge-que-li', 1],
  ['Belt and Road', 'yi-dai-yi-lu', 3],
  ['专精特新小巨人', 'zhuan-jing-te-xin-xiao-ju-ren', 3],
  ['双随机一公开', 'shuang-sui-ji-yi-gong-kai', 1],
  ['fang guan fu', 'fang-guan-fu', 1],
  ['三高四心', 'san-gao-si-xin', 3],
];

function expectRanks(entries: readonly CompiledEntry[], searcher: Searcher): void {
  for (const [query, id, rank] of EXPECTED) {
    const top = ids(entries, searcher.search(query)).slice(0, rank);
    expect(top, `${query} → ${id}`).toContain(id);
  }
}

describe('toSearchDoc', () => {
  it('derives the pinyin, initials and compact forms', () => {
    const entry = SEARCH_ENTRIES.find((e) => e.id === 'zhuan-jing-te-xin-xiao-ju-ren') as CompiledEntry;
    const doc = toSearchDoc(entry);
    expect(doc.pinyinPlain).toBe('zhuan jing te xin xiao ju ren qi ye');
    expect(doc.pinyinJoined).toBe('zhuanjingtexinxiaojurenqiye');
    expect(doc.initials).toBe('zjtxxjrqy');
    expect(doc.compact).toEqual(['专精特新小巨人企业', '小巨人企业']);
  });

  it('keeps the first 120 characters of the definition, counting astral ones as one', () => {
    const definition = `𠀀${'国'.repeat(200)}`;
    const doc = toSearchDoc(makeEntry({ id: 'x', term: 'x', pinyin: 'x', english: 'x', definition }));
    expect(Array.from(doc.definition)).toHaveLength(120);
    expect(definition.startsWith(doc.definition)).toBe(true);
  });

  it('folds ü to u, drops 、 and keeps digits as one syllable', () => {
    const green = toSearchDoc(SEARCH_ENTRIES.find((e) => e.id === 'lv-se-fa-zhan') as CompiledEntry);
    expect(green.pinyinPlain).toBe('lu se fa zhan');
    const random = toSearchDoc(SEARCH_ENTRIES.find((e) => e.id === 'shuang-sui-ji-yi-gong-kai') as CompiledEntry);
    expect(random.compact[0]).toBe('双随机一公开');
    const growth = toSearchDoc(SEARCH_ENTRIES.find((e) => e.id === 'wen-zeng-zhang-18-tiao') as CompiledEntry);
    expect(growth.initials).toBe('wzz1t');
    expect(growth.compact).toEqual(['稳增长18条']);
  });
});

describe('search over the fixtures', () => {
  const entries = SEARCH_ENTRIES;
  const searcher = searcherFor(entries);

  it('ranks the expected entries', () => {
    expectRanks(entries, searcher);
  });

  it('finds 四上 whether or not the term is quoted', () => {
    const unquoted = entries.map((e) => (e.id === 'si-shang-qi-ye' ? { ...e, term: '四上企业', variants: [] } : e));
    expect(ids(unquoted, searcherFor(unquoted).search('四上'))[0]).toBe('si-shang-qi-ye');
  });

  it('puts exact hits before longer terms that start the same way', () => {
    expect(ids(entries, searcher.search('三高')).slice(0, 2)).toEqual(['san-gao', 'san-gao-si-xin']);
    expect(ids(entries, searcher.search('sgzx'))[0]).toBe('si-ge-zi-xin');
  });

  it('reads toned pinyin, v for ü, and traditional-free typing', () => {
    expect(ids(entries, searcher.search('liǎng gè què lì'))[0]).toBe('liang-ge-que-li');
    expect(ids(entries, searcher.search('lvse'))[0]).toBe('lv-se-fa-zhan');
    expect(ids(entries, searcher.search('“十四五”'))[0]).toBe('shi-si-wu-gui-hua');
  });

  it('matches English at word starts only', () => {
    expect(ids(entries, searcher.search('silk road'))).toEqual(
      expect.arrayContaining(['si-chou-zhi-lu-jing-ji-dai', 'hai-shang-si-chou-zhi-lu']),
    );
    expect(ids(entries, searcher.search('economic belt')).slice(0, 2).sort()).toEqual([
      'chang-jiang-jing-ji-dai',
      'si-chou-zhi-lu-jing-ji-dai',
    ]);
  });

  it('finds a term through its definition, below every name hit', () => {
    const results = searcher.search('规模以上工业企业');
    expect(resultFor(entries, results, 'si-shang-qi-ye').field).toBe('definition');
  });

  it('returns each entry once, best first', () => {
    for (const query of ['liang', '两个', 's', '一带', 'belt']) {
      const results = searcher.search(query);
      expect(new Set(results.map((r) => r.index)).size).toBe(results.length);
      const scores = results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
    }
  });

  it('honours the limit', () => {
    expect(searcher.search('s', 3)).toHaveLength(3);
    expect(searcher.search('s', 0)).toEqual([]);
  });
});

describe('highlights', () => {
  const entries = SEARCH_ENTRIES;
  const searcher = searcherFor(entries);
  const marks = (query: string, id: string) => highlighted(entries, resultFor(entries, searcher.search(query), id));

  it('marks the term characters a character query matched', () => {
    expect(marks('四上', 'si-shang-qi-ye')).toEqual(['四上']);
    expect(marks('双随机一公开', 'shuang-sui-ji-yi-gong-kai')).toEqual(['双随机、一公开']);
    // The quote inside the matched span is part of the span, as in normalize.toOriginal.
    expect(marks('专精特新小巨人', 'zhuan-jing-te-xin-xiao-ju-ren')).toEqual(['专精特新“小巨人']);
    expect(marks('小巨人', 'zhuan-jing-te-xin-xiao-ju-ren')).toEqual(['小巨人']);
  });

  it('maps pinyin and initials to the characters they spell', () => {
    expect(marks('liang ge', 'liang-ge-que-li')).toEqual(['两个']);
    expect(marks('lia', 'liang-ge-que-li')).toEqual(['两']);
    expect(marks('fang guan fu', 'fang-guan-fu')).toEqual(['放管服']);
    expect(marks('sgsx', 'san-gao-si-xin')).toEqual(['三高四新']);
    expect(marks('queli', 'liang-ge-que-li')).toEqual(['确立']);
    expect(marks('wenzengzhang18', 'wen-zeng-zhang-18-tiao')).toEqual(['稳增长“18']);
  });

  it('treats a run of letters and digits as one syllable, across dropped characters', () => {
    const entry = makeEntry({
      id: 'x-zheng-shu',
      term: '1+X证书制度',
      pinyin: '1+X zhèng shū zhì dù',
      english: '1+X certificate system',
      definition: '学历证书+若干职业技能等级证书。',
    });
    const result = searcherFor([entry]).search('1xzhengshu')[0];
    expect(result && highlighted([entry], result)).toEqual(['1+X证书']);
  });

  it('marks the matched characters of a fuzzy hit', () => {
    expect(marks('三高四心', 'san-gao-si-xin')).toEqual(['三高四']);
  });

  it('marks nothing for English and definition hits', () => {
    expect(resultFor(entries, searcher.search('Belt and Road'), 'yi-dai-yi-lu').highlight).toEqual([]);
  });
});

/** The query with its middle character replaced: a typo the fast paths cannot see. */
function typo(text: string, replacement: string): string {
  const chars = Array.from(text);
  const mid = Math.floor(chars.length / 2);
  chars[mid] = chars[mid] === replacement ? 'q' : replacement;
  return chars.join('');
}

function compactLength(term: string): number {
  return term.replace(/[“”、]/g, '').length;
}

describe('typos at glossary scale', SLOW, () => {
  // The fuzzy stage prefilters and caps its candidates; these check it still finds one-letter typos.
  const top5 = (query: string) => {
    const { entries, searcher } = atScale();
    return ids(entries, searcher.search(query)).slice(0, 5);
  };

  it('finds a term with one wrong character', () => {
    for (const entry of SEARCH_ENTRIES.filter((e) => compactLength(e.term) >= 4)) {
      expect(top5(typo(entry.term.replace(/[“”、]/g, ''), '某')), entry.id).toContain(entry.id);
    }
  });

  it('finds pinyin with one wrong letter', () => {
    for (const entry of SEARCH_ENTRIES) {
      const joined = toSearchDoc(entry).pinyinJoined;
      if (joined.length >= 8) expect(top5(typo(joined, 'x')), entry.id).toContain(entry.id);
    }
  });

  it('finds English with one wrong letter', () => {
    expect(top5('belt and raod')).toContain('yi-dai-yi-lu');
    expect(top5('rural revitalsation')).toContain('xiang-cun-zhen-xing');
  });
});

describe('hostile input', () => {
  const entries = SEARCH_ENTRIES;
  const searcher = searcherFor(entries);
  const inputs = [
    '',
    '   ',
    '“”、·',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${ is the point: regex and template metacharacters.
    '.*+?^${}()|[]\\',
    '(?<x>a)\\1',
    '\uD800',
    '\uDC00四上',
    '四\uD800上',
    'a'.repeat(10_000),
    '四'.repeat(10_000),
    '\u0000\u200b\ufeff',
    '🙂🙂 sgsx',
    'ｓｇｓｘ',
  ];

  it('returns arrays and never throws', () => {
    for (const input of inputs) expect(Array.isArray(searcher.search(input)), JSON.stringify(input)).toBe(true);
  });

  it('returns nothing for empty and punctuation-only queries', () => {
    for (const input of ['', '   ', '“”、·']) expect(searcher.search(input)).toEqual([]);
  });

  it('folds full-width letters', () => {
    expect(ids(entries, searcher.search('ｓｇｓｘ'))[0]).toBe('san-gao-si-xin');
  });

  it('survives wrong argument types and a broken index', () => {
    expect(searcher.search(undefined as unknown as string)).toEqual([]);
    expect(searcher.search('四上', Number.NaN)).toHaveLength(searcher.search('四上').length);
    const { docs } = buildSearchIndex(entries);
    const broken = createSearcher(docs, { keys: 'nope' });
    expect(ids(entries, broken.search('三高四心')).slice(0, 3)).toContain('san-gao-si-xin');
  });

  it('keeps results valid for any string', SLOW, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (query) => {
        const results = searcher.search(query);
        for (const r of results) {
          const term = entries[r.index]?.term;
          expect(term).toBeDefined();
          for (const [a, b] of r.highlight) expect(0 <= a && a < b && b <= (term?.length ?? 0)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('search at glossary scale', SLOW, () => {
  it('still ranks the expected entries among 2,000', () => {
    const { entries, searcher } = atScale();
    expect(entries).toHaveLength(2000);
    expectRanks(entries, searcher);
  });

  it('finds every fixture by its own term, first or tied with a same-named entry', () => {
    const { entries, searcher } = atScale();
    for (const entry of SEARCH_ENTRIES) {
      const [first] = searcher.search(entry.term);
      expect(first && entries[first.index]?.term, entry.id).toBe(entry.term);
    }
  });
});
