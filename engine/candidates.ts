/**
 * Candidate jargon: quoted numbered slogans (“三个一律”, “四新”), other short
 * quoted terms, and X+Y forms (“1+3+N”, 5+2). Used by the command line's
 * coverage report and, on the page, to flag jargon nobody defines
 * (`isSloganLike` picks the candidates worth flagging).
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
/**
 * X+Y forms outside quotes: only numbers and single capitals (1+3+N, 5+2,
 * 1+X). Chinese text has no word boundaries, so an unquoted 收支结余+财政项目
 * (a formula) or 互联网+政务服务 cannot be cut out reliably; quoted ones are
 * found by QUOTED.
 */
const PLUS = /(?<![0-9A-Za-z+＋.])(?:[0-9]{1,2}|[A-Z])(?:[+＋](?:[0-9]{1,2}|[A-Z])){1,4}(?![0-9A-Za-z+＋%])/g;

/** Ordinary phrases that happen to contain numerals: not jargon. */
const NOT_JARGON =
  /^(第[一二三四五六七八九十百千万0-9]+|[0-9]+(年|月|日|%|万|亿|个|项|家|次|人)|一些|一切|一直|一定|一般|一样|一起|万一|十分|双方|一年|一批)$/;

/** A note marker that a page put inside the quotes: “五张清单［3］”. */
const NOTE_MARK = /[[［【][0-9０-９]{1,2}[\]］】]$/;

/**
 * Numerals that belong to a name, not to a count: provinces' literary names
 * (三晋, 八闽 …), places, and the province whose name starts with four.
 */
const NAMES_WITH_NUMERALS =
  /四川|三晋|八闽|三秦|三湘|两广|八桂|三亚|十堰|六安|九江|三明|三门峡|六盘水|百色|万宁|万州|七台河|九寨|五指山|千岛湖|三沙|三峡|十三陵|一汽|二汽|百度|千问/g;

function isNumbered(inner: string): boolean {
  return NUMERAL.test(inner.replace(NAMES_WITH_NUMERALS, ''));
}

export function findCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const inner = (m[1] as string).replace(NOTE_MARK, '');
    if (inner.length < 2 || NOT_JARGON.test(inner) || /^[\s\d.,%]+$/.test(inner)) continue;
    const start = (m.index as number) + 1;
    const kind = /[+＋]/.test(inner) ? 'plus' : isNumbered(inner) ? 'numbered' : 'quoted';
    out.push({ text: inner, start, end: start + inner.length, kind });
  }
  for (const m of text.matchAll(PLUS)) {
    const start = m.index as number;
    if (out.some((c) => c.start <= start && start < c.end)) continue;
    // Sums of numbers (15+20) are arithmetic; numbered slogans use single digits (5+2, 1+3+8) or a letter (15+N).
    if (/^[0-9+＋]+$/.test(m[0]) && /[0-9]{2}/.test(m[0])) continue;
    out.push({ text: m[0], start, end: start + m[0].length, kind: 'plus' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Numbered candidates that are not slogans: ordinals (第三批…), names of
 * craft and satellites (天问一号), festivals (四八姑娘节), dates of events
 * (6·16), round-the-clock hours (7×24小时), a bare stretch of time (15分钟,
 * 一刻钟), sports records (三连冠), and common expressions that happen to
 * hold a numeral (一对一, 百分之百, 十年磨一剑).
 */
const NOT_SLOGAN =
  /^第|[一二三四五六七八九十百0-9]号$|节$|^[0-9]+[·.][0-9]+|[×*]|连冠$|^[0-9一二三四五六七八九十两百千万]+(分钟|刻钟|小时|天|周|个月|年)$|^(一对一|百分之百|一览无遗|一票难求|一碗水端平|十年磨一剑|双向奔赴|一方水土难养一方人)$/;

/** A numbered slogan or an X+Y form: what the page flags when nobody defines it. */
export function isSloganLike(c: Candidate): boolean {
  if (c.kind === 'quoted') return false;
  if (c.kind === 'plus') return !/[×*]/.test(c.text);
  return !NOT_SLOGAN.test(c.text);
}
