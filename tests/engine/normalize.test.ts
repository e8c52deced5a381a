import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCharTable, DROP, foldUnit, normalize, normalizeForm, toOriginal } from '../../engine/normalize';

/** A few traditional → simplified pairs, as the build derives them from OpenCC. */
const TRAD = '專专業业國国種种們们';
const table = buildCharTable(TRAD);
const norm = (s: string) => normalize(s, table).text;

/** Texts over a small alphabet with everything the normaliser treats specially. */
const UNITS = [
  ...'三高四新专精特小巨人企业六稳保',
  ...'專業國們',
  ...'5+2 10aBEＡＢＣｅ１',
  ...'“”‘’「」『』"\'',
  ' ',
  '\n',
  '\r',
  '\t',
  '\u3000',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\ufe0f',
  '⼈', // Kangxi radical, as PDF extraction produces it
  '，',
  '。',
  '\ud83d', // half of a surrogate pair: normalised as a unit like any other
  '\ude00',
];
const textArb = fc.array(fc.constantFrom(...UNITS), { maxLength: 40 }).map((a) => a.join(''));

describe('normalize', () => {
  it('folds full-width forms, case, traditional characters and Kangxi radicals', () => {
    expect(norm('ＡＢＣ')).toBe('abc');
    expect(norm('ABC')).toBe('abc');
    expect(norm('１５＋２０')).toBe('15+20');
    expect(norm('專精特新')).toBe('专精特新');
    expect(norm('⼈⼤')).toBe('人大');
    expect(norm('ｶ')).toBe('カ');
  });

  it('drops white space, line breaks, zero-width characters and quotes', () => {
    expect(norm('三 高 四 新')).toBe('三高四新');
    expect(norm('三高\n四新')).toBe('三高四新');
    expect(norm('三高\r\n\r\n四新')).toBe('三高四新');
    expect(norm('人\n\u200b\n民')).toBe('人民');
    expect(norm('\u3000\u3000三高四新\u00a0')).toBe('三高四新');
    expect(norm('专精特新“小巨人”企业')).toBe('专精特新小巨人企业');
    expect(norm('专精特新"小巨人"企业')).toBe('专精特新小巨人企业');
    expect(norm('专精特新「小巨人」企业')).toBe('专精特新小巨人企业');
    expect(norm('专精特新『小巨人』企业')).toBe('专精特新小巨人企业');
    expect(norm("专精特新'小巨人'企业")).toBe('专精特新小巨人企业');
    expect(norm('专精特新‘小巨人’企业')).toBe('专精特新小巨人企业');
    expect(norm('专精特新﹁小巨人﹂企业')).toBe('专精特新小巨人企业');
  });

  it('keeps CJK punctuation other than quotes (as its NFKC form)', () => {
    expect(norm('《十四五》规划，')).toBe('《十四五》规划,');
    expect(norm('六稳、六保。')).toBe('六稳、六保。');
  });

  it('maps every normalised unit back to the unit it came from', () => {
    const text = ' “三 高”\n四新 ';
    const { text: out, map } = normalize(text, table);
    expect(out).toBe('三高四新');
    expect([...map]).toEqual([2, 4, 7, 8, text.length]);
    expect(toOriginal(map, 0, 4)).toEqual([2, 9]);
    expect(text.slice(...toOriginal(map, 0, 4))).toBe('三 高”\n四新');
  });

  it('normalises surface forms exactly as it normalises text', () => {
    for (const form of ['“三高四新”', '专精特新“小巨人”企业', '5+2现代化产业新体系', 'EFlops', '專精特新']) {
      expect(normalizeForm(form, table)).toBe(norm(form));
    }
  });

  it('is idempotent over all 64k units, and its list of changed units is exact', () => {
    const changed = new Map<number, number>();
    for (const packed of table.changed) changed.set(packed >>> 16, packed & 0xffff);
    const notIdempotent: number[] = [];
    const misreported: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const v = foldUnit(table, c);
      if (v !== DROP && foldUnit(table, v) !== v) notIdempotent.push(c);
      if ((changed.get(c) ?? c) !== v) misreported.push(c);
    }
    expect(notIdempotent).toEqual([]);
    expect(misreported).toEqual([]);
    // OpenCC's tables have chains (麼 → 么 → 幺): both ends fold to the same unit.
    const chained = buildCharTable('麼么么幺');
    expect(foldUnit(chained, '麼'.charCodeAt(0))).toBe('幺'.charCodeAt(0));
    expect(foldUnit(chained, '么'.charCodeAt(0))).toBe('幺'.charCodeAt(0));
  });

  it('property: the offset map is strictly increasing and each unit is its source unit through the table', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const { text: out, map } = normalize(text, table);
        expect(map.length).toBe(out.length + 1);
        expect(map[out.length]).toBe(text.length);
        for (let i = 0; i < out.length; i++) {
          if (i > 0) expect(map[i]).toBeGreaterThan(map[i - 1] as number);
          expect(out.charCodeAt(i)).toBe(foldUnit(table, text.charCodeAt(map[i] as number)));
        }
        // Every unit left out of the map is one the table drops.
        const kept = new Set(map.subarray(0, out.length));
        for (let k = 0; k < text.length; k++) {
          if (!kept.has(k)) expect(foldUnit(table, text.charCodeAt(k))).toBe(DROP);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: normalising twice changes nothing, and normalizeForm agrees with normalize', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const once = norm(text);
        expect(norm(once)).toBe(once);
        expect(normalizeForm(text, table)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('property: a normalised span maps back to an original span that normalises to it', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), (text, a, b) => {
        const { text: out, map } = normalize(text, table);
        fc.pre(out.length > 0);
        const start = a % out.length;
        const end = start + 1 + (b % (out.length - start));
        const [s, e] = toOriginal(map, start, end);
        expect(norm(text.slice(s, e))).toBe(out.slice(start, end));
        // The original span starts and ends on kept units.
        expect(foldUnit(table, text.charCodeAt(s))).not.toBe(DROP);
        expect(foldUnit(table, text.charCodeAt(e - 1))).not.toBe(DROP);
      }),
      { numRuns: 500 },
    );
  });
});
