/**
 * The naive reference the matcher is tested (and benchmarked) against:
 * normalise the text, then at each normalised position take the longest
 * pattern that starts there and passes the word-boundary rule, and map the
 * match back through the normaliser's offset map. Slow and obviously right.
 */
import { type Candidate, candidatePatterns } from '../../engine/candidates';
import type { Match } from '../../engine/matcher';
import { asciiClass, type CharTable, normalize, normalizeForm } from '../../engine/normalize';

export function naiveMatches(text: string, patterns: readonly string[], table: CharTable): Match[] {
  const { text: norm, map } = normalize(text, table);
  const forms = new Map<string, number>();
  let longest = 0;
  patterns.forEach((p, i) => {
    const form = normalizeForm(p, table);
    if (form && !forms.has(form)) forms.set(form, i);
    longest = Math.max(longest, form.length);
  });
  const out: Match[] = [];
  for (let p = 0; p < norm.length; ) {
    let len = 0;
    let pattern = -1;
    for (let l = Math.min(longest, norm.length - p); l >= 1; l--) {
      const found = forms.get(norm.slice(p, p + l));
      if (found !== undefined && !clash(norm, p - 1, p) && !clash(norm, p + l - 1, p + l)) {
        len = l;
        pattern = found;
        break;
      }
    }
    if (pattern < 0) {
      p++;
      continue;
    }
    out.push({ start: map[p] as number, end: (map[p + len - 1] as number) + 1, pattern });
    p += len;
  }
  return out;
}

/** True when the units at a and b (normalised) are both ASCII digits or both ASCII letters. */
function clash(norm: string, a: number, b: number): boolean {
  if (a < 0 || b >= norm.length) return false;
  const cls = asciiClass(norm.charCodeAt(a));
  return cls !== 0 && cls === asciiClass(norm.charCodeAt(b));
}

/**
 * The naive reference for findCandidates: every match of the global
 * patterns (matchAll), filtered the same way; a plus form inside a quoted
 * candidate is not another one.
 */
export function naiveCandidates(text: string): Candidate[] {
  const { QUOTED, PLUS, NOTE_MARK, NOT_JARGON, isNumbered } = candidatePatterns;
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
    if (/^[0-9+＋]+$/.test(m[0]) && /[0-9]{2}/.test(m[0])) continue;
    out.push({ text: m[0], start, end: start + m[0].length, kind: 'plus' });
  }
  return out.sort((a, b) => a.start - b.start);
}
