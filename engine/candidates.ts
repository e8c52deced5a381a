/**
 * Candidate jargon: quoted numbered slogans (“三个一律”, “四新”), other short
 * quoted terms, and X+Y forms (“1+3+N”, 5+2). Used by the command line's
 * coverage report and, on the page, to flag jargon nobody defines.
 */

export interface Candidate {
  /** The candidate as written, without its quotes. */
  text: string;
  start: number;
  end: number;
  kind: 'numbered' | 'quoted' | 'plus';
}

const NUMERAL = /[一二三四五六七八九十两双百千万0-9０-９]/;
/** A quoted stretch of 2–12 characters with no sentence punctuation inside. */
const QUOTED = /[“"「]([^“”"「」，。；：！？\n、]{2,12})[”"」]/g;
/** X+Y forms outside quotes: digits or short CJK/latin groups joined by +. */
const PLUS =
  /(?<![0-9A-Za-z+])(?:[0-9]{1,2}|[A-Z]|[\u4e00-\u9fff]{1,4})(?:\+(?:[0-9]{1,2}|[A-Z]|[\u4e00-\u9fff]{1,4})){1,4}(?![0-9A-Za-z+])/g;

/** Ordinary phrases that happen to contain numerals: not jargon. */
const NOT_JARGON =
  /^(第[一二三四五六七八九十百千万0-9]+|[0-9]+(年|月|日|%|万|亿|个|项|家|次|人)|一些|一切|一直|一定|一般|一样|一起|万一|十分|双方|一年|一批)$/;

export function findCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const inner = m[1] as string;
    if (NOT_JARGON.test(inner) || /^[\s\d.,%]+$/.test(inner)) continue;
    const start = (m.index as number) + 1;
    const kind = inner.includes('+') ? 'plus' : NUMERAL.test(inner) ? 'numbered' : 'quoted';
    out.push({ text: inner, start, end: start + inner.length, kind });
  }
  for (const m of text.matchAll(PLUS)) {
    const start = m.index as number;
    if (out.some((c) => c.start <= start && start < c.end)) continue;
    if (/^[0-9+]+$/.test(m[0]) && /[0-9]{3}/.test(m[0])) continue;
    out.push({ text: m[0], start, end: start + m[0].length, kind: 'plus' });
  }
  return out.sort((a, b) => a.start - b.start);
}
