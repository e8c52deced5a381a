/**
 * Candidate jargon and the "unknown slogan" filter. Phrases are quoted from
 * the corpus reports (the seed, 2025 provincial reports, 2021 national
 * report, content_5362266) inside short sentences.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, findCandidates, isSloganLike } from '../../engine/candidates';
import { naiveCandidates } from './reference';

const texts = (cs: Candidate[]) => cs.map((c) => c.text);

describe('findCandidates', () => {
  it('finds quoted slogans with their kind and offsets, without the quotes', () => {
    const text = '坚决做到“两个维护”，推进“1+3+N”平台，打造“小巨人”企业。';
    const found = findCandidates(text);
    expect(found.map((c) => [c.text, c.kind])).toEqual([
      ['两个维护', 'numbered'],
      ['1+3+N', 'plus'],
      ['小巨人', 'quoted'],
    ]);
    for (const c of found) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('finds X+Y forms outside quotes when they are numbers and capitals, not formulas', () => {
    expect(texts(findCandidates('培育壮大5+2现代化产业新体系，建设1+N中试平台。'))).toEqual(['5+2', '1+N']);
    // content_5362266: a formula, not jargon; Chinese has no word boundaries to cut it out by.
    expect(findCandidates('资产负债率=（收支结余+财政项目补助）/总收入，合计15+20项。')).toEqual([]);
  });

  it('drops a note marker inside the quotes (海南: “五张清单［3］”)', () => {
    const found = findCandidates('落实“五张清单［3］”制度。');
    expect(texts(found)).toEqual(['五张清单']);
    expect(found[0]?.end).toBe(found[0]!.start + 4);
  });

  it('does not count the numerals of a name (四川造, 三晋英才) as a count', () => {
    expect(findCandidates('打响“四川造”品牌，实施“三晋英才”计划。').map((c) => c.kind)).toEqual(['quoted', 'quoted']);
  });
});

describe('isSloganLike', () => {
  const flagged = (text: string) => texts(findCandidates(text).filter(isSloganLike));

  it('keeps numbered slogans and X+Y forms', () => {
    expect(flagged('做到“两个确立”、“四个意识”，推进“三地一区”和“1+1+9”体系、“互联网+督查”。')).toEqual([
      '两个确立',
      '四个意识',
      '三地一区',
      '1+1+9',
      '互联网+督查',
    ]);
  });

  it('drops quoted terms without a count, ordinals, names of craft, festivals, dates and hours', () => {
    expect(
      flagged(
        '打造“小巨人”企业；创建“第三批全国乡村治理示范村”；“天问一号”成功着陆；依托“四八姑娘节”；纪念“6·16”；提供“7×24小时”服务。',
      ),
    ).toEqual([]);
  });

  it('in a seed sentence: the numbered slogan, not the quoted phrase', () => {
    // The seed's report, line 251.
    expect(flagged('带头过“紧日子”，厉行勤俭节约，反对铺张浪费。加强审计和统计监督，一体推进“三不腐”。')).toEqual([
      '三不腐',
    ]);
  });
});

describe('findCandidates against the naive reference (matchAll of the same patterns)', () => {
  const UNITS = [
    '“',
    '”',
    '"',
    '「',
    '」',
    '+',
    '＋',
    '1',
    '15',
    'N',
    'x',
    '三',
    '四新',
    '个',
    '年',
    '，',
    '。',
    '第',
    '［3］',
    ' ',
    '.',
    '%',
  ];
  const textArb = fc.array(fc.constantFrom(...UNITS), { maxLength: 40 }).map((a) => a.join(''));

  it('finds the same candidates on random texts of quotes, plus signs, numerals and CJK', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(findCandidates(text)).toEqual(naiveCandidates(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops what `skip` says before cutting it out, and a plus form inside a skipped quote stays out', () => {
    const text = '推进“1+3+N”平台，落实“三高四新”，5+2格局';
    const all = findCandidates(text);
    expect(all.map((c) => c.text)).toEqual(['1+3+N', '三高四新', '5+2']);
    const quoteAt = text.indexOf('1+3+N');
    const kept = findCandidates(text, (start) => start === quoteAt);
    expect(kept.map((c) => c.text)).toEqual(['三高四新', '5+2']);
  });
});
