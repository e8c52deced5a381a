/**
 * One normaliser for page text and glossary surface forms, so that both sides
 * of a match agree. It works one UTF-16 unit at a time through a 64k lookup
 * table (the matcher folds the same table into its own), and records for
 * every normalised unit the offset it came from, so a match maps back to the
 * original text exactly. Surface forms are normalised at build time
 * (scripts/glossary/compile.ts) with the same table.
 *
 * What it folds:
 * - compatibility forms to what NFKC gives, when that is a single unit:
 *   full-width and half-width forms (ＡＢＣ, ｶ), Kangxi radicals that PDF
 *   extraction produces instead of ideographs (⼈ → 人), CJK compatibility
 *   ideographs, vertical and small punctuation forms, super- and subscript
 *   digits, circled digits;
 * - ASCII upper case → lower case;
 * - traditional characters → simplified (the one-to-one map the build derives
 *   from OpenCC);
 * - drops zero-width characters and variation selectors, every kind of white
 *   space (PDF text like `三 高 四 新`, line breaks inside words, U+3000
 *   indents) and quotation marks (“” ‘’ 「」 『』 " '), so that
 *   专精特新“小巨人”企业 = 专精特新小巨人企业.
 *
 * The table is a function of one unit, never of its neighbours, and it is
 * idempotent: normalising normalised text changes nothing. So white space is
 * dropped between any two characters, not only between CJK ones: `e flops`
 * normalises like `eflops`. Where that matters (ASCII terms next to other
 * ASCII), the matcher's word-boundary rule decides (matcher.ts).
 */

/** Table value meaning "drop this unit". */
export const DROP = 0;

const DROPPED_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0x20], // C0 controls, space, tab, line breaks
  [0x7f, 0xa0], // DEL, C1 controls, NBSP
  [0xad, 0xad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200f], // spaces, zero-width space/joiners, direction marks
  [0x2028, 0x202f], // line/paragraph separators, embeddings, narrow NBSP
  [0x205f, 0x206f], // medium math space, word joiner, invisible operators, deprecated format controls
  [0x3000, 0x3000], // ideographic space
  [0xfe00, 0xfe0f], // variation selectors (some CJK fonts' glyph variants)
  [0xfeff, 0xfeff], // BOM / zero-width no-break space
];

/** Quotation marks, dropped so that every quoting style matches every other. */
export const QUOTES = '"\'“”‘’「」『』〝〞〟＂＇‚„‹›«»';

/**
 * Blocks whose compatibility characters fold to their NFKC form (when that is
 * one UTF-16 unit). Only these ~2,800 units, one normalize() call per block:
 * a call per unit over the whole BMP took ~90 ms here.
 */
const NFKC_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x00a0, 0x00ff], // Latin-1: ¹ ² ³ µ
  [0x2070, 0x209f], // super- and subscript digits
  [0x2100, 0x218f], // letterlike and number forms
  [0x2460, 0x24ff], // circled digits and letters
  [0x2e80, 0x2fdf], // CJK radicals supplement, Kangxi radicals
  [0x3190, 0x319f], // kanbun marks ㆒ → 一
  [0x3200, 0x33ff], // enclosed CJK, CJK compatibility
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe6f], // vertical forms, CJK compatibility forms, small forms
  [0xff00, 0xffef], // half-width and full-width forms
];

/** A separator that NFKC leaves alone and that composes with nothing. */
const SEP = '\u0001';

/**
 * The normaliser's table. `xor[u] ^ u` is unit u's normalised form (DROP
 * when it is dropped): stored as a difference, a table of zeros is the
 * identity, so creating one costs no loop over all 64k units. That matters
 * in a content script, which builds it while its code is still cold. Read
 * it through `foldUnit`, `normalize` or `normalizeForm`.
 */
export interface CharTable {
  readonly xor: Uint16Array;
  /** The units that change, packed as unit << 16 | normalised form, in ascending order. */
  readonly changed: Uint32Array;
}

/** The normalised form of one UTF-16 unit, or DROP. */
export function foldUnit(table: CharTable, unit: number): number {
  return unit ^ (table.xor[unit] as number);
}

/**
 * Builds the table. `tradPairs` is a string of (traditional, simplified)
 * code-unit pairs: "國国學学…". Only the few thousand units that change are
 * touched.
 */
export function buildCharTable(tradPairs = ''): CharTable {
  // One step of folding per unit (0: none); chains are followed below.
  const step = new Uint16Array(0x10000);
  const dropped = new Uint8Array(0x10000);
  const touched: number[] = [];
  const touch = (c: number) => {
    if (step[c] === 0 && dropped[c] === 0) touched.push(c);
  };
  const set = (from: number, to: number) => {
    if (from === to) return;
    touch(from);
    step[from] = to;
  };
  // One normalize() call per block, not per character.
  for (const [lo, hi] of NFKC_BLOCKS) {
    let s = '';
    for (let c = lo; c <= hi; c++) s += String.fromCharCode(c) + SEP;
    const folded = s.normalize('NFKC').split(SEP);
    for (let c = lo; c <= hi; c++) {
      const f = folded[c - lo] as string;
      if (f.length === 1) set(c, f.charCodeAt(0));
    }
  }
  for (let i = 0; i + 1 < tradPairs.length; i += 2) set(tradPairs.charCodeAt(i), tradPairs.charCodeAt(i + 1));
  for (let c = 0x41; c <= 0x5a; c++) set(c, c + 0x20);
  for (const [from, to] of DROPPED_RANGES) {
    for (let c = from; c <= to; c++) {
      touch(c);
      dropped[c] = 1;
    }
  }
  for (let i = 0; i < QUOTES.length; i++) {
    touch(QUOTES.charCodeAt(i));
    dropped[QUOTES.charCodeAt(i)] = 1;
  }

  const xor = new Uint16Array(0x10000);
  const changed: number[] = [];
  for (const c of touched) {
    // Follow chains (Ｅ → E → e; 麼 → 么 → 幺 in OpenCC's tables) so that the table is idempotent.
    let v = c;
    for (let k = 0; k < 8 && step[v] !== 0; k++) v = step[v] as number;
    const value = dropped[c] || dropped[v] ? DROP : v;
    if (value === c) continue;
    xor[c] = c ^ value;
    changed.push(((c << 16) | value) >>> 0);
  }
  return { xor, changed: Uint32Array.from(changed).sort() };
}

export interface Normalized {
  text: string;
  /** `map[i]` is the offset in the original of normalised unit `i`; `map[text.length]` is the original's length. */
  map: Uint32Array;
}

export function normalize(text: string, table: CharTable): Normalized {
  const { xor } = table;
  const n = text.length;
  const map = new Uint32Array(n + 1);
  const out = new Uint16Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const u = text.charCodeAt(i);
    const c = u ^ (xor[u] as number);
    if (c === DROP) continue;
    out[j] = c;
    map[j++] = i;
  }
  map[j] = n;
  return { text: decodeUnits(out, j), map: map.subarray(0, j + 1) };
}

/** Normalises a surface form; no offset map. */
export function normalizeForm(text: string, table: CharTable): string {
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const c = foldUnit(table, text.charCodeAt(i));
    if (c !== DROP) s += String.fromCharCode(c);
  }
  return s;
}

/**
 * Maps a normalised span back to the original: [start, end) in the original,
 * from the first kept unit to just after the last one (dropped characters
 * inside the span are included, those around it are not).
 */
export function toOriginal(map: Uint32Array, start: number, end: number): [number, number] {
  return [map[start] as number, (map[end - 1] as number) + 1];
}

/** Character classes for the matcher's word-boundary rule, on normalised units. */
export const DIGIT = 1;
export const LETTER = 2;

/** DIGIT for 0-9, LETTER for a-z (normalised text has no upper case), else 0. */
export function asciiClass(c: number): number {
  if (c >= 0x30 && c <= 0x39) return DIGIT;
  if (c >= 0x61 && c <= 0x7a) return LETTER;
  return 0;
}

function decodeUnits(units: Uint16Array, length: number): string {
  // String.fromCharCode over chunks: fast, and safe for the argument-count limit.
  let s = '';
  for (let i = 0; i < length; i += 8192) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
  }
  return s;
}
