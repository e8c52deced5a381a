/**
 * Page functions for the scanner tests in both browsers, evaluated in the
 * page's main world (where the highlight registry must be readable). Plain
 * functions without closures, so that they serialise.
 */

type Registry = Map<string, Set<AbstractRange>>;

/** How many ranges the policy-glossary highlights hold (focus and flash excluded). */
export function markCount(): number {
  const registry = (globalThis as unknown as { CSS: { highlights: Registry } }).CSS.highlights;
  let n = 0;
  for (const [name, set] of registry) {
    if (name.startsWith('policy-glossary') && !name.endsWith('-focus') && !name.endsWith('-flash')) n += set.size;
  }
  return n;
}

/** The vertical extent of the marks, in viewport heights relative to the viewport's top, and whether one is on screen. */
export function markSpread(): { count: number; minScreens: number; maxScreens: number; onScreen: number } {
  const registry = (globalThis as unknown as { CSS: { highlights: Registry } }).CSS.highlights;
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let onScreen = 0;
  for (const [name, set] of registry) {
    if (!name.startsWith('policy-glossary') || name.endsWith('-focus') || name.endsWith('-flash')) continue;
    for (const r of set) {
      if (!r.startContainer.isConnected) continue;
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      const b = live.getBoundingClientRect();
      if (!b.height) continue;
      count++;
      min = Math.min(min, b.top / innerHeight);
      max = Math.max(max, b.bottom / innerHeight);
      if (b.bottom > 0 && b.top < innerHeight) onScreen++;
    }
  }
  return { count, minScreens: min, maxScreens: max, onScreen };
}

/** Scrolls so that the element's top is at the viewport's top (a jump, not a smooth scroll). */
export function jumpTo(id: string): number {
  const el = document.getElementById(id);
  if (!el) return -1;
  window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY);
  return window.scrollY;
}

/** A point `dx` pixels to the right of the last glyph of the element's text, on its last line. */
export function besideEnd(arg: { id: string; dx: number }): { x: number; y: number } | null {
  const el = document.getElementById(arg.id);
  if (!el) return null;
  const r = document.createRange();
  r.selectNodeContents(el);
  const rects = r.getClientRects();
  const last = rects[rects.length - 1];
  return last ? { x: Math.round(last.right + arg.dx), y: Math.round(last.top + last.height / 2) } : null;
}

/**
 * Every DOM change since DOMContentLoaded, as scanner-page.html records them
 * (its own script, in <head>, starts before any content script can run).
 */
export function recordedMutations(): string[] {
  return (window as unknown as { __pgMutations?: string[] }).__pgMutations ?? [];
}

export interface StormSample {
  /** Animation frames sampled. */
  frames: number;
  /** The page's own ticks in that time. */
  ticks: number;
  /** Distinct mark ranges seen on the ticker: each re-scan of the ticker makes a new one. */
  tickerRanges: number;
  /** Frames in which the stable article had no marks. */
  framesWithoutStable: number;
}

/** Watches the registry every animation frame for `ms` milliseconds on scanner-storm.html. */
export function sampleStorm(ms: number): Promise<StormSample> {
  const registry = (globalThis as unknown as { CSS: { highlights: Registry } }).CSS.highlights;
  const ticker = document.getElementById('ticker') as Element;
  const stable = [document.getElementById('stable-1'), document.getElementById('stable-2')] as Element[];
  const seen = new Set<AbstractRange>();
  const w = window as unknown as { __ticks: number };
  const ticks0 = w.__ticks;
  let frames = 0;
  let framesWithoutStable = 0;
  const end = performance.now() + ms;
  return new Promise((resolve) => {
    const frame = () => {
      frames++;
      let stableMarks = 0;
      for (const [name, set] of registry) {
        if (!name.startsWith('policy-glossary')) continue;
        for (const r of set) {
          const c = r.startContainer;
          if (ticker.contains(c)) seen.add(r);
          else if (stable.some((s) => s.contains(c))) stableMarks++;
        }
      }
      if (!stableMarks) framesWithoutStable++;
      if (performance.now() < end) requestAnimationFrame(frame);
      else resolve({ frames, ticks: w.__ticks - ticks0, tickerRanges: seen.size, framesWithoutStable });
    };
    requestAnimationFrame(frame);
  });
}
