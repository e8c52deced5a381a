/**
 * Leftmost-longest, non-overlapping dictionary matcher over raw text.
 *
 * A trie walked from each candidate start, fused with the normaliser: every
 * UTF-16 unit of the text goes through one 64k table, built from the
 * normaliser's table, that gives its letter in the trie's alphabet directly
 * (or "dropped", or "in no pattern"). Dropped characters (quotes, spaces,
 * zero-width) are skipped inside a match, and offsets come out in the
 * *original* text, with no normalised copy made. The result is what a naive
 * leftmost-longest search over `normalize(text)` finds, mapped back through
 * its offset map (tests/engine/matcher.test.ts checks exactly that).
 *
 * The hot loop is the point of the design. Most positions in real text start
 * no term, and what costs there is not the table load but a mispredicted
 * branch: a third of the characters of a government report start some term
 * of even the shipped glossary (发, 新, 国 …), in no predictable order. So
 * the loop tests the *pair* of the character and the next one against a
 * matrix of the patterns' first two letters (hashed to 8 bits each; 64 KB;
 * a dropped next character always passes). That cuts candidates from about
 * 32% to 9% of positions at the shipped glossary (the reports of
 * ../shared/corpus). Per position: one charCodeAt, one load from the unit
 * table (letter and both hashes in one Int32), one from the matrix, one
 * well-predicted branch, in an inner loop with no calls in it, so the
 * engine keeps its checks on the string and the arrays out of the loop.
 * `npm run bench` measures it against a bare table-lookup pass.
 *
 * Candidates walk the trie: a double-array trie (Aoe 1989), where a
 * transition is two array loads and no hashing. Letters are numbered so that
 * the ones that start a pattern come first: the root's child by letter c is
 * node c.
 */
import { asciiClass, type CharTable, DIGIT, DROP, foldUnit, LETTER, normalizeForm } from './normalize';

export interface Match {
  /** Offset of the first character of the match in the scanned text. */
  start: number;
  /** Offset just after its last character. */
  end: number;
  /** Index into the patterns the matcher was built from. */
  pattern: number;
}

/** Letter of a dropped unit; 0 is "in no pattern". */
const SKIP = 0xffff;
/** The column `scan` sees past the end of its range: that of a unit in no pattern. */
const END_COLUMN = 0;

/**
 * Word-boundary flags of a pattern, for its first and last unit. A pattern
 * that begins with an ASCII digit must not follow a digit, one that begins
 * with a letter must not follow a letter, and likewise at its end: 5+2 does
 * not match inside 15+20, but EFLOPS does match in 15EFLOPS.
 */
const START_DIGIT = 1;
const START_LETTER = 2;
const END_DIGIT = 4;
const END_LETTER = 8;

/**
 * A built matcher as plain JSON, so the build can construct it once and every
 * page load only copies arrays (`new Matcher(data)`), instead of building the
 * trie while the page's scripts are still cold.
 */
export interface MatcherData {
  /** Bumped when the layout changes; a mismatch means "rebuild". */
  version: typeof MATCHER_DATA_VERSION;
  size: number;
  nodes: number;
  /** The alphabet: the unit of letter i + 1 at i; the first `starters` start patterns. */
  alphabet: string;
  starters: number;
  /** Other raw units that fold into the alphabet, each followed by the unit it folds to. */
  folded: string;
  /** The raw units the normaliser drops. */
  dropped: string;
  /** The set cells of the pair matrix. */
  pairs: number[];
  base: number[];
  check: number[];
  /** [node, pattern, boundary flags] for each node that ends a pattern. */
  outputs: number[];
  /** The raw units that normalise to an ASCII digit, and to an ASCII letter. */
  digits: string;
  letters: string;
}

export const MATCHER_DATA_VERSION = 1;

/** Unit classes for the word-boundary rule, by raw unit. */
const CLASS_DIGIT = 1;
const CLASS_LETTER = 2;

export class Matcher {
  /** Number of patterns the matcher was built from. */
  readonly size: number;
  /** Number of trie nodes (for the benchmark's report). */
  readonly nodes: number;
  /**
   * Raw UTF-16 unit → its letter (bits 16–31: 1 … starters start a pattern,
   * then the rest of the alphabet, SKIP, or 0), its row in `pairs` (bits
   * 8–15, 0 unless it starts a pattern) and its column (bits 0–7).
   */
  private readonly units: Int32Array;
  /** pairs[row << 8 | column] is 1 when some pattern could start with those two units. */
  private readonly pairs: Uint8Array;
  /** Double array: the child of node s by letter c is t = base[s] + c, if check[t] === s + 1. */
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  /** Pattern index ending at each node, or -1. */
  private readonly output: Int32Array;
  private readonly boundary: Uint8Array;
  /** Raw unit → CLASS_DIGIT or CLASS_LETTER when it normalises to an ASCII digit or letter. */
  private readonly classes: Uint8Array;
  /** The alphabet's units in letter order, and how many of them start patterns (for `toData`). */
  private readonly alphabet: string;
  private readonly starters: number;
  /** Where the last `walkWithRule` match ends. */
  private ruledEnd = 0;

  /**
   * @param patterns normalised surface forms (see `normalizeForm`); empty ones
   *   are ignored, and of two equal ones the first wins.
   * @param table the normaliser's table, applied to the scanned text.
   */
  constructor(patterns: readonly string[], table: CharTable);
  /** A matcher the build made: see `toData`. */
  constructor(data: MatcherData);
  constructor(source: readonly string[] | MatcherData, table?: CharTable) {
    const parts = isData(source) ? fromData(source) : build(source, table as CharTable);
    this.size = parts.size;
    this.nodes = parts.nodes;
    this.units = parts.units;
    this.pairs = parts.pairs;
    this.base = parts.base;
    this.check = parts.check;
    this.output = parts.output;
    this.boundary = parts.boundary;
    this.classes = parts.classes;
    this.alphabet = parts.alphabet;
    this.starters = parts.starters;
  }

  /** The matcher as JSON-ready data, for `new Matcher(data)`. */
  toData(): MatcherData {
    const { alphabet } = this;
    let folded = '';
    let dropped = '';
    for (let u = 0; u < 0x10000; u++) {
      const letter = (this.units[u] as number) >>> 16;
      if (letter === SKIP) dropped += String.fromCharCode(u);
      else if (letter !== 0 && alphabet.charCodeAt(letter - 1) !== u) {
        folded += String.fromCharCode(u, alphabet.charCodeAt(letter - 1));
      }
    }
    const pairs: number[] = [];
    for (let i = 0; i < this.pairs.length; i++) if (this.pairs[i] !== 0) pairs.push(i);
    const outputs: number[] = [];
    for (let t = 0; t < this.output.length; t++) {
      if ((this.output[t] as number) >= 0) outputs.push(t, this.output[t] as number, this.boundary[t] as number);
    }
    let digits = '';
    let letters = '';
    for (let u = 0; u < 0x10000; u++) {
      if (this.classes[u] === CLASS_DIGIT) digits += String.fromCharCode(u);
      else if (this.classes[u] === CLASS_LETTER) letters += String.fromCharCode(u);
    }
    return {
      version: MATCHER_DATA_VERSION,
      size: this.size,
      nodes: this.nodes,
      alphabet,
      starters: this.starters,
      folded,
      dropped,
      pairs,
      base: [...this.base],
      check: [...this.check],
      outputs,
      digits,
      letters,
    };
  }

  /** Calls `onMatch(start, end, pattern)` for each leftmost-longest match in [from, to), in order. */
  scan(text: string, onMatch: (start: number, end: number, pattern: number) => void, from = 0, to = text.length): void {
    const { units, pairs, base, check, output, boundary } = this;
    const last = to - 1;
    let i = from;
    while (i < to) {
      let unit = units[text.charCodeAt(i)] as number;
      // The fast path, a loop with no calls in it (so the engine keeps its
      // checks out of it): on to the next position where the unit and the
      // next one could start a pattern.
      while (i < last) {
        const next = units[text.charCodeAt(i + 1)] as number;
        if (pairs[(unit & 0xff00) | (next & 0xff)] !== 0) break;
        unit = next;
        i++;
      }
      if (i === last && pairs[(unit & 0xff00) | END_COLUMN] === 0) return;
      // Walk the trie from i (node s is the root's child), keeping the longest
      // pattern that ends. No calls here either: a pattern with a word-boundary
      // rule (5+2, EFLOPS) only flags the walk, which is then redone with the
      // rule, rarely.
      let s = unit >>> 16;
      let best = -1;
      let bestEnd = 0;
      let ruled = 0;
      let j = i + 1;
      for (;;) {
        const out = output[s] as number;
        if (out >= 0) {
          best = out;
          bestEnd = j;
          ruled |= boundary[s] as number;
        }
        if (j >= to) break;
        let c = (units[text.charCodeAt(j)] as number) >>> 16;
        while (c === SKIP && ++j < to) c = (units[text.charCodeAt(j)] as number) >>> 16;
        if (j >= to) break;
        // Letter 0 never labels an edge, so check[base[s]] !== s + 1: no separate test for it.
        const t = (base[s] as number) + c;
        if (check[t] !== s + 1) break;
        s = t;
        j++;
      }
      if (ruled !== 0) {
        best = this.walkWithRule(text, i, from, to);
        bestEnd = this.ruledEnd;
      }
      if (best >= 0) {
        onMatch(i, bestEnd, best);
        i = bestEnd;
      } else {
        i++;
      }
    }
  }

  /** The walk from i again, taking only patterns that pass the word-boundary rule; sets `ruledEnd`. */
  private walkWithRule(text: string, i: number, from: number, to: number): number {
    const { units, base, check, output, boundary } = this;
    let s = (units[text.charCodeAt(i)] as number) >>> 16;
    let best = -1;
    let j = i + 1;
    for (;;) {
      const out = output[s] as number;
      if (out >= 0 && (boundary[s] === 0 || this.boundaryOk(text, i, j, boundary[s] as number, from, to))) {
        best = out;
        this.ruledEnd = j;
      }
      if (j >= to) break;
      let c = (units[text.charCodeAt(j)] as number) >>> 16;
      while (c === SKIP && ++j < to) c = (units[text.charCodeAt(j)] as number) >>> 16;
      if (j >= to) break;
      const t = (base[s] as number) + c;
      if (check[t] !== s + 1) break;
      s = t;
      j++;
    }
    return best;
  }

  /** Memory held by the matcher's arrays (the shared normaliser table not counted). */
  get byteLength(): number {
    return (
      this.units.byteLength +
      this.pairs.byteLength +
      this.base.byteLength +
      this.check.byteLength +
      this.output.byteLength +
      this.boundary.byteLength +
      this.classes.byteLength
    );
  }

  /** All matches as objects. */
  findAll(text: string): Match[] {
    const out: Match[] = [];
    this.scan(text, (start, end, pattern) => out.push({ start, end, pattern }));
    return out;
  }

  /** The word-boundary rule, decided on normalised neighbours (dropped units are skipped). */
  private boundaryOk(text: string, start: number, end: number, flags: number, from: number, to: number): boolean {
    const { units, classes } = this;
    if (flags & (START_DIGIT | START_LETTER)) {
      let k = start - 1;
      while (k >= from && (units[text.charCodeAt(k)] as number) >>> 16 === SKIP) k--;
      if (k >= from) {
        const cls = classes[text.charCodeAt(k)];
        if ((cls === CLASS_DIGIT && flags & START_DIGIT) || (cls === CLASS_LETTER && flags & START_LETTER))
          return false;
      }
    }
    if (flags & (END_DIGIT | END_LETTER)) {
      let k = end;
      while (k < to && (units[text.charCodeAt(k)] as number) >>> 16 === SKIP) k++;
      if (k < to) {
        const cls = classes[text.charCodeAt(k)];
        if ((cls === CLASS_DIGIT && flags & END_DIGIT) || (cls === CLASS_LETTER && flags & END_LETTER)) return false;
      }
    }
    return true;
  }
}

interface Parts {
  size: number;
  nodes: number;
  units: Int32Array;
  pairs: Uint8Array;
  base: Int32Array;
  check: Int32Array;
  output: Int32Array;
  boundary: Uint8Array;
  classes: Uint8Array;
  alphabet: string;
  starters: number;
}

function isData(source: readonly string[] | MatcherData): source is MatcherData {
  return !Array.isArray(source);
}

// Each step is its own small function: the engine optimises (and, at load,
// compiles) them one by one instead of one large constructor per loop.
function build(patterns: readonly string[], table: CharTable): Parts {
  const { sorted, index } = uniquePatterns(patterns, table);
  const { letterOf, units, starters } = alphabetOf(sorted);
  const built = buildDoubleArray(sorted, letterOf, units.length);
  const output = new Int32Array(built.size).fill(-1);
  const boundary = new Uint8Array(built.size);
  for (let k = 0; k < sorted.length; k++) {
    const node = built.terminal[k] as number;
    output[node] = index[k] as number;
    boundary[node] = boundaryFlags(sorted[k] as string);
  }
  return {
    size: patterns.length,
    nodes: built.nodes,
    units: foldUnits(table, letterOf, units, starters),
    pairs: pairMatrix(sorted, letterOf, starters),
    base: built.base,
    check: built.check,
    output,
    boundary,
    classes: unitClasses(table),
    alphabet: units.map((u) => String.fromCharCode(u)).join(''),
    starters,
  };
}

function fromData(data: MatcherData): Parts {
  if (data.version !== MATCHER_DATA_VERSION) {
    throw new Error(`matcher: data version ${data.version}, expected ${MATCHER_DATA_VERSION}`);
  }
  const units = new Int32Array(0x10000);
  const { alphabet, starters, folded, dropped } = data;
  for (let i = 0; i < alphabet.length; i++) units[alphabet.charCodeAt(i)] = packUnit(i + 1, starters);
  for (let i = 0; i + 1 < folded.length; i += 2)
    units[folded.charCodeAt(i)] = units[folded.charCodeAt(i + 1)] as number;
  for (let i = 0; i < dropped.length; i++) units[dropped.charCodeAt(i)] = packUnit(SKIP, starters);
  const pairs = new Uint8Array(0x10000);
  for (const i of data.pairs) pairs[i] = 1;
  const size = data.base.length;
  const output = new Int32Array(size).fill(-1);
  const boundary = new Uint8Array(size);
  for (let i = 0; i < data.outputs.length; i += 3) {
    output[data.outputs[i] as number] = data.outputs[i + 1] as number;
    boundary[data.outputs[i] as number] = data.outputs[i + 2] as number;
  }
  const classes = new Uint8Array(0x10000);
  for (let i = 0; i < data.digits.length; i++) classes[data.digits.charCodeAt(i)] = CLASS_DIGIT;
  for (let i = 0; i < data.letters.length; i++) classes[data.letters.charCodeAt(i)] = CLASS_LETTER;
  return {
    size: data.size,
    nodes: data.nodes,
    units,
    pairs,
    base: Int32Array.from(data.base),
    check: Int32Array.from(data.check),
    output,
    boundary,
    classes,
    alphabet,
    starters,
  };
}

/** Which raw units normalise to an ASCII digit or letter: the identity ones and the changed ones. */
function unitClasses(table: CharTable): Uint8Array {
  const classes = new Uint8Array(0x10000);
  const set = (u: number, value: number) => {
    const cls = asciiClass(value);
    classes[u] = cls === DIGIT ? CLASS_DIGIT : cls === LETTER ? CLASS_LETTER : 0;
  };
  for (let u = 0x30; u <= 0x7a; u++) set(u, foldUnit(table, u));
  for (const e of table.changed) set(e >>> 16, e & 0xffff);
  return classes;
}

/**
 * Unique non-empty patterns, normalised (a no-op for the compiled glossary's
 * forms) and sorted, so that each trie node is a range of them; `index[k]` is
 * the position of `sorted[k]` in `patterns` (the first, for duplicates).
 */
function uniquePatterns(patterns: readonly string[], table: CharTable): { sorted: string[]; index: Int32Array } {
  const firstIndex = new Map<string, number>();
  for (let i = 0; i < patterns.length; i++) {
    const p = normalized(patterns[i] as string, table);
    if (p.length && !firstIndex.has(p)) firstIndex.set(p, i);
  }
  const sorted = [...firstIndex.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Int32Array(sorted.length);
  for (let k = 0; k < sorted.length; k++) index[k] = firstIndex.get(sorted[k] as string) as number;
  return { sorted, index };
}

function normalized(p: string, table: CharTable): string {
  for (let k = 0; k < p.length; k++) {
    if (table.xor[p.charCodeAt(k)] !== 0) return normalizeForm(p, table);
  }
  return p;
}

/**
 * Letters for the patterns' units: those that start a pattern get 1 … starters,
 * the rest follow. Within each group, frequent units get low letters, which
 * keeps each node's children close together and the double array dense.
 */
function alphabetOf(sorted: readonly string[]): { letterOf: Uint16Array; units: number[]; starters: number } {
  const count = new Int32Array(0x10000);
  const starts = new Uint8Array(0x10000);
  const seen: number[] = [];
  for (const p of sorted) {
    starts[p.charCodeAt(0)] = 1;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (count[c] === 0) seen.push(c);
      count[c] = (count[c] as number) + 1;
    }
  }
  const byCount = (a: number, b: number) => (count[b] as number) - (count[a] as number) || a - b;
  const units = seen.filter((c) => starts[c] === 1).sort(byCount);
  const starters = units.length;
  for (const c of seen.filter((c) => starts[c] === 0).sort(byCount)) units.push(c);
  if (units.length >= SKIP) throw new Error('matcher: too many distinct characters in the patterns');
  const letterOf = new Uint16Array(0x10000);
  for (let i = 0; i < units.length; i++) letterOf[units[i] as number] = i + 1;
  return { letterOf, units, starters };
}

/** A unit's row in the pair matrix: its own letter for the 255 most frequent starters, a hash for the rest. */
function rowOf(letter: number): number {
  return letter <= 0xff ? letter : ((letter - 1) % 0xff) + 1;
}

/** A unit's column: a hash of its letter into 1 … 254; 0 is "in no pattern", 255 "dropped". */
function columnOf(letter: number): number {
  return letter === 0 ? 0 : letter === SKIP ? 0xff : ((letter - 1) % 0xfe) + 1;
}

function packUnit(letter: number, starters: number): number {
  const row = letter !== 0 && letter <= starters ? rowOf(letter) : 0;
  return (letter << 16) | (row << 8) | columnOf(letter);
}

/**
 * The normaliser folded into the alphabet: each raw unit's packed letter.
 * The alphabet's own units map to themselves; every other unit the table
 * changes is in its exceptions, so this needs no loop over all 64k units.
 */
function foldUnits(table: CharTable, letterOf: Uint16Array, units: readonly number[], starters: number): Int32Array {
  const packed = new Int32Array(0x10000);
  for (const c of units) packed[c] = packUnit(letterOf[c] as number, starters);
  for (const e of table.changed) {
    const value = e & 0xffff;
    packed[e >>> 16] = packUnit(value === DROP ? SKIP : (letterOf[value] as number), starters);
  }
  return packed;
}

/**
 * The first-two-letters filter. A one-unit pattern makes its row all ones;
 * a dropped next unit (column 255) passes every starting row, since the
 * walk skips it.
 */
function pairMatrix(sorted: readonly string[], letterOf: Uint16Array, starters: number): Uint8Array {
  const pairs = new Uint8Array(0x10000);
  for (let letter = 1; letter <= starters; letter++) pairs[(rowOf(letter) << 8) | 0xff] = 1;
  for (const p of sorted) {
    const row = rowOf(letterOf[p.charCodeAt(0)] as number) << 8;
    if (p.length === 1) pairs.fill(1, row, row + 0x100);
    else pairs[row | columnOf(letterOf[p.charCodeAt(1)] as number)] = 1;
  }
  return pairs;
}

function boundaryFlags(p: string): number {
  const first = asciiClass(p.charCodeAt(0));
  const last = asciiClass(p.charCodeAt(p.length - 1));
  return (
    (first === DIGIT ? START_DIGIT : first === LETTER ? START_LETTER : 0) |
    (last === DIGIT ? END_DIGIT : last === LETTER ? END_LETTER : 0)
  );
}

interface DoubleArray {
  base: Int32Array;
  check: Int32Array;
  /** Length of the arrays: every base[s] + letter stays inside. */
  size: number;
  nodes: number;
  /** The node each sorted pattern ends at. */
  terminal: Int32Array;
}

/** First-fit tries per node before it takes fresh slots past the end: bounds the build time. */
const MAX_TRIES = 256;

/**
 * Builds the double array breadth first over ranges of the sorted patterns.
 * The root is node 0 with base 0, so its child by letter c is node c; the
 * other nodes' children go to the first base where all their slots are free.
 */
function buildDoubleArray(sorted: readonly string[], letterOf: Uint16Array, alphabet: number): DoubleArray {
  let units = 0;
  for (const p of sorted) units += p.length;
  const da = new DoubleArrayBuilder(units + alphabet * 2 + 64, alphabet);
  const terminal = new Int32Array(sorted.length);

  // Queue of [node, lo, hi, depth]: patterns sorted[lo..hi) share the node's prefix of length depth.
  const queue: number[] = [];
  // The root's children: one per starting letter, at slot = letter.
  for (let lo = 0; lo < sorted.length; ) {
    const c = (sorted[lo] as string).charCodeAt(0);
    let hi = lo + 1;
    while (hi < sorted.length && (sorted[hi] as string).charCodeAt(0) === c) hi++;
    const node = letterOf[c] as number;
    da.take(node, 0);
    queue.push(node, lo, hi, 1);
    lo = hi;
  }
  const kids: number[] = [];
  for (let q = 0; q < queue.length; q += 4) {
    const node = queue[q] as number;
    let lo = queue[q + 1] as number;
    const hi = queue[q + 2] as number;
    const depth = queue[q + 3] as number;
    if ((sorted[lo] as string).length === depth) terminal[lo++] = node;
    if (lo === hi) continue;
    // Distinct next letters, as [letter, lo, hi] triples; the sort keeps equal units together.
    kids.length = 0;
    for (let k = lo; k < hi; ) {
      const c = (sorted[k] as string).charCodeAt(depth);
      let end = k + 1;
      while (end < hi && (sorted[end] as string).charCodeAt(depth) === c) end++;
      kids.push(letterOf[c] as number, k, end);
      k = end;
    }
    const b = da.place(node, kids);
    for (let k = 0; k < kids.length; k += 3) {
      queue.push(b + (kids[k] as number), kids[k + 1] as number, kids[k + 2] as number, depth + 1);
    }
  }
  return { ...da.finish(), terminal };
}

class DoubleArrayBuilder {
  base: Int32Array;
  /** Parent of each slot plus one; 0 when the slot is free (so fresh arrays need no fill). */
  check: Int32Array;
  /** Free slots, union-find style: 0 when the slot is free, else how far ahead to look next. */
  skip: Int32Array;
  nodes = 1;
  maxSlot = 0;

  constructor(
    capacity: number,
    private readonly alphabet: number,
  ) {
    this.base = new Int32Array(capacity);
    this.check = new Int32Array(capacity);
    this.skip = new Int32Array(capacity);
    this.check[0] = -1; // the root's own slot
    this.skip[0] = 1;
  }

  take(slot: number, parent: number): void {
    this.check[slot] = parent + 1;
    this.skip[slot] = 1;
    this.nodes++;
    if (slot > this.maxSlot) this.maxSlot = slot;
  }

  /** Gives `node` a base where every child letter in `kids` ([letter, lo, hi] triples) lands on a free slot. */
  place(node: number, kids: readonly number[]): number {
    let minLetter = this.alphabet;
    for (let k = 0; k < kids.length; k += 3) minLetter = Math.min(minLetter, kids[k] as number);
    let b = 0;
    let p = minLetter + 1;
    for (let tries = 0; ; tries++, p++) {
      // After a few misses, past the last used slot: always free.
      p = tries < MAX_TRIES ? this.nextFree(p) : Math.max(p, this.maxSlot + 1);
      b = p - minLetter;
      this.ensure(b + this.alphabet + 1);
      if (this.fits(b, kids)) break;
    }
    this.base[node] = b;
    for (let k = 0; k < kids.length; k += 3) this.take(b + (kids[k] as number), node);
    return b;
  }

  /** The first free slot at or after p (path halving keeps the chains short). */
  private nextFree(from: number): number {
    const { skip } = this;
    let p = from;
    while (p < skip.length && skip[p] !== 0) {
      const next = p + (skip[p] as number);
      if (next < skip.length && skip[next] !== 0) skip[p] = next + (skip[next] as number) - p;
      p = next;
    }
    return p;
  }

  private fits(b: number, kids: readonly number[]): boolean {
    for (let k = 0; k < kids.length; k += 3) if (this.check[b + (kids[k] as number)] !== 0) return false;
    return true;
  }

  private ensure(size: number): void {
    if (size <= this.base.length) return;
    const capacity = Math.max(this.base.length * 2, size);
    const grow = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.base = grow(this.base);
    this.check = grow(this.check);
    this.skip = grow(this.skip);
  }

  /** Leaves keep base 0: base[leaf] + c = c, whose parent is never the leaf. */
  finish(): { base: Int32Array; check: Int32Array; size: number; nodes: number } {
    const size = this.maxSlot + this.alphabet + 1;
    this.ensure(size);
    return { base: this.base.subarray(0, size), check: this.check.subarray(0, size), size, nodes: this.nodes };
  }
}
