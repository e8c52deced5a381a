/**
 * Which runs to mark: those within about a screen of the viewport. This is
 * what makes the marking cost scale with the viewport, not the page.
 *
 * Measured on a 10 MB page (scripts/bench-page.ts), and what it ruled out:
 * - an IntersectionObserver on every block with matches (tens of thousands):
 *   Chromium's intersection computation took 6 ms a frame while scrolling,
 *   up to 93 ms;
 * - hit-testing points of the viewport (caretPositionFromPoint) to find what
 *   is on screen: 3–15 ms a call in the middle of a long article in one
 *   table cell, under 1 ms near its end;
 * - updating the marks on every scrolled frame: any change to a highlight
 *   repaints the page's paint layer, 20+ ms on that page.
 *
 * So: the marked region reaches MARGIN screens beyond the viewport, and is
 * recomputed only when the viewport comes within half a screen of its edge (or
 * the layout changed, or new runs were found in it). Recomputing:
 * 1. anchors: runs marked last time that are still in range; else (a jump)
 *    a binary search on the blocks' positions, which assumes that later
 *    blocks sit lower; else the caret at the viewport's centre;
 * 2. from each anchor, walk the runs (in document order) up and down while
 *    their block is in range, stepping over a few that are not (a floated
 *    box, a hidden tab);
 * 3. mark what was found, unmark what was marked and is no longer in range,
 *    in one go: one repaint.
 */
import { lowerBound } from './dom-order';
import { caretAt } from './hit-test';

export interface Tracked {
  /** The element whose box stands for the run's position. */
  box: Element;
  /** The first and last text nodes, for a precise box when `box` is huge. */
  first: Text;
  last: Text;
}

export interface ViewportHost<T extends Tracked> {
  /** Everything that can be marked, in document order. */
  items(): readonly T[];
  show(item: T): void;
  hide(item: T): void;
  /** Roots whose text caretPositionFromPoint must see into. */
  shadowRoots: ShadowRoot[];
}

/** How far beyond the viewport to mark, in viewport heights. */
const MARGIN = 1.5;
/** Recompute when the viewport is closer than this (in viewport heights) to the marked region's edge. */
const SLACK = 0.5;
/** Out-of-range runs to step over before a walk stops. */
const MAX_MISSES = 8;
/** Never mark more runs than this at once (a page of nothing but tiny blocks). */
const MAX_SHOWN = 4000;

export class ViewportMarks<T extends Tracked> {
  private shown = new Set<T>();
  /** Where the walks started last time: the first item each walk found in range. */
  private lastAnchors: T[] = [];
  /** The region marked last time, in page coordinates (scrollY + viewport y); null when stale. */
  private covered: { top: number; bottom: number } | null = null;
  private frame = 0;
  private readonly doc: Document;
  private readonly host: ViewportHost<T>;
  private readonly resize: ResizeObserver | null;
  private readonly onScroll = (e: Event) => {
    // An element scrolled (an article in an overflow box): page coordinates do not tell, recompute.
    if (e.target !== this.doc) this.covered = null;
    if (this.needed()) this.schedule();
  };
  private readonly onLayout = () => this.invalidate();

  constructor(doc: Document, host: ViewportHost<T>) {
    this.doc = doc;
    this.host = host;
    // Capture: scrolling inside an element counts too.
    doc.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    doc.defaultView?.addEventListener('resize', this.onLayout, { passive: true });
    // Layout that moves without scrolling (images loading, a section opening) changes the page's size.
    this.resize = typeof ResizeObserver === 'function' ? new ResizeObserver(this.onLayout) : null;
    if (doc.body) this.resize?.observe(doc.body);
    this.resize?.observe(doc.documentElement);
  }

  /** The marked region no longer matches the page: recompute at the next frame. */
  invalidate(): void {
    this.covered = null;
    this.schedule();
  }

  /** New runs were found (a scan's slice, starting with `first`): recompute if they may be in range. */
  added(first: T): void {
    if (this.frame) return;
    const win = this.doc.defaultView;
    if (!win || !this.covered) {
      this.schedule();
      return;
    }
    const r = this.rectOf(first, win.innerHeight);
    if (r.height > 0 && r.top + win.scrollY < this.covered.bottom && r.bottom + win.scrollY > this.covered.top)
      this.invalidate();
  }

  private needed(): boolean {
    const win = this.doc.defaultView;
    if (!win || !this.covered) return true;
    const h = win.innerHeight;
    return win.scrollY - h * SLACK < this.covered.top || win.scrollY + h * (1 + SLACK) > this.covered.bottom;
  }

  /** Recomputes at the next animation frame (once, however often it is asked). */
  schedule(): void {
    if (this.frame) return;
    const win = this.doc.defaultView;
    if (!win) return;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /** Forgets an item that left the page (it is no longer in `items()`). */
  drop(item: T): void {
    if (this.shown.delete(item)) this.host.hide(item);
  }

  isShown(item: T): boolean {
    return this.shown.has(item);
  }

  update(): void {
    const items = this.host.items();
    const win = this.doc.defaultView;
    if (!win) return;
    const height = win.innerHeight;
    const top = -height * MARGIN;
    const bottom = height * (1 + MARGIN);
    this.covered = { top: win.scrollY + top, bottom: win.scrollY + bottom };
    const next = new Set<T>();
    const inRange = (item: T): boolean => {
      const r = this.rectOf(item, height);
      return r.height > 0 && r.bottom >= top && r.top <= bottom;
    };
    const anchors: T[] = [];
    for (const anchor of this.anchors(items, top, inRange)) {
      const size = next.size;
      for (const step of [1, -1]) {
        let misses = 0;
        for (let i = step === 1 ? anchor : anchor - 1; i >= 0 && i < items.length; i += step) {
          const item = items[i] as T;
          if (next.has(item)) break;
          if (inRange(item)) {
            if (next.size === size) anchors.push(item);
            next.add(item);
            misses = 0;
            if (next.size >= MAX_SHOWN) break;
          } else if (++misses > MAX_MISSES) break;
        }
      }
    }
    this.lastAnchors = anchors;
    for (const item of this.shown) if (!next.has(item)) this.host.hide(item);
    for (const item of next) if (!this.shown.has(item)) this.host.show(item);
    this.shown = next;
  }

  private rectOf(item: T, height: number): DOMRect {
    const r = item.box.getBoundingClientRect();
    if (r.height <= 2 * height) return r;
    // A huge block (the whole article in one <div>): measure the run itself.
    const range = this.doc.createRange();
    range.setStart(item.first, 0);
    range.setEnd(item.last, item.last.length);
    return range.getBoundingClientRect();
  }

  /** Indexes to walk from: runs at or near the viewport. */
  private anchors(items: readonly T[], top: number, inRange: (item: T) => boolean): number[] {
    if (!items.length) return [];
    const out = new Set<number>();
    // While scrolling: the walks' starting points from last time, if still in range.
    for (const item of this.lastAnchors) {
      if (!inRange(item)) continue;
      const i = lowerBound(items, item.first, (x) => x.first);
      if (items[i] === item) out.add(i);
    }
    if (out.size) return [...out];
    // A jump: the first block that ends below the range's top.
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((items[mid] as T).box.getBoundingClientRect().bottom < top) lo = mid + 1;
      else hi = mid;
    }
    if (inRange(items[lo] as T)) return [lo];
    // Later blocks do not always sit lower (columns, floats): ask what text is at the centre.
    const win = this.doc.defaultView as Window;
    const caret = caretAt(this.doc, win.innerWidth / 2, win.innerHeight / 2, this.host.shadowRoots);
    if (!caret) return [lo];
    const i = lowerBound(items, caret.offsetNode, (x) => x.first);
    return [lo, Math.max(0, Math.min(i, items.length - 1)), Math.max(0, i - 1)];
  }

  stop(): void {
    if (this.frame) this.doc.defaultView?.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.doc.removeEventListener('scroll', this.onScroll, { capture: true });
    this.doc.defaultView?.removeEventListener('resize', this.onLayout);
    this.resize?.disconnect();
    for (const item of this.shown) this.host.hide(item);
    this.shown.clear();
    this.lastAnchors = [];
    this.covered = null;
  }
}
