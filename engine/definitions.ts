/**
 * The page's own glossary: the definitions a document gives of its jargon.
 *
 * Input is a page's text with one block per line (page/collect.ts's
 * `extractText`, or a plain-text file). Three kinds of definition:
 *
 * - `section`: a 名词解释 / 名词注释 section (also letter-spaced, numbered,
 *   or an 附件 heading), its entries numbered 1. 1． （1） ① 一、 [1] or not
 *   at all, each `term：definition` (the term may be **bold** or quoted).
 * - `note`: a 注： / 注释： section whose items say what a term covers
 *   (规模以上工业统计范围为…, 微创手术是指…). Items that define nothing
 *   (数据均为初步统计数, …按现价计算) are left out.
 * - `inline`: “六个严防”，即…; “两个允许”（…）; X是指… at the start of a
 *   clause; 本办法所称X，是指…; 所谓X，是….
 *
 * Offsets are into the given text: `start` is where the entry begins (its
 * term, or the sentence that defines it), `end` where its definition ends.
 * A definition may run over several lines, and over page furniture that PDF
 * extraction put inside it (the seed's entry 5 has the report's closing
 * paragraph in the middle): `definition` is the entry's own text only.
 */
import type { PageDefinition } from './entry';

interface Line {
  text: string;
  start: number;
}

/** A stretch of the original text that belongs to one entry. */
interface Piece {
  start: number;
  end: number;
}

type SectionKind = 'section' | 'note';

/** 名词解释 and friends; 注 / 注释 make a notes section. Matched on the line with all white space removed. */
const HEADING =
  /^(?:附件[0-9０-９一二三四五六七八九十]*[：:、.．]?)?(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|[0-9０-９]+[、.．])?(名词(?:解释|注释|解析|释义|说明)|术语(?:解释|说明)|注释|注解|注)(?:如下)?[：:]?/;

/** An entry's number, in the styles government documents use. */
const MARKER =
  /^[\s\u3000]*(?:([0-9０-９]{1,3})[\s\u3000]*[.．、]|[（(]([0-9０-９]{1,3})[）)]|([①-⑳])|([一二三四五六七八九十]{1,3})、|[[【]([0-9０-９]{1,3})[\]】])[\s\u3000]*/;

type Style = 'dot' | 'paren' | 'circled' | 'cjk' | 'bracket';

const CJK_NUMBERS = '一二三四五六七八九十';

function cjkNumber(s: string): number {
  if (s === '十') return 10;
  if (s.length === 1) return CJK_NUMBERS.indexOf(s) + 1;
  if (s.length === 2 && s[0] === '十') return 10 + CJK_NUMBERS.indexOf(s[1] as string) + 1;
  if (s.length === 2 && s[1] === '十') return (CJK_NUMBERS.indexOf(s[0] as string) + 1) * 10;
  if (s.length === 3 && s[1] === '十')
    return (CJK_NUMBERS.indexOf(s[0] as string) + 1) * 10 + CJK_NUMBERS.indexOf(s[2] as string) + 1;
  return 0;
}

function digits(s: string): number {
  return Number(s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
}

interface Marker {
  style: Style;
  n: number;
  /** Length of the marker and the white space after it. */
  length: number;
  /** A digit follows the dot (8.6个重大科技专项, or a decimal: 1.5亿元): a marker only where the number is the one expected. */
  tight: boolean;
}

function markerOf(line: string): Marker | null {
  const m = MARKER.exec(line);
  if (!m) return null;
  const length = m[0].length;
  const tight = !!m[1] && /^[0-9０-９]/.test(line.slice(length));
  if (m[1]) return { style: 'dot', n: digits(m[1]), length, tight };
  if (m[2]) return { style: 'paren', n: digits(m[2]), length, tight };
  if (m[3]) return { style: 'circled', n: (m[3].codePointAt(0) as number) - 0x2460 + 1, length, tight };
  if (m[4]) return { style: 'cjk', n: cjkNumber(m[4]), length, tight };
  if (m[5]) return { style: 'bracket', n: digits(m[5]), length, tight };
  return null;
}

const TERMINAL = /[。！？!?；;]$/;
const BLANK = /^[\s\u3000\u00a0\u200b]*$/;

/**
 * Lines a PDF or a page layout puts where they do not belong: page numbers,
 * letter-spaced mastheads, and oratory (a glossary entry never exclaims; the
 * seed's closing paragraph, 各位代表，同志们！…, lands inside entry 5).
 */
function isFurniture(line: string): boolean {
  const t = line.trim();
  if (/^[-—–－_\s\u3000]*(第\s*)?[0-9０-９]+\s*(页)?[-—–－_\s\u3000]*$/.test(t)) return true;
  if (/^(\S\s){2,}\S$/.test(t) && !/[，。；：]/.test(t)) return true;
  return /[！!]/.test(t) || /^(各位代表|各位委员|同志们)/.test(t);
}

/** A line that starts something else: a title, a heading, a label with a colon. */
function isTitle(line: string): boolean {
  const t = line.trim();
  if (/[：:]$/.test(t)) return true;
  if (/^(附件|附表|资料来源|来源|抄送|扫一扫)/.test(t)) return true;
  return !TERMINAL.test(t) && !/[，,、]$/.test(t);
}

/** Where a numbered entry starts inside a line: after a sentence ends (a page that separates entries with <br> only). */
const INNER_MARKER =
  /[。；;！？!?][\s\u3000]*(?=(?:[0-9０-９]{1,3}[.．、](?![0-9０-９])|[（(][0-9０-９]{1,3}[）)]|[①-⑳]|[[【][0-9０-９]{1,3}[\]】]))/g;

/** The line of `text` that starts at `start` (without its line break, or a CR before it). */
function lineFrom(text: string, start: number): Line {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { text: text.slice(start, end), start };
}

/** Where the line after the one starting at `start` begins, or -1 at the end of the text. */
function nextLineStart(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? -1 : end + 1;
}

/** A line of a section, each entry of a run-together list (1.…。2.…。) on a line of its own. */
function splitEntries(line: Line): Line[] {
  const out: Line[] = [];
  let from = 0;
  for (const m of line.text.matchAll(INNER_MARKER)) {
    const cut = (m.index as number) + m[0].length;
    out.push({ text: line.text.slice(from, cut), start: line.start + from });
    from = cut;
  }
  out.push({ text: line.text.slice(from), start: line.start + from });
  return out;
}

/** The heading at the start of a line, if any: its kind and where the rest of the line begins. */
const HEADING_START = /^[^\S\n]*[附一二三四五六七八九十0-9０-９（(名术注]/;
const SPACE = /[\s\u3000\u00a0]/;

function headingOf(line: string): { kind: SectionKind; rest: number } | null {
  if (!HEADING_START.test(line)) return null;
  // Remove white space (名 词 解 释) but remember where each kept character was; a heading is short.
  const kept: number[] = [];
  let squashed = '';
  for (let i = 0; i < line.length && kept.length < 24; i++) {
    if (SPACE.test(line[i] as string)) continue;
    kept.push(i);
    squashed += line[i];
  }
  const m = HEADING.exec(squashed);
  if (!m) return null;
  const restAt = m[0].length < kept.length ? (kept[m[0].length] as number) : line.length;
  const rest = line.slice(restAt);
  const kind: SectionKind = m[1]?.startsWith('注') ? 'note' : 'section';
  // A heading is alone on its line, or followed at once by its first entry (名词解释：1.…) or, for a note, by the note itself (注：本表…).
  if (!BLANK.test(rest)) {
    const hadColon = /[：:]$/.test(m[0]);
    if (kind === 'section' && !markerOf(rest)) return null;
    if (kind === 'note' && !hadColon && !markerOf(rest)) return null;
  }
  return { kind, rest: restAt };
}

interface RawEntry {
  kind: SectionKind;
  pieces: Piece[];
}

/**
 * Reads the entries of the section whose heading is on line `h` (its body
 * may begin on the heading's own line, at `restAt`). Returns them and the
 * index of the first line after the section.
 */
function readSection(
  text: string,
  head: Line,
  kind: SectionKind,
  restAt: number,
): { entries: RawEntry[]; end: number } {
  // The body: the rest of the heading's line (if any), then the following lines, split where entries run together.
  const work: Line[] =
    restAt < head.text.length ? splitEntries({ text: head.text.slice(restAt), start: head.start + restAt }) : [];
  let source = nextLineStart(text, head.start);
  /** The k-th line of the body, read as needed; null after the end of the text. */
  const lineAt = (k: number): Line | null => {
    while (k >= work.length && source >= 0) {
      work.push(...splitEntries(lineFrom(text, source)));
      source = nextLineStart(text, source);
    }
    return work[k] ?? null;
  };

  const entries: RawEntry[] = [];
  let style: Style | 'none' | null = null;
  let expected = 1;
  let current: RawEntry | null = null;
  let lastText = '';
  /** Whole paragraphs after a complete entry: they belong to it only if another entry follows. */
  let pending: Array<{ piece: Piece; text: string }> = [];
  let strays = 0;
  const complete = () => !current || TERMINAL.test(lastText);
  const add = (piece: Piece, text: string) => {
    current?.pieces.push(piece);
    lastText = text;
  };
  const open = (piece: Piece, text: string) => {
    if (current) entries.push(current);
    current = { kind, pieces: [] };
    add(piece, text);
  };

  let i = 0;
  for (let line = lineAt(0); line; line = lineAt(++i)) {
    if (BLANK.test(line.text)) continue;
    const trimmed = line.text.trim();
    const lead = line.text.indexOf(trimmed[0] as string);
    const piece = (from: number): Piece => ({ start: line.start + from, end: line.start + lead + trimmed.length });
    const mark = markerOf(line.text);

    if (
      mark &&
      (style === null || style === 'none' ? mark.n === 1 && !mark.tight : style === mark.style && mark.n === expected)
    ) {
      if (style === 'none') break;
      for (const p of pending) add(p.piece, p.text);
      pending = [];
      style = mark.style;
      expected = mark.n + 1;
      open(piece(mark.length), trimmed);
      continue;
    }
    if (mark && !mark.tight && style !== null) {
      // A list inside an entry (具体包括：（1）…) continues it; anything else ends the section.
      if (current && (!complete() || /[：:；;]$/.test(lastText))) {
        add(piece(lead), trimmed);
        continue;
      }
      break;
    }
    if (isFurniture(trimmed)) continue;
    if (style === null || style === 'none') {
      // Unnumbered entries: one `term：definition` (in notes, one defining sentence) per line.
      const body = trimmed;
      if (kind === 'note' ? notePredicate(body) !== null : colonTerm(body) !== null) {
        style = 'none';
        open(piece(lead), trimmed);
        continue;
      }
      if (current && !complete()) {
        add(piece(lead), trimmed);
        continue;
      }
      // An introduction (以下为本报告中的名词解释：) may come before the first entry.
      if (style === null && !current && ++strays <= 1 && !isTitle(trimmed)) continue;
      break;
    }
    // Numbered entries: an unnumbered line continues the current one, or ends the section.
    if (!complete()) {
      for (const p of pending) add(p.piece, p.text);
      pending = [];
      add(piece(lead), trimmed);
      continue;
    }
    if (isTitle(trimmed) || pending.length >= 2) break;
    pending.push({ piece: piece(lead), text: trimmed });
  }
  if (current) entries.push(current);
  return { entries, end: lineAt(i)?.start ?? text.length };
}

/** An entry's text as one string, with the original offset of each unit. */
interface Joined {
  text: string;
  map: number[];
}

function joinPieces(source: string, pieces: Piece[]): Joined {
  let text = '';
  const map: number[] = [];
  pieces.forEach((p, k) => {
    const part = source.slice(p.start, p.end);
    if (k > 0 && text) {
      // A line broken mid-sentence (a PDF page break, 中药\n\n材) joins without a break.
      if (TERMINAL.test(text) || /[：:]$/.test(text)) {
        text += '\n';
        map.push((pieces[k - 1] as Piece).end);
      }
    }
    for (let i = 0; i < part.length; i++) {
      text += part[i];
      map.push(p.start + i);
    }
  });
  map.push(pieces.length ? (pieces[pieces.length - 1] as Piece).end : 0);
  return { text, map };
}

/** Strips markdown-style bold markers and white space from a term. */
function cleanTerm(term: string): string {
  return term
    .replace(/\*\*/g, '')
    .replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0：:]+$/g, '')
    .trim();
}

/** Labels of page furniture and metadata that look like `term：`. */
const LABEL =
  /^(来源|发布|发布时间|时间|日期|作者|编辑|责任编辑|附件|联系电话|电话|地址|邮编|网址|字号|浏览次数|分享|打印|关闭)$/;

/** A term before a colon: short, and no sentence inside it; where the term and the definition begin. */
function colonTerm(s: string): { term: string; termStart: number; defStart: number } | null {
  const bold = /^\*\*([^*\n]{1,60}?)\*\*[\s\u3000]*[：:]?(?:\*\*)?/.exec(s);
  if (bold) {
    const colonInBold = /[：:]$/.test(bold[1] as string);
    const hasColon = colonInBold || /[：:]/.test(bold[0]);
    if (hasColon) return { term: cleanTerm(bold[1] as string), termStart: 2, defStart: bold[0].length };
  }
  const colon = s.search(/[：:]/);
  if (colon < 1 || colon > 60) return null;
  const term = s.slice(0, colon);
  if (/[。；;！？!?]/.test(term) || /[，,]/.test(term)) return null;
  // A number or a page label before the colon is not a term (2024：, 来源：, 责任编辑：).
  if (/^[0-9０-９\s]+$/.test(term) || LABEL.test(term.trim())) return null;
  return { term: cleanTerm(term), termStart: 0, defStart: colon + 1 };
}

/** Words that say "X is defined as": in notes, in inline explanations. */
const NOTE_VERBS =
  /^(?:是指|系指|指的是|统计范围为|统计范围是|统计范围包括|统计口径为|包括|除[^。；，]{1,30}外[，,]还包括|指(?![标导出挥数南引定示派令向望控责明纹针])|即(?![将使可时刻日便])|是(?=[^。]{0,40}的(?:简称|统称|总称)))/;

/** A note sentence that defines its subject: returns the subject's length and where the definition begins. */
function notePredicate(sentence: string): { subject: number; defStart: number } | null {
  // The subject: a noun phrase with no clause punctuation, not an adverb-ended fragment (…口径均不包括).
  const max = Math.min(sentence.length, 32);
  for (let k = 2; k < max; k++) {
    const ch = sentence[k - 1] as string;
    if (/[，,。；;：:！？!?\n]/.test(ch)) return null;
    const verb = NOTE_VERBS.exec(sentence.slice(k));
    if (!verb) continue;
    const subject = sentence.slice(0, k);
    if (/[不均也都还亦仅只可应将已并]$/.test(subject)) continue;
    if (/^(其中|本公报|本表|本报告|以上|上述|这|该|此|其)/.test(subject)) return null;
    // 包括 after an obviously verbal subject (…数据来源包括) is fine; after a number it is a count (3家包括…).
    if (/[0-9０-９]$/.test(subject)) continue;
    return { subject: k, defStart: k };
  }
  return null;
}

function toDefinition(
  joined: Joined,
  termFrom: number,
  termTo: number,
  defFrom: number,
  defTo: number,
  kind: PageDefinition['kind'],
): PageDefinition | null {
  const term = cleanTerm(joined.text.slice(termFrom, termTo));
  let a = defFrom;
  let b = defTo;
  while (a < b && /[\s\u3000\u00a0*：:]/.test(joined.text[a] as string)) a++;
  while (b > a && /[\s\u3000\u00a0]/.test(joined.text[b - 1] as string)) b--;
  const definition = joined.text.slice(a, b);
  if (term.length < 1 || definition.length < 2) return null;
  return { term, definition, kind, start: joined.map[termFrom] as number, end: (joined.map[b - 1] as number) + 1 };
}

function sectionDefinitions(text: string, entry: RawEntry): PageDefinition[] {
  const joined = joinPieces(text, entry.pieces);
  const s = joined.text;
  if (entry.kind === 'section') {
    const head = colonTerm(s);
    if (head) {
      const termEnd = head.termStart + (s.slice(head.termStart).indexOf(head.term) + head.term.length);
      const d = toDefinition(joined, head.termStart, termEnd, head.defStart, s.length, 'section');
      return d ? [d] : [];
    }
  }
  // Notes (and section entries without a colon): each defining sentence is a definition; 其中… sentences elaborate the one before.
  const out: PageDefinition[] = [];
  let last: { from: number; subject: number; defStart: number; to: number } | null = null;
  const flush = () => {
    if (!last) return;
    const d = toDefinition(
      joined,
      last.from,
      last.from + last.subject,
      last.defStart,
      last.to,
      entry.kind === 'section' ? 'section' : 'note',
    );
    if (d) out.push(d);
    last = null;
  };
  for (const m of s.matchAll(/[^。]+。?/g)) {
    const from = m.index as number;
    const lead = m[0].length - m[0].replace(/^[\s\u3000\u00a0]+/, '').length;
    const sentence = m[0].slice(lead);
    if (last && /^其中/.test(sentence)) {
      last.to = from + m[0].length;
      continue;
    }
    const p = notePredicate(sentence);
    if (p) {
      flush();
      last = { from: from + lead, subject: p.subject, defStart: from + lead + p.defStart, to: from + m[0].length };
    } else flush();
  }
  flush();
  return out;
}

/**
 * Where the window of whole lines that starts at `from` ends: after the last
 * line break within `chunk` characters, or at the end of the text. A line
 * longer than `chunk` is a window of its own (the scanner caps a page's lines
 * at 8,000 characters). Each search runs on one window, so that no step
 * searches the rest of a long page for a match that is not there; none of
 * the patterns matches across a line break.
 */
function windowEnd(text: string, from: number, chunk: number): number {
  const limit = from + chunk;
  if (limit >= text.length) return text.length;
  const cut = text.lastIndexOf('\n', limit - 1);
  if (cut >= from) return cut + 1;
  const end = text.indexOf('\n', limit);
  return end < 0 ? text.length : end + 1;
}

/** Sections and notes, and the text ranges they cover (inline extraction skips those); a step per window, which ends early after reading a section. */
function* sections(
  text: string,
  chunk: number,
): Generator<void, { definitions: PageDefinition[]; covered: Piece[] }, void> {
  const definitions: PageDefinition[] = [];
  const covered: Piece[] = [];
  // Only lines that can start a heading are looked at: on a long page, most lines never become strings of their own.
  const candidates = new RegExp(HEADING_START.source, 'gm');
  let pos = 0;
  while (pos < text.length) {
    // The window starts a character early, so that `^` at `pos` sees what comes before it.
    const from = Math.max(0, pos - 1);
    const to = windowEnd(text, pos, chunk);
    const window = text.slice(from, to);
    candidates.lastIndex = pos - from;
    pos = to;
    for (let m = candidates.exec(window); m; m = candidates.exec(window)) {
      const line = lineFrom(text, from + m.index);
      const lineEnd = line.start + Math.max(1, line.text.length);
      const h = headingOf(line.text);
      if (!h) {
        candidates.lastIndex = lineEnd - from;
        continue;
      }
      const { entries, end } = readSection(text, line, h.kind, h.rest);
      if (entries.length) {
        const first = (entries[0] as RawEntry).pieces[0] as Piece;
        const last = (entries.at(-1) as RawEntry).pieces.at(-1) as Piece;
        covered.push({ start: line.start, end: Math.max(first.end, last.end) });
      }
      definitions.push(...entries.flatMap((e) => sectionDefinitions(text, e)));
      // The search goes on after the section, in a window of its own.
      pos = Math.max(end, lineEnd);
      break;
    }
    yield;
  }
  return { definitions, covered };
}

// ---------------------------------------------------------------------------
// Inline explanations.

const OPEN_Q = '“"「『';
const CLOSE_Q = '”"」』';
const QUOTED = `[${OPEN_Q}][^${OPEN_Q}${CLOSE_Q}\\n]{1,20}[${CLOSE_Q}]`;
/** A definition runs to the end of its sentence, or to where the next one starts (；“四新”指…, ，“8个工作方案”即…, ；所称…). */
const DEFINITION = `(?:(?![；;](?:[${OPEN_Q}]|所称)|[，,][${OPEN_Q}][^${CLOSE_Q}\\n]{1,20}[${CLOSE_Q}](?:即|是指|指))[^。\\n]){4,400}。?`;
/** “X”（即…） or “X”（…, …）: a parenthesis that spells a quoted slogan out. */
const PAREN = new RegExp(`(${QUOTED})[（(]([^（）()\\n]{6,300})[）)]`, 'g');
/** “X”，即… / “X”是指… / “X”指…. */
const QUOTED_VERB = new RegExp(
  `(${QUOTED})[，,]?(即(?![将使可时刻日便])|是指|系指|指的是|指(?![标导出挥数南引定示派令向望控责明纹针]))(${DEFINITION})`,
  'g',
);
/** 本办法所称X，是指… */
const SO_CALLED = new RegExp(`所称(${QUOTED}|[^，,。；;：:\\n“”《》]{2,20}?)[，,]?(是指|系指|指)(${DEFINITION})`, 'g');
/** 所谓X，是… */
const SO_NAMED = new RegExp(
  `所谓(${QUOTED}|[^，,。；;：:\\n《》]{2,20}?)[，,](就是|是指|即|指|是)(${DEFINITION})`,
  'g',
);
/** X是指… at the start of a clause: found from the verb (rare) back to the clause's start. */
const DEFINES = /是指|系指|指的是/g;
const CLAUSE_START =
  /(?:^|[。；;！？!?\n])[\s\u3000]*(?:[（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十]+、|第[一二三四五六七八九十百零0-9]+条)?[\s\u3000]*([^，,。；;：:！？!?\n“”《》（）()]{2,16})[，,]?$/;
const DEFINITION_AT = new RegExp(DEFINITION, 'y');

const NOT_A_SUBJECT = /^(这|那|此|其|它|该|上述|以上|前者|后者|本文|也就|就|也|还|即|所)/;

/** A parenthesis that is a reference or an aside, not an explanation. */
const NOT_AN_EXPLANATION =
  /〔|号|简称|以下|下同|试行|暂行|见附件|^[《0-9０-９]|^(含|不含|包括|详见|参见|略)|年|负责|牵头|指导）?$/;

function inside(covered: Piece[], at: number): boolean {
  return covered.some((c) => c.start <= at && at < c.end);
}

/** Inline explanations outside the sections (and spelled-out parts inside them); a step per window. */
function* inline(text: string, covered: Piece[], chunk: number): Generator<void, PageDefinition[], void> {
  // One list per pattern, joined in pattern order: the order one pass of each pattern over the whole text adds them in.
  const parens: PageDefinition[] = [];
  const quotedVerbs: PageDefinition[] = [];
  const soCalled: PageDefinition[] = [];
  const soNamed: PageDefinition[] = [];
  const defines: PageDefinition[] = [];
  const starts = new Set<number>();
  const add = (
    out: PageDefinition[],
    term: string,
    termAt: number,
    definition: string,
    defAt: number,
    inSections = false,
  ) => {
    if (!inSections && inside(covered, termAt)) return;
    // “1”指…, “5”指…: parts of an entry, not terms of their own.
    if (/^[“"「『]?[0-9A-Za-z]{1,2}[”"」』]?$/.test(term)) return;
    const def = definition.replace(/[\s\u3000]+$/, '');
    if (def.length < 4) return;
    // The first match at a term keeps it. A term is on the line of its match, so the matches at one term are all in one window.
    if (starts.has(termAt)) return;
    starts.add(termAt);
    out.push({ term, definition: def, kind: 'inline', start: termAt, end: defAt + def.length });
  };
  for (let offset = 0; offset < text.length; ) {
    const end = windowEnd(text, offset, chunk);
    const window = text.slice(offset, end);
    for (const m of window.matchAll(PAREN)) {
      const term = m[1] as string;
      const body = m[2] as string;
      const inner = term.slice(1, -1);
      const spelled =
        body.startsWith('即') ||
        ((/[一二三四五六七八九十两双百千万0-9]/.test(inner) || /[、，]/.test(inner)) &&
          /[，、；]/.test(body) &&
          body.length >= 10);
      if (!spelled || (!body.startsWith('即') && NOT_AN_EXPLANATION.test(body))) continue;
      const at = offset + (m.index as number);
      add(parens, term, at, body, at + term.length + 1);
    }
    for (const m of window.matchAll(QUOTED_VERB)) {
      const term = m[1] as string;
      const at = offset + (m.index as number);
      const defAt = at + m[0].length - (m[3] as string).length - (m[2] as string).length;
      // Inside a section too: an entry often spells out its parts (“三高”指…；“四新”指…).
      add(quotedVerbs, term, at, (m[2] as string) + (m[3] as string), defAt, true);
    }
    for (const [re, out] of [
      [SO_CALLED, soCalled],
      [SO_NAMED, soNamed],
    ] as const) {
      for (const m of window.matchAll(re)) {
        const term = m[1] as string;
        if (NOT_A_SUBJECT.test(term)) continue;
        const at = offset + (m.index as number) + 2;
        const defAt = offset + (m.index as number) + m[0].length - (m[3] as string).length - (m[2] as string).length;
        add(out, term, at, (m[2] as string) + (m[3] as string), defAt);
      }
    }
    // The clause before the verb and the definition after it are read in the whole text: the clause may start on the line before.
    for (const v of window.matchAll(DEFINES)) {
      const verbAt = offset + (v.index as number);
      const from = Math.max(0, verbAt - 28);
      const before = CLAUSE_START.exec(text.slice(from, verbAt));
      if (!before || (before.index === 0 && from > 0 && !/[。；;！？!?\n]/.test(before[0][0] as string))) continue;
      const term = before[1] as string;
      if (NOT_A_SUBJECT.test(term) || /[0-9０-９]$/.test(term) || /所称/.test(term)) continue;
      DEFINITION_AT.lastIndex = verbAt + v[0].length;
      const def = DEFINITION_AT.exec(text);
      if (!def) continue;
      const at = from + before.index + before[0].length - term.length - (/[，,]$/.test(before[0]) ? 1 : 0);
      add(defines, term, at, v[0] + def[0], verbAt);
    }
    offset = end;
    yield;
  }
  return [...parens, ...quotedVerbs, ...soCalled, ...soNamed, ...defines];
}

export interface ExtractOptions {
  /** Also look for inline explanations (default true). */
  inline?: boolean;
}

/** Characters a step of `definitionSteps` reads by default: about 0.1 ms of work in Node, so that a time slice of a few milliseconds takes many steps and overruns by little. */
const CHUNK = 16_000;

/**
 * Every definition the text gives, as `extractDefinitions`, computed in
 * steps: each `next()` does a bounded amount of work (about `chunk`
 * characters of text), so that a content script can extract a long page in
 * short slices and let the page run in between.
 */
export function* definitionSteps(
  text: string,
  options: ExtractOptions & {
    /** About how many characters of text a step reads (at least 1; default 16,000): whole lines, so a longer line is a step of its own. */
    chunk?: number;
  } = {},
): Generator<void, PageDefinition[], void> {
  const chunk = options.chunk ?? CHUNK;
  const { definitions, covered } = yield* sections(text, chunk);
  const all = options.inline === false ? definitions : [...definitions, ...(yield* inline(text, covered, chunk))];
  return all.sort((a, b) => a.start - b.start);
}

/** Every definition the text gives, in text order: `definitionSteps` in one go. */
export function extractDefinitions(text: string, options: ExtractOptions = {}): PageDefinition[] {
  const steps = definitionSteps(text, { ...options, chunk: Number.POSITIVE_INFINITY });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
