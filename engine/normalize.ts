/**
 * One normaliser for page text and glossary surface forms, so that both sides
 * of a match agree. It works one UTF-16 unit at a time through a 64k lookup
 * table (the matcher's hot loop uses the same table), and records for every
 * normalised unit the offset it came from, so a match maps back to the
 * original text exactly.
 *
 * What it folds:
 * - full-width ASCII forms → ASCII, ASCII upper case → lower case (NFKC-like);
 * - traditional characters → simplified (the one-to-one map the build derives from OpenCC);
 * - drops zero-width characters, every kind of white space (PDF text like
 *   `三 高 四 新`, line breaks inside words, U+3000 indents) and quotation
 *   marks (“” ‘’ 「」 『』 " '), so 专精特新“小巨人”企业 = 专精特新小巨人企业.
 */

/** Table value meaning "drop this unit". */
export const DROP = 0;

const DROPPED_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0x20], // C0 controls, space, tab, line breaks
  [0x7f, 0xa0], // DEL, C1 controls, NBSP
  [0xad, 0xad], // soft hyphen
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200f], // spaces, zero-width space/joiners, direction marks
  [0x2028, 0x202f], // line/paragraph separators, embeddings, narrow NBSP
  [0x205f, 0x2064], // medium math space, word joiner, invisible operators
  [0x3000, 0x3000], // ideographic space
  [0xfeff, 0xfeff], // BOM / zero-width no-break space
];

/** Quotation marks, dropped so that every quoting style matches every other. */
export const QUOTES = '"\'“”‘’「」『』〝〞〟＂＇‚„‹›«»';

export type CharTable = Uint16Array;

/**
 * Builds the lookup table. `tradPairs` is a string of (traditional, simplified)
 * code-unit pairs: "國国學学…".
 */
export function buildCharTable(tradPairs = ''): CharTable {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) table[c] = c;
  for (const [from, to] of DROPPED_RANGES) table.fill(DROP, from, to + 1);
  for (let c = 0xff01; c <= 0xff5e; c++) table[c] = c - 0xfee0;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 0x20;
  for (let c = 0xff21; c <= 0xff3a; c++) table[c] = c - 0xfee0 + 0x20;
  for (let i = 0; i < QUOTES.length; i++) table[QUOTES.charCodeAt(i)] = DROP;
  for (let i = 0; i + 1 < tradPairs.length; i += 2) {
    table[tradPairs.charCodeAt(i)] = tradPairs.charCodeAt(i + 1);
  }
  return table;
}

export interface Normalized {
  text: string;
  /** `map[i]` is the offset in the original of normalised unit `i`; `map[text.length]` is the original's length. */
  map: Uint32Array;
}

export function normalize(text: string, table: CharTable): Normalized {
  const n = text.length;
  const map = new Uint32Array(n + 1);
  const out = new Uint16Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = table[text.charCodeAt(i)] as number;
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
    const c = table[text.charCodeAt(i)] as number;
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

function decodeUnits(units: Uint16Array, length: number): string {
  // String.fromCharCode over chunks: fast, and safe for the argument-count limit.
  let s = '';
  for (let i = 0; i < length; i += 8192) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
  }
  return s;
}
