/**
 * The page scanner: collects text runs in time slices, matches them, and
 * marks what is near the viewport. Scales with the viewport, not the page:
 * matching is cheap and done everywhere (the popup lists every term), but
 * ranges are only created and registered for blocks within about a screen
 * of the viewport, through an IntersectionObserver, so a 10 MB page costs
 * no more paint work than a short one.
 *
 * Layers: the bundled glossary, the page's own definitions and the
 * unknown-jargon candidates each find spans in a run's text; an earlier
 * layer's span wins over an overlapping later one.
 */
import { locate, locateEnd, runs, type TextRun } from './collect';
import type { MarkKind, Marks } from './highlight';

export interface Span {
  start: number;
  end: number;
  /** What the layer needs to explain the span (an entry's pattern index, a page term …). */
  key: string;
}

export interface Layer {
  kind: Exclude<MarkKind, 'focus' | 'flash'>;
  find(text: string): Span[];
}

export interface PageMatch {
  kind: Layer['kind'];
  key: string;
  start: number;
  end: number;
  run: RunState;
  range: StaticRange | null;
}

export interface RunState {
  run: TextRun;
  matches: PageMatch[];
  /** Document order, for listing and keyboard navigation. */
  order: number;
}

/** Time slice for collection and matching: short enough to keep every task far under 16 ms. */
const SLICE_MS = 6;

export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class PageScanner {
  private layers: Layer[];
  private readonly marks: Marks;
  private readonly root: Document;
  private states: RunState[] = [];
  private readonly byNode = new Map<Text, { state: RunState; index: number }>();
  private readonly byContainer = new Map<Element, RunState[]>();
  private readonly visible = new Set<Element>();
  private readonly io: IntersectionObserver;
  private generation = 0;
  private onChange: () => void;
  readonly shadowRoots: ShadowRoot[] = [];

  constructor(root: Document, layers: Layer[], marks: Marks, onChange: () => void = () => {}) {
    this.root = root;
    this.layers = layers;
    this.marks = marks;
    this.onChange = onChange;
    // One screen above and below the viewport: marks are ready before they scroll in.
    this.io = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: '100% 0px 100% 0px' });
  }

  setLayers(layers: Layer[]): void {
    this.layers = layers;
  }

  /** Scans `scope` (default: the whole document) in time slices; resolves when done or superseded. */
  async scan(scope: Node = this.root.body ?? this.root.documentElement): Promise<void> {
    const generation = ++this.generation;
    const fresh: RunState[] = [];
    let deadline = performance.now() + SLICE_MS;
    const shadows: ShadowRoot[] = [];
    for (const run of runs(scope, shadows)) {
      const state = this.matchRun(run);
      if (state) fresh.push(state);
      if (performance.now() > deadline) {
        this.commit(fresh.splice(0));
        await yieldToMain();
        if (generation !== this.generation) return;
        deadline = performance.now() + SLICE_MS;
      }
    }
    this.commit(fresh);
    this.addShadowRoots(shadows);
    this.renumber();
    this.onChange();
  }

  private addShadowRoots(found: ShadowRoot[]): void {
    for (const s of found) if (!this.shadowRoots.includes(s)) this.shadowRoots.push(s);
  }

  /** Re-scans only the given containers (after DOM changes), dropping what was found in them before. */
  async rescan(containers: Element[]): Promise<void> {
    const roots = containers.filter(
      (c, i) => c.isConnected && !containers.some((o, j) => j !== i && o.contains(c) && o !== c),
    );
    if (!roots.length) return;
    this.forget((state) =>
      roots.some((r) => r.contains(state.run.container) || state.run.nodes.some((n) => r.contains(n))),
    );
    this.forget((state) => !state.run.nodes[0]?.isConnected);
    let deadline = performance.now() + SLICE_MS;
    const fresh: RunState[] = [];
    const shadows: ShadowRoot[] = [];
    for (const root of roots) {
      for (const run of runs(root, shadows)) {
        const state = this.matchRun(run);
        if (state) fresh.push(state);
        if (performance.now() > deadline) {
          this.commit(fresh.splice(0));
          await yieldToMain();
          deadline = performance.now() + SLICE_MS;
        }
      }
    }
    this.commit(fresh);
    this.addShadowRoots(shadows);
    this.renumber();
    this.onChange();
  }

  private matchRun(run: TextRun): RunState | null {
    const state: RunState = { run, matches: [], order: 0 };
    for (const layer of this.layers) {
      for (const span of layer.find(run.text)) {
        if (state.matches.some((m) => m.start < span.end && span.start < m.end)) continue;
        state.matches.push({
          kind: layer.kind,
          key: span.key,
          start: span.start,
          end: span.end,
          run: state,
          range: null,
        });
      }
    }
    if (!state.matches.length) return null;
    state.matches.sort((a, b) => a.start - b.start);
    return state;
  }

  private commit(fresh: RunState[]): void {
    for (const state of fresh) {
      this.states.push(state);
      state.run.nodes.forEach((node, index) => this.byNode.set(node, { state, index }));
      const c = state.run.container;
      const list = this.byContainer.get(c);
      if (list) list.push(state);
      else {
        this.byContainer.set(c, [state]);
        this.io.observe(c);
      }
      if (this.visible.has(c)) this.show(state);
    }
  }

  private forget(predicate: (s: RunState) => boolean): void {
    const keep: RunState[] = [];
    for (const state of this.states) {
      if (!predicate(state)) {
        keep.push(state);
        continue;
      }
      this.hide(state);
      for (const node of state.run.nodes) this.byNode.delete(node);
      const c = state.run.container;
      const list = this.byContainer.get(c)?.filter((s) => s !== state) ?? [];
      if (list.length) this.byContainer.set(c, list);
      else {
        this.byContainer.delete(c);
        this.io.unobserve(c);
        this.visible.delete(c);
      }
    }
    this.states = keep;
  }

  private renumber(): void {
    // Document order; runs from one walk are already in order, re-scans are not.
    this.states.sort((a, b) => {
      if (a === b) return 0;
      const pos = a.run.nodes[0]!.compareDocumentPosition(b.run.nodes[0]!);
      return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : pos & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
    });
    this.states.forEach((s, i) => {
      s.order = i;
    });
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const c = entry.target;
      const list = this.byContainer.get(c);
      if (!list) continue;
      if (entry.isIntersecting) {
        this.visible.add(c);
        for (const s of list) this.show(s);
      } else {
        this.visible.delete(c);
        for (const s of list) this.hide(s);
      }
    }
  }

  /** Creates and registers the ranges of a run's matches. */
  private show(state: RunState): void {
    for (const m of state.matches) {
      if (!m.range) m.range = this.rangeOf(m);
      this.marks.add(m.kind, m.range);
    }
  }

  private hide(state: RunState): void {
    for (const m of state.matches) if (m.range) this.marks.delete(m.kind, m.range);
  }

  rangeOf(m: PageMatch): StaticRange {
    const a = locate(m.run.run, m.start);
    const b = locateEnd(m.run.run, m.end);
    return new StaticRange({
      startContainer: a.node,
      startOffset: a.offset,
      endContainer: b.node,
      endOffset: b.offset,
    });
  }

  /** A live Range for a match, for measuring (getClientRects) and scrolling. */
  liveRange(m: PageMatch): Range {
    const r = this.root.createRange();
    const s = m.range ?? this.rangeOf(m);
    r.setStart(s.startContainer, s.startOffset);
    r.setEnd(s.endContainer, s.endOffset);
    return r;
  }

  /** Every match, in document order. */
  allMatches(): PageMatch[] {
    return this.states.flatMap((s) => s.matches);
  }

  /** The match under a viewport point, or null. See hit-test.ts for the caret part. */
  matchAtCaret(node: Node, offset: number): PageMatch | null {
    const hit = this.byNode.get(node as Text);
    if (!hit) return null;
    const at = (hit.state.run.starts[hit.index] as number) + offset;
    const ms = hit.state.matches;
    // Binary search for the last match starting at or before `at`.
    let lo = 0;
    let hi = ms.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((ms[mid] as PageMatch).start <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // The caret can sit just after the last glyph: consider the match ending there too.
    const candidates = [ms[found], ms[found - 1]].filter((m): m is PageMatch => !!m && m.start <= at && at <= m.end);
    return candidates[0] ?? null;
  }

  stop(): void {
    this.generation++;
    this.io.disconnect();
    for (const s of this.states) this.hide(s);
    this.states = [];
    this.byNode.clear();
    this.byContainer.clear();
    this.visible.clear();
  }
}
