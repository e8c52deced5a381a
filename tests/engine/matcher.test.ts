import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Match, Matcher, type MatcherData } from '../../engine/matcher';
import { buildCharTable, normalizeForm } from '../../engine/normalize';
import { naiveMatches } from './reference';

const TRAD = '專专業业國国種种們们';
const table = buildCharTable(TRAD);

function matcherOf(patterns: readonly string[]): Matcher {
  return new Matcher(
    patterns.map((p) => normalizeForm(p, table)),
    table,
  );
}

/** Each match as the text it covers, with the pattern it found. */
function found(patterns: readonly string[], text: string): Array<[string, string]> {
  return matcherOf(patterns)
    .findAll(text)
    .map((m) => [text.slice(m.start, m.end), patterns[m.pattern] as string]);
}

describe('Matcher: the issue’s examples', () => {
  it('prefers the longest term at the leftmost position', () => {
    expect(found(['三高', '三高四新'], '实施“三高四新”战略')).toEqual([['三高四新', '三高四新']]);
    expect(found(['六稳', '六保', '六稳六保'], '做好六稳六保工作')).toEqual([['六稳六保', '六稳六保']]);
    expect(found(['专精特新', '专精特新“小巨人”企业'], '培育专精特新“小巨人”企业')).toEqual([
      ['专精特新“小巨人”企业', '专精特新“小巨人”企业'],
    ]);
  });

  it('matches every quoting style of a term, and none', () => {
    const patterns = ['专精特新', '专精特新“小巨人”企业'];
    for (const text of [
      '专精特新“小巨人”企业',
      '专精特新"小巨人"企业',
      '专精特新小巨人企业',
      '专精特新「小巨人」企业',
    ]) {
      expect(found(patterns, text)).toEqual([[text, '专精特新“小巨人”企业']]);
    }
  });

  it('falls back to the shorter term when the longer one is not complete', () => {
    expect(found(['专精特新', '专精特新“小巨人”企业'], '专精特新“小巨人”')).toEqual([['专精特新', '专精特新']]);
    expect(found(['三高', '三高四新'], '三高四')).toEqual([['三高', '三高']]);
  });

  it('does not find 5+2 inside 15+20, but finds it on its own', () => {
    expect(found(['5+2'], '15+20')).toEqual([]);
    expect(found(['5+2'], '5+20')).toEqual([]);
    expect(found(['5+2'], '15+2')).toEqual([]);
    expect(found(['5+2'], '“5+2”现代化产业体系')).toEqual([['5+2', '5+2']]);
    expect(found(['5+2现代化产业新体系'], '构建“5+2”现代化产业新体系')).toEqual([
      ['5+2”现代化产业新体系', '5+2现代化产业新体系'],
    ]);
  });

  it('finds a letter term next to a digit, but not inside a longer word', () => {
    expect(found(['EFlops'], '规模达到15EFlops，')).toEqual([['EFlops', 'EFlops']]);
    expect(found(['REITs'], '基础设施REITs发行')).toEqual([['REITs', 'REITs']]);
    expect(found(['REITs'], 'xREITs')).toEqual([]);
    expect(found(['REITs'], 'REITsx')).toEqual([]);
  });

  it('matches PDF-spaced text, line breaks and zero-width characters inside a term', () => {
    expect(found(['三高四新'], '落实 三 高 四 新 战略')).toEqual([['三 高 四 新', '三高四新']]);
    expect(found(['三高四新'], '三高\n四新')).toEqual([['三高\n四新', '三高四新']]);
    expect(found(['三高四新'], '三高\r\n\r\n四新')).toEqual([['三高\r\n\r\n四新', '三高四新']]);
    expect(found(['人民'], '人\n\u200b\n民')).toEqual([['人\n\u200b\n民', '人民']]);
  });

  it('matches traditional and full-width forms', () => {
    expect(found(['专精特新'], '培育專精特新企業')).toEqual([['專精特新', '专精特新']]);
    expect(found(['abc'], '（ＡＢＣ）')).toEqual([['ＡＢＣ', 'abc']]);
    expect(found(['ABC'], 'abc')).toEqual([['abc', 'ABC']]);
  });

  it('leaves quotes and spaces around a match out of it', () => {
    expect(found(['三高四新'], ' “三高四新” ')).toEqual([['三高四新', '三高四新']]);
  });

  it('reports the first of two patterns with the same normalised form, and ignores empty ones', () => {
    const m = matcherOf(['', '“两新”', '两新']);
    expect(m.findAll('推进两新工作')).toEqual([{ start: 2, end: 4, pattern: 1 }]);
    expect(matcherOf([]).findAll('两新')).toEqual([]);
    expect(matcherOf(['  ']).findAll('两新 ')).toEqual([]);
  });

  it('normalises patterns that were not normalised', () => {
    const m = new Matcher(['專精特新', '“两新”'], table);
    expect(m.findAll('专精特新，两新').map((x) => x.pattern)).toEqual([0, 1]);
  });

  it('scans a range as if it were the whole text', () => {
    const m = matcherOf(['5+2', '三高四新']);
    const text = '15+2 三高四新';
    const inRange: Match[] = [];
    m.scan(text, (start, end, pattern) => inRange.push({ start, end, pattern }), 1, 7);
    // From offset 1, "5+2" has no digit before it; the range cuts 三高四新.
    expect(inRange).toEqual([{ start: 1, end: 4, pattern: 0 }]);
  });

  it('handles surrogate pairs as units, and patterns across them', () => {
    expect(found(['𠮷野家'], '去𠮷野家')).toEqual([['𠮷野家', '𠮷野家']]);
    expect(found(['野家'], '𠮷野家')).toEqual([['野家', '野家']]);
  });
});

/** Small alphabets, so that random patterns overlap and nest. */
const TEXT_UNITS = [...'三高四新专精六稳保', ...'專國', ...'5+21aEＥ', ...'“”"「', ' ', '\n', '\u200b', '\u3000'];
const PATTERN_UNITS = [...'三高四新专精六稳保国5+21ae', '“'];
const textArb = fc.array(fc.constantFrom(...TEXT_UNITS), { maxLength: 60 }).map((a) => a.join(''));
const patternArb = fc.array(fc.constantFrom(...PATTERN_UNITS), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
const patternsArb = fc.array(patternArb, { minLength: 0, maxLength: 12 });

describe('Matcher against the naive reference', () => {
  it('property: findAll equals the leftmost-longest reference over normalize(), mapped back', () => {
    fc.assert(
      fc.property(patternsArb, textArb, (patterns, text) => {
        expect(new Matcher(patterns, table).findAll(text)).toEqual(naiveMatches(text, patterns, table));
      }),
      { numRuns: 2000 },
    );
  }, 120_000);

  it('property: texts built from the patterns themselves (many matches, nested and adjacent)', () => {
    const arb = patternsArb
      .filter((p) => p.length > 0)
      .chain((patterns) =>
        fc.tuple(
          fc.constant(patterns),
          fc
            .array(fc.oneof(fc.constantFrom(...patterns), fc.constantFrom(...TEXT_UNITS)), { maxLength: 20 })
            .map((a) => a.join('')),
        ),
      );
    fc.assert(
      fc.property(arb, ([patterns, text]) => {
        expect(new Matcher(patterns, table).findAll(text)).toEqual(naiveMatches(text, patterns, table));
      }),
      { numRuns: 2000 },
    );
  }, 120_000);

  it('property: matches are in order, do not overlap, and slice to text that normalises to their pattern', () => {
    fc.assert(
      fc.property(patternsArb, textArb, (patterns, text) => {
        let last = 0;
        for (const m of new Matcher(patterns, table).findAll(text)) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(normalizeForm(text.slice(m.start, m.end), table)).toBe(
            normalizeForm(patterns[m.pattern] as string, table),
          );
          last = m.end;
        }
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('property: scanning [from, to) finds what findAll finds in that slice', () => {
    fc.assert(
      fc.property(patternsArb, textArb, fc.nat(), fc.nat(), (patterns, text, a, b) => {
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        const m = new Matcher(patterns, table);
        const inRange: Match[] = [];
        m.scan(text, (start, end, pattern) => inRange.push({ start, end, pattern }), from, to);
        const sliced = m.findAll(text.slice(from, to)).map((x) => ({ ...x, start: x.start + from, end: x.end + from }));
        expect(inRange).toEqual(sliced);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('property: a matcher rebuilt from its JSON data finds exactly the same', () => {
    fc.assert(
      fc.property(patternsArb, textArb, (patterns, text) => {
        const built = new Matcher(patterns, table);
        const loaded = new Matcher(JSON.parse(JSON.stringify(built.toData())));
        expect(loaded.findAll(text)).toEqual(built.findAll(text));
        expect(loaded.size).toBe(built.size);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('refuses data of another layout version', () => {
    const data = { ...matcherOf(['三高四新']).toData(), version: 2 };
    expect(() => new Matcher(data as unknown as MatcherData)).toThrow(/version/);
  });

  it('agrees with the reference on a large random glossary (a deep, wide double array)', () => {
    // Thousands of patterns over a 40-letter alphabet: nodes with many children, long shared prefixes.
    const letters = [...'一二三四五六七八九十百千万亿高新稳保专精特小巨人企业国省市县区乡镇村abc123'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const word = (len: number) => Array.from({ length: len }, () => letters[rand(letters.length)]).join('');
    const patterns = Array.from({ length: 5000 }, () => word(1 + rand(6)));
    const text = Array.from({ length: 3000 }, () => word(1 + rand(8)) + (rand(4) === 0 ? ' ' : '')).join('');
    expect(new Matcher(patterns, table).findAll(text)).toEqual(naiveMatches(text, patterns, table));
  }, 60_000);
});
