/**
 * The page scanner: collects text runs in time slices, matches them, and
 * marks what is near the viewport. Scales with the viewport, not the page:
 * matching is cheap and done everywhere (the popup lists every term, the
 * keyboard walks them all), but ranges are only created and registered for
 * runs within about a screen of the viewport (viewport.ts), so a 10 MB page
 * costs no more paint work than a short one.
 *
 * Every piece of work runs in slices of SLICE_MS and then yields, and
 * nothing walks or sorts every run at once: runs are kept in document order
 * as they are found (a walk finds them in order; a re-scan inserts by binary
 * search). What a slice cannot bound is a garbage collection that V8 runs
 * inside it. The walk reads leaf blocks whole (collect.ts), so it makes a
 * wrapper per block, not per node, but what matching keeps (a match object
 * per term found) still brings young-generation collections into some
 * slices (bench:page).
 *
 * Layers: the bundled glossary, the page's own definitions and the
 * unknown-jargon candidates each find spans in a run's text; an earlier
 * layer's span wins over an overlapping later one.
 */
import { firstText, lastText, locate, locateEnd, type RunLimits, runBetween, runs, type TextRun } from './collect';
import { compareNodes, lowerBound } from './dom-order';
import type { MarkKind, Marks } from './highlight';
import { matchAtPoint } from './hit-test';
import { ViewportMarks } from './viewport';

export interface Span {
  start: number;
  end: number;
  /** What the layer needs to explain the span (an entry's pattern index, a page term …). */
  key: string;
}

export interface Layer {
  kind: Exclude<MarkKind, 'focus' | 'flash'>;
  /**
   * The layer's spans in `text`, in order. `taken(start, end)` tells whether
   * an earlier layer has a span overlapping there, which would win: a layer
   * may skip those without working them out.
   */
  find(text: string, taken: (start: number, end: number) => boolean): Span[];
}

export interface PageMatch {
  readonly kind: Layer['kind'];
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly run: RunState;
  /** The mark's range while the match is marked (near the viewport), else null. */
  readonly range: Range | null;
}

export interface RunState {
  /**
   * The run's text nodes, their offsets and its text. Not kept for the whole
   * page (on a 10 MB page that is hundreds of thousands of text nodes the
   * garbage collector must trace on every pass): collected again from
   * `first` to `last` when asked for, and kept while the run is marked.
   */
  readonly run: TextRun;
  /** In text order; made when asked for, and the same objects every time (see LazyRun). */
  readonly matches: PageMatch[];
  /** Document order, for listing and keyboard navigation (see `allMatches`). */
  order: number;
  /** The run's block, and its first and last text nodes. */
  box: Element;
  first: Text;
  last: Text;
  /** False once the run was dropped (its text changed or left the page). */
  live: boolean;
}

/** The layers' kinds, by the index a packed match stores. */
const KINDS: ReadonlyArray<Layer['kind']> = ['term', 'page', 'unknown'];
/** Numbers per packed match: start, end, kind (index in KINDS), key (index in the scanner's key table). */
const STRIDE = 4;

/** A match as its run stores it, made on demand: the same object for as long as the run lives. */
class MatchRef implements PageMatch {
  constructor(
    readonly run: LazyRun,
    readonly index: number,
    readonly kind: Layer['kind'],
    readonly key: string,
    readonly start: number,
    readonly end: number,
  ) {}

  get range(): Range | null {
    return this.run.ranges?.[this.index] ?? null;
  }
}

/**
 * A run with matches. Its matches are packed in one array of small integers
 * (`spans`), not an object each: a 10 MB page has a few hundred thousand
 * matches, and objects that survive a young-generation collection are what
 * the collector copies, inside whatever slice of work it interrupts.
 * Match objects are made only when something asks (the viewport marks the
 * run, the pointer rests on a term, the popup lists the page's terms).
 */
class LazyRun implements RunState {
  /** start, end, kind, key for each match, in text order (STRIDE numbers each). */
  spans: number[] = [];
  /** The match objects made so far, by index. */
  private refs: Array<MatchRef | undefined> | null = null;
  /** The marks' ranges, by match index, while the run is marked. */
  ranges: Range[] | null = null;
  order = 0;
  live = true;
  readonly box: Element;
  readonly first: Text;
  readonly last: Text;
  /** The collected run, while it is needed. */
  kept: TextRun | null = null;

  private readonly keys: readonly string[];

  constructor(run: TextRun, keys: readonly string[]) {
    this.box = run.container;
    this.first = firstText(run);
    this.last = lastText(run);
    this.keys = keys;
  }

  get run(): TextRun {
    this.kept ??= runBetween(this.first, this.last, this.box);
    return this.kept;
  }

  get count(): number {
    return this.spans.length / STRIDE;
  }

  start(i: number): number {
    return this.spans[i * STRIDE] as number;
  }

  end(i: number): number {
    return this.spans[i * STRIDE + 1] as number;
  }

  kind(i: number): Layer['kind'] {
    return KINDS[this.spans[i * STRIDE + 2] as number] as Layer['kind'];
  }

  match(i: number): MatchRef {
    this.refs ??= [];
    let ref = this.refs[i];
    if (!ref) {
      const key = this.keys[this.spans[i * STRIDE + 3] as number] as string;
      ref = new MatchRef(this, i, this.kind(i), key, this.start(i), this.end(i));
      this.refs[i] = ref;
    }
    return ref;
  }

  get matches(): PageMatch[] {
    const out: PageMatch[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.match(i));
    return out;
  }
}

/** Where a run of the page's text starts in `PageText.text`, and how to collect the run again. */
export interface RunAnchor {
  offset: number;
  first: Text;
  last: Text;
  box: Element;
}

/**
 * The page's text as one string, a run per line (the runs of a walk, cut as
 * the scanner cuts them: a very long block is split at a <br>), with each
 * run's anchor. What the page's own definitions are read from.
 */
export interface PageText {
  text: string;
  runs: RunAnchor[];
}

/** Accumulates a walk's runs into a PageText (string concatenation: V8 joins lazily). */
class TextSink {
  private text = '';
  private readonly runs: RunAnchor[] = [];

  add(run: TextRun): void {
    if (this.runs.length) this.text += '\n';
    this.runs.push({
      offset: this.text.length,
      first: firstText(run),
      last: lastText(run),
      box: run.container,
    });
    this.text += run.text;
  }

  done(): PageText {
    return { text: this.text, runs: this.runs };
  }
}

/** Time slice for collection and matching: short enough to keep every task far under 16 ms. */
export const SLICE_MS = 3;

/** A walk that takes longer than this shows marks as it goes; a shorter one shows them when done. */
const FIRST_MARKS_MS = 30;

/** Long runs are cut (at a <br> past `soft` characters, anywhere past `hard`): see RunLimits. */
const LIMITS: RunLimits = { soft: 2000, hard: 8000 };

/**
 * Gives the main thread back, as a new task at normal priority:
 * scheduler.postTask() where it exists, else a message to ourselves
 * (setTimeout is clamped to 4 ms after a few nestings). Not
 * scheduler.yield(): its continuations run ahead of everything else, so a
 * long scan made of them held off rendering (Chromium ran no frame for
 * ~100 ms at a time, until its anti-starvation rule stepped in), which kept
 * the first marks off screen and would make a page's own animations stutter.
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { postTask?: (cb: () => void) => Promise<void> } }).scheduler;
  if (typeof s?.postTask === 'function') return s.postTask(() => {});
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class PageScanner {
  private layers: Layer[];
  private readonly marks: Marks;
  private readonly root: Document;
  /** Runs with matches, in document order. */
  private states: LazyRun[] = [];
  /**
   * Runs by their block. Not by text node: a map of every text node with a
   * match nearby has hundreds of thousands of entries on a 10 MB page, and
   * growing it (a rehash copies it whole) was a long task of its own.
   */
  private byBox = new Map<Element, LazyRun[]>();
  /** Every key a layer gave, once: packed matches store its index. */
  private readonly keys: string[] = [];
  private readonly keyIndex = new Map<string, number>();
  private readonly viewport: ViewportMarks<LazyRun>;
  /** Bumped by every full scan and by stop(): older work gives up. */
  private generation = 0;
  /** After stop(), nothing is scanned or marked again. */
  private stopped = false;
  /** Scans and re-scans run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private orderDirty = false;
  /** End of the current slice of work. */
  private deadline = 0;
  /** The first run the current slice added to `states`, if any. */
  private sliceFirst: LazyRun | null = null;
  /** When the current walk began. */
  private walkStart = 0;
  private onChange: () => void;
  readonly shadowRoots: ShadowRoot[] = [];
  /**
   * Whether whole-page walks also keep the page's text (`takeText`), for a
   * feature that reads the whole text (the page's own definitions): it is
   * collected anyway, so keeping it costs a string, not a second walk.
   */
  keepText = false;
  /** The text of the last whole-page walk, until taken. */
  private text: PageText | null = null;

  constructor(root: Document, layers: Layer[], marks: Marks, onChange: () => void = () => {}) {
    this.root = root;
    this.layers = layers;
    this.marks = marks;
    this.onChange = onChange;
    this.viewport = new ViewportMarks(root, {
      items: () => this.states,
      show: (s) => this.show(s),
      hide: (s) => this.hide(s),
      shadowRoots: this.shadowRoots,
    });
  }

  setLayers(layers: Layer[]): void {
    this.layers = layers;
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * Scans the whole document in time slices (after any scan in progress);
   * resolves when done or superseded. The first scan marks as it goes; a
   * later one (new layers) keeps the old marks until it is done and then
   * swaps, so nothing flickers.
   */
  scan(): Promise<void> {
    const generation = ++this.generation;
    return this.enqueue(async () => {
      if (generation !== this.generation) return;
      this.deadline = performance.now() + SLICE_MS;
      const scope = this.root.body ?? this.root.documentElement;
      const old = this.states;
      const first = !old.length;
      const fresh: LazyRun[] = first ? this.states : [];
      const freshIndex = first ? this.byBox : new Map<Element, LazyRun[]>();
      if (!(await this.walk([scope], generation, fresh, freshIndex))) return;
      if (!first) {
        for (const s of old) {
          s.live = false;
          this.viewport.drop(s);
        }
        this.states = fresh;
        this.byBox = freshIndex;
        this.orderDirty = true;
        this.viewport.update();
      }
      this.renumber();
      this.onChange();
    });
  }

  /**
   * Re-scans only the given blocks (after DOM changes), dropping what was
   * found in them before, and whatever left the page.
   */
  rescan(containers: Element[]): Promise<void> {
    const generation = this.generation;
    return this.enqueue(async () => {
      if (generation !== this.generation) return;
      this.deadline = performance.now() + SLICE_MS;
      const scopes = outermost(containers.filter((c) => c.isConnected));
      // Runs in a scope's blocks, and runs that left the page.
      const stale = new Set<LazyRun>();
      for (let i = 0; i < scopes.length; i++) {
        const scope = scopes[i] as Element;
        for (const s of this.byBox.get(scope) ?? []) stale.add(s);
        const walker = this.root.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT);
        for (let el = walker.nextNode(); el; el = walker.nextNode()) {
          for (const s of this.byBox.get(el as Element) ?? []) stale.add(s);
          if (!(await this.pause(generation))) return;
        }
        // A run whose block is outside the scope but reaches into it (a shadow
        // tree's top-level inline text belongs to the host): re-scan that block.
        for (let up = parentOf(scope); up; up = parentOf(up)) {
          for (const s of this.byBox.get(up) ?? []) {
            if (stale.has(s) || !s.run.nodes.some((n) => scope.contains(n))) continue;
            stale.add(s);
            if (!scopes.includes(up)) scopes.push(up);
          }
        }
      }
      for (const s of this.states) {
        if (!s.first.isConnected || !s.last.isConnected) stale.add(s);
        if (!(await this.pause(generation))) return;
      }
      if (stale.size) {
        for (const s of stale) this.retire(s);
        this.states = this.states.filter((s) => s.live);
        this.orderDirty = true;
      }
      if (!(await this.walk(outermost(scopes), generation, this.states, this.byBox))) return;
      this.renumber();
      this.onChange();
    });
  }

  /**
   * The page's text from the whole-page walk that just ended (with
   * `keepText`), once: null after a re-scan of some blocks only, or when it
   * was taken already. Call it from the scan listener.
   */
  takeText(): PageText | null {
    const text = this.text;
    this.text = null;
    return text;
  }

  /**
   * Collects the page's text again, in slices, matching nothing (after the
   * page changed: the last walk's text is stale). Queued behind scans;
   * resolves null when a new scan supersedes it.
   */
  readText(): Promise<PageText | null> {
    const generation = this.generation;
    let out: PageText | null = null;
    return this.enqueue(async () => {
      if (generation !== this.generation) return;
      this.deadline = performance.now() + SLICE_MS;
      const sink = new TextSink();
      for (const run of runs(this.root.body ?? this.root.documentElement, [], LIMITS)) {
        sink.add(run);
        if (!(await this.pause(generation))) return;
      }
      out = sink.done();
    }).then(() => out);
  }

  /**
   * Tells the viewport about the runs this slice added to the page's list,
   * once the walk has run for a while: a short page (most of them) is marked
   * all at once when its walk ends, in one repaint; a long one starts
   * showing marks after FIRST_MARKS_MS.
   */
  private flushAdded(): void {
    if (this.sliceFirst?.live && performance.now() - this.walkStart >= FIRST_MARKS_MS)
      this.viewport.added(this.sliceFirst);
    this.sliceFirst = null;
  }

  /** Time for this slice of work: yields when it is over. False when superseded. */
  private async pause(generation: number): Promise<boolean> {
    if (performance.now() <= this.deadline) return true;
    this.flushAdded();
    await yieldToMain();
    this.deadline = performance.now() + SLICE_MS;
    return generation === this.generation;
  }

  /**
   * Collects and matches `scopes` in slices, adding what it finds to `into`
   * in document order and to `index` by block. False when superseded.
   */
  private async walk(
    scopes: Element[],
    generation: number,
    into: LazyRun[],
    index: Map<Element, LazyRun[]>,
  ): Promise<boolean> {
    const shadows: ShadowRoot[] = [];
    this.walkStart = performance.now();
    const whole = scopes.length === 1 && scopes[0] === (this.root.body ?? this.root.documentElement);
    const sink = whole && this.keepText ? new TextSink() : null;
    for (const scope of scopes) {
      for (const run of runs(scope, shadows, LIMITS)) {
        sink?.add(run);
        const state = this.matchRun(run);
        if (state) this.add(state, into, index);
        if (!(await this.pause(generation))) return false;
      }
    }
    for (const s of shadows) if (!this.shadowRoots.includes(s)) this.shadowRoots.push(s);
    if (sink) this.text = sink.done();
    this.sliceFirst = null;
    if (into === this.states) this.viewport.invalidate();
    return true;
  }

  private matchRun(run: TextRun): LazyRun | null {
    // The layers' own span objects die young; what the run keeps is packed (see LazyRun).
    let found: Array<Span & { kind: number }> | null = null;
    const taken = (start: number, end: number) => found !== null && overlaps(found, start, end);
    for (const layer of this.layers) {
      const spans = layer.find(run.text, taken);
      if (!spans.length) continue;
      const kind = KINDS.indexOf(layer.kind);
      const earlier = found;
      found ??= [];
      let added = false;
      for (const span of spans) {
        // A layer's own spans never overlap; an earlier layer's span wins.
        if (earlier && overlaps(earlier, span.start, span.end)) continue;
        found.push({ start: span.start, end: span.end, key: span.key, kind });
        added = true;
      }
      if (earlier && added) found.sort((a, b) => a.start - b.start);
    }
    if (!found?.length) return null;
    const state = new LazyRun(run, this.keys);
    const packed = new Array<number>(found.length * STRIDE);
    for (let i = 0; i < found.length; i++) {
      const f = found[i] as Span & { kind: number };
      let key = this.keyIndex.get(f.key);
      if (key === undefined) {
        key = this.keys.push(f.key) - 1;
        this.keyIndex.set(f.key, key);
      }
      packed[i * STRIDE] = f.start;
      packed[i * STRIDE + 1] = f.end;
      packed[i * STRIDE + 2] = f.kind;
      packed[i * STRIDE + 3] = key;
    }
    state.spans = packed;
    return state;
  }

  /** Adds a fresh run at its place in document order. */
  private add(state: LazyRun, states: LazyRun[], index: Map<Element, LazyRun[]>): void {
    const last = states[states.length - 1];
    // A walk finds runs in order; only shadow trees (walked after the light DOM) and re-scans land elsewhere.
    if (!last || compareNodes(last.last, state.first) < 0) {
      state.order = states.length;
      states.push(state);
    } else {
      states.splice(
        lowerBound(states, state.first, (s) => s.first),
        0,
        state,
      );
      this.orderDirty = true;
    }
    const list = index.get(state.box);
    if (list) list.push(state);
    else index.set(state.box, [state]);
    if (states === this.states) this.sliceFirst ??= state;
  }

  /**
   * Unindexes a run that a re-scan replaces; the caller removes it from
   * `states`. Its marks stay drawn until the viewport's next update, which
   * hides them in the same repaint that shows what replaced them: unmarking
   * at once left the blocks bare for the frames the re-scan took (a page
   * with its own definitions blinked as they were read).
   */
  private retire(state: LazyRun): void {
    state.live = false;
    const list = this.byBox.get(state.box)?.filter((s) => s !== state);
    if (list?.length) this.byBox.set(state.box, list);
    else this.byBox.delete(state.box);
  }

  private renumber(): void {
    if (!this.orderDirty) return;
    this.states.forEach((s, i) => {
      s.order = i;
    });
    this.orderDirty = false;
  }

  /** Creates and registers the ranges of a run's matches. */
  private show(state: LazyRun): void {
    if (state.ranges) return;
    const ranges: Range[] = [];
    for (let i = 0; i < state.count; i++) {
      const range = this.rangeBetween(state, state.start(i), state.end(i));
      ranges.push(range);
      this.marks.add(state.kind(i), range);
    }
    state.ranges = ranges;
  }

  private hide(state: LazyRun): void {
    const ranges = state.ranges;
    // Live ranges cost the page on every DOM edit: keep only those near the viewport.
    state.ranges = null;
    if (ranges) for (let i = 0; i < ranges.length; i++) this.marks.delete(state.kind(i), ranges[i] as Range);
    // Off screen: let its text nodes go.
    state.kept = null;
  }

  /**
   * The mark's range. A live `Range`, not a `StaticRange`: the page's own
   * scripts (and outside checks) read the highlight registry and expect
   * `toString()` to give the marked text, which a StaticRange lacks. Live
   * ranges make later DOM edits slower (ANCHORS: 1.5 ms per insert at 20k),
   * so only the matches near the viewport hold one (see `hide`).
   */
  rangeOf(m: PageMatch): Range {
    return this.rangeBetween(m.run, m.start, m.end);
  }

  private rangeBetween(state: RunState, start: number, end: number): Range {
    const a = locate(state.run, start);
    const b = locateEnd(state.run, end);
    const r = (a.node.ownerDocument ?? this.root).createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  }

  /** A Range for a match, for measuring (getClientRects) and scrolling: the mark's own, or a fresh one. */
  liveRange(m: PageMatch): Range {
    return m.range ?? this.rangeOf(m);
  }

  /** Every match, in document order. */
  allMatches(): PageMatch[] {
    this.renumber();
    return this.states.flatMap((s) => s.matches);
  }

  /** The blocks holding a match of one of these kinds (no match objects are made). */
  blocksWith(kinds: ReadonlyArray<Layer['kind']>): Set<Element> {
    const wanted = kinds.map((k) => KINDS.indexOf(k));
    const out = new Set<Element>();
    for (const s of this.states) {
      for (let at = 2; at < s.spans.length; at += STRIDE) {
        if (wanted.includes(s.spans[at] as number)) {
          out.add(s.box);
          break;
        }
      }
    }
    return out;
  }

  /** How many runs with matches the page has, and how many are marked now. */
  counts(): { runs: number; marked: number } {
    let marked = 0;
    for (const s of this.states) if (this.viewport.isShown(s)) marked++;
    return { runs: this.states.length, marked };
  }

  /** Marks whatever is near the viewport now, instead of at the next frame (tests, a jump the caller made). */
  refreshMarks(): void {
    this.viewport.update();
  }

  /**
   * What term is under this viewport point? The match whose glyphs are at
   * (x, y), or null. For hover and click (hit-test.ts).
   */
  matchAtPoint(x: number, y: number): PageMatch | null {
    return matchAtPoint(this, this.root, x, y);
  }

  /**
   * The match at a caret position (a text node and an offset in it), or null:
   * a binary search over the run's matches. See hit-test.ts for the point → caret part.
   */
  matchAtCaret(node: Node, offset: number): PageMatch | null {
    const hit = this.runOf(node);
    if (!hit) return null;
    const at = (hit.state.run.starts[hit.index] as number) + offset;
    const run = hit.state;
    // Binary search for the last match starting at or before `at`.
    let lo = 0;
    let hi = run.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (run.start(mid) <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // The caret can sit just after the last glyph: a match ending at `at` counts (an adjacent one starting there wins).
    return found >= 0 && at <= run.end(found) ? run.match(found) : null;
  }

  /** The run (with matches) that holds a text node, and the node's index in it. */
  private runOf(node: Node): { state: LazyRun; index: number } | null {
    for (let el = parentOf(node); el; el = parentOf(el)) {
      const list = this.byBox.get(el);
      if (!list) continue;
      for (const state of list) {
        // Position first: collecting a run again costs its size.
        if (compareNodes(state.first, node) > 0 || compareNodes(node, state.last) > 0) continue;
        const index = state.run.nodes.indexOf(node as Text);
        if (index >= 0) return { state, index };
      }
    }
    return null;
  }

  stop(): void {
    // For good: a scan or re-scan asked for later (a feature's late async work) does nothing.
    this.stopped = true;
    this.generation++;
    this.viewport.stop();
    for (const s of this.states) s.live = false;
    this.states = [];
    this.byBox.clear();
  }
}

/** Whether [start, end) overlaps any of `matches` (sorted by start, non-overlapping). */
function overlaps(matches: Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = matches.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = matches[mid] as Span;
    if (m.end <= start) lo = mid + 1;
    else if (m.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/** The parent element, or a shadow root's host. */
function parentOf(node: Node): Element | null {
  return node.parentElement ?? ((node.parentNode as Partial<ShadowRoot> | null)?.host as Element | undefined) ?? null;
}

/** The elements not inside another one of the list. */
function outermost(elements: Element[]): Element[] {
  const set = new Set(elements);
  return [...set].filter((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
    return true;
  });
}
