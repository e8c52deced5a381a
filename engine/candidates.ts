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

/** QUOTED and PLUS, sticky: tried at one position with test(), so that no match array is made. */
const QUOTED_AT = new RegExp(QUOTED.source, 'y');
const PLUS_AT = new RegExp(PLUS.source, 'y');
const QUOTE_OPEN = /[“"「]/g;
const PLUS_SIGN = /[+＋]/g;

/**
 * The candidates in `text`, in order. `skip(start, end)` (optional) drops a
 * candidate before its text is cut out: the page scanner passes "already
 * taken by a glossary term", which is most quoted terms on a page.
 *
 * Runs over every run of every page the content script scans, so it makes
 * no regular-expression match arrays: a sticky test() at each opening quote
 * and around each plus sign finds the same matches as QUOTED and PLUS.
 */
export function findCandidates(text: string, skip?: (start: number, end: number) => boolean): Candidate[] {
  const out: Candidate[] = [];
  /** Where the quoted candidates are, skipped ones included: a plus form inside one is not another candidate. */
  const quoted: number[] = [];
  QUOTE_OPEN.lastIndex = 0;
  while (QUOTE_OPEN.test(text)) {
    const at = QUOTE_OPEN.lastIndex - 1;
    QUOTED_AT.lastIndex = at;
    if (!QUOTED_AT.test(text)) continue;
    const start = at + 1;
    const close = QUOTED_AT.lastIndex - 1;
    QUOTE_OPEN.lastIndex = QUOTED_AT.lastIndex;
    quoted.push(start, close);
    if (skip?.(start, close)) continue;
    const inner = text.slice(start, close).replace(NOTE_MARK, '');
    if (inner.length < 2 || NOT_JARGON.test(inner) || /^[\s\d.,%]+$/.test(inner)) continue;
    const kind = /[+＋]/.test(inner) ? 'plus' : isNumbered(inner) ? 'numbered' : 'quoted';
    out.push({ text: inner, start, end: start + inner.length, kind });
  }
  let sorted = true;
  PLUS_SIGN.lastIndex = 0;
  let from = 0;
  while (PLUS_SIGN.test(text)) {
    // A plus form starts at most two characters before its first plus sign.
    const sign = PLUS_SIGN.lastIndex - 1;
    let found = -1;
    for (let at = Math.max(from, sign - 2); at < sign; at++) {
      PLUS_AT.lastIndex = at;
      if (PLUS_AT.test(text)) {
        found = at;
        break;
      }
    }
    if (found < 0) continue;
    const start = found;
    const end = PLUS_AT.lastIndex;
    PLUS_SIGN.lastIndex = end;
    from = end;
    if (inside(quoted, start)) continue;
    const form = text.slice(start, end);
    // Sums of numbers (15+20) are arithmetic; numbered slogans use single digits (5+2, 1+3+8) or a letter (15+N).
    if (/^[0-9+＋]+$/.test(form) && /[0-9]{2}/.test(form)) continue;
    if (skip?.(start, end)) continue;
    if (out.length && (out[out.length - 1] as Candidate).start > start) sorted = false;
    out.push({ text: form, start, end, kind: 'plus' });
  }
  return sorted ? out : out.sort((a, b) => a.start - b.start);
}

/** Whether `at` falls in one of the [start, end) pairs of `ranges`. */
function inside(ranges: number[], at: number): boolean {
  for (let i = 0; i < ranges.length; i += 2)
    if ((ranges[i] as number) <= at && at < (ranges[i + 1] as number)) return true;
  return false;
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

/** The patterns and the numeral test, for the tests' naive reference (tests/engine/reference.ts). */
export const candidatePatterns = { QUOTED, PLUS, NOTE_MARK, NOT_JARGON, isNumbered };
