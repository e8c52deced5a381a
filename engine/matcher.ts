/**
 * Leftmost-longest, non-overlapping dictionary matcher over raw text.
 *
 * It is a trie walked from each candidate start, fused with the normaliser:
 * every UTF-16 unit goes through the same 64k table that `normalize` uses, so
 * dropped characters (quotes, spaces, zero-width) are skipped inside a match
 * and offsets come out in the *original* text, with no normalised copy made.
 *
 * The hot loop is the point of the design. Most positions in real text start
 * no term: they cost one `charCodeAt`, one table load and one `rootChild`
 * load, which is about what a bare table-lookup pass costs. Only positions
 * whose character starts some term walk the trie, through an open-addressing
 * hash of (node, char) → child in typed arrays.
 */
import { type CharTable, DROP } from './normalize';

export interface Match {
  /** Offset of the first character of the match in the scanned text. */
  start: number;
  /** Offset just after its last character. */
  end: number;
  /** Index into the patterns the matcher was built from. */
  pattern: number;
}

const EMPTY = -1;

/** ASCII letters and digits: a term that begins or ends with one must not sit inside a longer run (5+2 in 15+20). */
function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
}

export class Matcher {
  readonly size: number;
  private readonly table: CharTable;
  /** Child of the root for each normalised unit, 0 when none (node 0 is the root). */
  private readonly rootChild: Int32Array;
  private readonly hashNode: Int32Array;
  private readonly hashChar: Uint16Array;
  private readonly hashChild: Int32Array;
  private readonly mask: number;
  /** Pattern index ending at each node, or -1. */
  private readonly output: Int32Array;
  /** Bit 1: the pattern starts with an ASCII alnum; bit 2: it ends with one. */
  private readonly boundary: Uint8Array;

  /**
   * @param patterns normalised surface forms (see `normalizeForm`); empty ones are ignored.
   * @param table the normaliser's table, applied to the scanned text.
   */
  constructor(patterns: readonly string[], table: CharTable) {
    this.table = table;
    this.size = patterns.length;
    let units = 0;
    for (const p of patterns) units += p.length;
    const maxNodes = units + 1;
    const capacity = 1 << Math.max(4, Math.ceil(Math.log2(maxNodes * 2 + 1)));
    this.mask = capacity - 1;
    this.rootChild = new Int32Array(0x10000);
    this.hashNode = new Int32Array(capacity).fill(EMPTY);
    this.hashChar = new Uint16Array(capacity);
    this.hashChild = new Int32Array(capacity);
    const output = new Int32Array(maxNodes).fill(EMPTY);
    const boundary = new Uint8Array(maxNodes);
    let nodes = 1;
    patterns.forEach((p, index) => {
      if (p.length === 0) return;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let next = node === 0 ? (this.rootChild[c] as number) : this.child(node, c);
        if (next <= 0) {
          next = nodes++;
          if (node === 0) this.rootChild[c] = next;
          else this.insert(node, c, next);
        }
        node = next;
      }
      // On a duplicate form the first pattern wins; the compiler merges duplicates before this.
      if (output[node] === EMPTY) {
        output[node] = index;
        boundary[node] = (isAlnum(p.charCodeAt(0)) ? 1 : 0) | (isAlnum(p.charCodeAt(p.length - 1)) ? 2 : 0);
      }
    });
    this.output = output.subarray(0, nodes);
    this.boundary = boundary.subarray(0, nodes);
  }

  private slot(node: number, c: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask;
  }

  private child(node: number, c: number): number {
    let h = this.slot(node, c);
    for (;;) {
      const n = this.hashNode[h] as number;
      if (n === EMPTY) return 0;
      if (n === node && this.hashChar[h] === c) return this.hashChild[h] as number;
      h = (h + 1) & this.mask;
    }
  }

  private insert(node: number, c: number, child: number): void {
    let h = this.slot(node, c);
    while (this.hashNode[h] !== EMPTY) h = (h + 1) & this.mask;
    this.hashNode[h] = node;
    this.hashChar[h] = c;
    this.hashChild[h] = child;
  }

  /** Calls `onMatch(start, end, pattern)` for each leftmost-longest match, in order. */
  scan(text: string, onMatch: (start: number, end: number, pattern: number) => void, from = 0, to = text.length): void {
    const { table, rootChild, output } = this;
    let i = from;
    while (i < to) {
      const c = table[text.charCodeAt(i)] as number;
      const first = rootChild[c] as number;
      if (first === 0) {
        i++;
        continue;
      }
      // Walk the trie from i, remembering the longest pattern that ends.
      let node = first;
      let bestEnd = -1;
      let bestPattern = EMPTY;
      let j = i + 1;
      for (;;) {
        const out = output[node] as number;
        if (out !== EMPTY && this.boundaryOk(text, i, j, node, from, to)) {
          bestEnd = j;
          bestPattern = out;
        }
        // Advance past dropped units to the next kept one.
        let d = 0;
        while (j < to && (d = table[text.charCodeAt(j)] as number) === DROP) j++;
        if (j >= to) break;
        node = this.child(node, d);
        if (node === 0) break;
        j++;
      }
      if (bestPattern !== EMPTY) {
        onMatch(i, bestEnd, bestPattern);
        i = bestEnd;
      } else {
        i++;
      }
    }
  }

  /** All matches as objects. */
  findAll(text: string): Match[] {
    const out: Match[] = [];
    this.scan(text, (start, end, pattern) => out.push({ start, end, pattern }));
    return out;
  }

  private boundaryOk(text: string, start: number, end: number, node: number, from: number, to: number): boolean {
    const b = this.boundary[node] as number;
    if (b === 0) return true;
    const { table } = this;
    if (b & 1) {
      let k = start - 1;
      while (k >= from && table[text.charCodeAt(k)] === DROP) k--;
      if (k >= from && isAlnum(table[text.charCodeAt(k)] as number)) return false;
    }
    if (b & 2) {
      let k = end;
      while (k < to && table[text.charCodeAt(k)] === DROP) k++;
      if (k < to && isAlnum(table[text.charCodeAt(k)] as number)) return false;
    }
    return true;
  }
}
