/**
 * Bringing a stretch of page text into view, for keyboard navigation and
 * "find an explanation on this page": only when it is out of view (no scroll
 * jump otherwise), smoothly unless the reader asked for reduced motion.
 */
import { locate, locateEnd, runs, type TextRun } from '@/page/collect';

/** Keep a term at least this far from the viewport's top and bottom edges. */
const MARGIN = 48;

export function scrollRangeIntoView(range: Range): void {
  const inView = (r: DOMRect) =>
    r.top >= MARGIN && r.bottom <= innerHeight - MARGIN && r.left >= 0 && r.right <= innerWidth;
  if (inView(range.getBoundingClientRect())) return;
  const behavior: ScrollBehavior = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
  // Nested scrolling boxes first (instantly, so the next measure is right), then the window.
  range.startContainer.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'auto' });
  const r = range.getBoundingClientRect();
  if (!inView(r)) window.scrollBy({ top: r.top - innerHeight / 3, behavior });
}

function rangeIn(run: TextRun, start: number, end: number): Range {
  const a = locate(run, start);
  const b = locateEnd(run, end);
  const r = document.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r;
}

/** Words after a term that say a definition follows: 是指, 指, 即, a colon, an opening bracket. */
const CUE = /^[”"」』]?\s*(?:[，,]?\s*(?:是指|指的是|系指|就是|指|即)|[：:（(])/;

/**
 * Where the page explains `text`: the first mention followed by a definition
 * cue, else the first other mention; never the mention at `except`.
 */
export function findExplanation(root: Node, text: string, except: Range | null): Range | null {
  if (!text) return null;
  let fallback: Range | null = null;
  for (const run of runs(root)) {
    for (let at = run.text.indexOf(text); at >= 0; at = run.text.indexOf(text, at + text.length)) {
      const range = rangeIn(run, at, at + text.length);
      if (
        except &&
        range.compareBoundaryPoints(Range.START_TO_END, except) > 0 &&
        range.compareBoundaryPoints(Range.END_TO_START, except) < 0
      )
        continue;
      if (CUE.test(run.text.slice(at + text.length, at + text.length + 8))) return range;
      fallback ??= range;
    }
  }
  return fallback;
}
