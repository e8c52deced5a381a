/**
 * The page's own glossary: after the first scan, read the definitions the
 * page gives (its 名词解释 section, notes, inline explanations) from its
 * text, mark those terms wherever they occur, flag slogans nobody defines
 * (unless the reader switched that off), answer the card's "defined on this
 * page" questions through `app.pageTerms`, and export the page's glossary as
 * Markdown for the popup.
 *
 * Try it on: tests/fixtures/pages/report-jingzhou.html (the seed's report),
 * tests/fixtures/pages/unknown-slogan.html.
 */
import { onMessages } from '@/common/messages';
import { definitionSteps } from '@/engine/definitions';
import type { CompiledEntry, PageDefinition } from '@/engine/entry';
import { pageGlossaryMarkdown } from '@/engine/export-markdown';
import { buildPageGlossary, type PageGlossary } from '@/engine/page-glossary';
import { rankEntries } from '@/engine/rank';
import { locate, locateEnd, runBetween } from '@/page/collect';
import { type Layer, type PageMatch, type PageText, type RunAnchor, SLICE_MS, yieldToMain } from '@/page/scanner';
import type { ContentApp } from './app';

/** Re-read the page's definitions this long after the last re-scan of a burst (infinite scroll, live pages). */
const REFRESH_MS = 800;
/**
 * A re-read waits at least this many times the work the last read took: on a
 * page that changes all the time, reading its definitions again takes at
 * most a tenth of the main thread, whatever the page's size.
 */
const REFRESH_FACTOR = 10;
/** How long a revealed definition stays flashed. */
const FLASH_MS = 1600;

/** The run anchor that holds text offset `at` (binary search over the runs' offsets). */
function runAt(runs: RunAnchor[], at: number): RunAnchor | null {
  let lo = 0;
  let hi = runs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((runs[mid] as RunAnchor).offset <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? (runs[found] as RunAnchor) : null;
}

/** The page range of a definition, or null when the text it was read from has changed. */
function rangeOf(runs: RunAnchor[], d: PageDefinition): StaticRange | null {
  const a = runAt(runs, d.start);
  const b = runAt(runs, Math.max(d.start, d.end - 1));
  if (!a || !b) return null;
  for (const n of [a.first, a.last, b.first, b.last]) if (!n.isConnected) return null;
  const runA = runBetween(a.first, a.last, a.box);
  const runB = b === a ? runA : runBetween(b.first, b.last, b.box);
  const start = locate(runA, Math.min(d.start - a.offset, runA.text.length));
  const end = locateEnd(runB, Math.min(d.end - b.offset, runB.text.length));
  return new StaticRange({
    startContainer: start.node,
    startOffset: start.offset,
    endContainer: end.node,
    endOffset: end.offset,
  });
}

/** The page's definition a mark leads to: a page mark's own, or the page's definition of a bundled mark's form. */
export function pageDefinitionOf(app: ContentApp, m: PageMatch): PageDefinition | undefined {
  const form = m.kind === 'page' ? m.key : m.kind === 'term' ? (app.lookup.glossary.forms[Number(m.key)] ?? '') : '';
  return form ? app.pageTerms.definitionsFor(form)[0] : undefined;
}

/** A term only the page defines, as the popup's "On this page" list shows it. */
export interface PageDefinedRow {
  term: string;
  /** The page's definition of it (its first, where it gives several). */
  definition: string;
  /** Its page marks. */
  count: number;
  /** Index of its first mark among all the page's marks (`scanner.allMatches()`, document order). */
  first: number;
}

/**
 * The page's own marks (kind `page`: terms no bundled entry marks there) of
 * each term the page defines, in page order, for the popup's "On this page"
 * (content/messages.ts answers `page-terms` and `reveal-term` with them). A
 * bundled mark of a term the page also defines stays in its entry's row,
 * which says the page defines it: one row per mark, never two.
 */
export function pageDefinedRows(app: ContentApp, matches = app.scanner.allMatches()): PageDefinedRow[] {
  const rows = new Map<string, PageDefinedRow>();
  matches.forEach((m, order) => {
    if (m.kind !== 'page') return;
    const d = pageDefinitionOf(app, m);
    if (!d) return;
    const row = rows.get(d.term);
    if (row) row.count++;
    else rows.set(d.term, { term: d.term, definition: d.definition, count: 1, first: order });
  });
  return [...rows.values()];
}

/** The page marks of one page-defined term (a row of `pageDefinedRows`), in page order. */
export function pageDefinedMatches(app: ContentApp, term: string): PageMatch[] {
  return app.scanner.allMatches().filter((m) => m.kind === 'page' && pageDefinitionOf(app, m)?.term === term);
}

/**
 * Re-mark at most this many blocks one by one when the page's own terms
 * change; past it, one walk of the page costs less (bench:page, 10 MB page:
 * re-scanning thousands of blocks one by one put the last marks seconds late).
 */
const MAX_REMARK_BLOCKS = 256;

/** Characters of text per step of the definitions' read (engine/definitions.ts, definitionSteps). */
const READ_CHUNK = 8000;

export function initPageGlossary(app: ContentApp): () => void {
  /** Until the page's text is read: no page terms, and every slogan the bundled glossary lacks is a candidate. */
  let glossary: PageGlossary = buildPageGlossary([], app.lookup);
  /** The runs the definitions were read from: where each starts in that text. */
  let anchors: RunAnchor[] = [];
  /** What the scanner's layers were last set for: whether unknown jargon is flagged, and the page's forms. */
  let layersKey = '';
  let settingLayers = false;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  /** Bumped by every read: an older read still in progress gives up. */
  let reading = 0;
  /** No re-read before this time (REFRESH_FACTOR times the last read). */
  let notBefore = 0;

  const pageLayer: Layer = { kind: 'page', find: (text) => glossary.findTerms(text) };
  const unknownLayer: Layer = { kind: 'unknown', find: (text, taken) => glossary.findUnknown(text, taken) };

  /**
   * Sets the scanner's layers for the page's forms and the flag setting, and
   * re-scans the page when they change: only the blocks in `only` when given
   * (the read found where the new forms are), the whole page otherwise.
   */
  /** What the layers depend on: whether unknown jargon is flagged, and the page's forms. */
  const keyNow = () => `${app.settings().flagUnknown}\u0002${glossary.signature}`;

  const applyLayers = (only?: Element[]) => {
    if (stopped) return;
    const flag = app.settings().flagUnknown;
    const key = keyNow();
    if (key === layersKey) return;
    const flagChanged = !layersKey.startsWith(`${flag}\u0002`);
    layersKey = key;
    const layers: Layer[] = [app.termLayer];
    if (glossary.forms.length) layers.push(pageLayer);
    if (flag) layers.push(unknownLayer);
    settingLayers = true;
    void app.setLayers(layers, flagChanged ? undefined : only).finally(() => {
      settingLayers = false;
    });
  };

  /** Time for this slice of the read: yields when it is over. False when a newer read or a stop superseded it. */
  let deadline = 0;
  const pause = async (id: number): Promise<boolean> => {
    if (performance.now() <= deadline) return true;
    await yieldToMain();
    deadline = performance.now() + SLICE_MS;
    return id === reading && !stopped;
  };

  /**
   * The blocks whose marks the new page glossary changes: those that hold
   * one of its forms (found in the text just read, a run at a time, in
   * slices), and those marked as page terms or unknown jargon before. 'all'
   * when there are so many that walking the page again is cheaper; null
   * when a newer read superseded this one.
   */
  const changedBlocks = async (page: PageText, id: number): Promise<Element[] | 'all' | null> => {
    // Not allMatches(): that makes an object for every match on the page, and keeps them.
    const boxes = app.scanner.blocksWith(['page', 'unknown']);
    const { runs } = page;
    for (let i = 0; i < runs.length && boxes.size <= MAX_REMARK_BLOCKS; i++) {
      const run = runs[i] as RunAnchor;
      const end = i + 1 < runs.length ? (runs[i + 1] as RunAnchor).offset - 1 : page.text.length;
      let hit = false;
      glossary.scanForms(page.text, run.offset, end, () => {
        hit = true;
      });
      if (hit) boxes.add(run.box);
      if (!(await pause(id))) return null;
    }
    return boxes.size > MAX_REMARK_BLOCKS ? 'all' : [...boxes];
  };

  /**
   * Reads the page's definitions from its text, in time slices like the
   * scanner's, and marks the terms it defines: a re-scan of the blocks that
   * hold them, and only if the forms changed. The text comes from the
   * scanner's walk: the first scan keeps it (`keepText`), and after the page
   * changed the scanner collects it again.
   */
  const read = async (text: Promise<PageText | null>) => {
    const id = ++reading;
    const began = performance.now();
    const page = await text;
    if (!page || id !== reading || stopped) return;
    /** Ends this slice now: what follows starts one of its own. */
    const slice = () => {
      deadline = 0;
      return pause(id);
    };
    // The walk built the text by concatenation; the first search flattens it (a copy of the whole
    // text, milliseconds on a long page): in a slice of its own.
    if (!(await slice())) return;
    page.text.charCodeAt(0);
    if (!(await slice())) return;
    const steps = definitionSteps(page.text, { chunk: READ_CHUNK });
    let step = steps.next();
    while (!step.done) {
      if (!(await pause(id))) return;
      step = steps.next();
    }
    const definitions = step.value;
    // A page that defines terms needs the normaliser's table (built on first use) and a matcher for
    // its forms: a few milliseconds each on a 64K-entry table, so each starts a slice of its own.
    if (definitions.length) {
      if (!(await slice())) return;
      void app.lookup.table;
      if (!(await slice())) return;
    }
    glossary = buildPageGlossary(definitions, app.lookup);
    anchors = page.runs;
    notBefore = performance.now() + REFRESH_FACTOR * (performance.now() - began);
    // The marks already follow these forms (most pages define nothing): nothing to re-scan.
    if (layersKey === keyNow()) return;
    if (!(await slice())) return;
    const only = await changedBlocks(page, id);
    if (only) applyLayers(only === 'all' ? undefined : only);
  };

  const reveal = async (d: PageDefinition) => {
    let range = rangeOf(anchors, d);
    if (!range) {
      // The page changed since the definitions were read: read them again and find this one.
      await read(app.scanner.readText());
      const again = glossary.definitions.find((x) => x.term === d.term && x.definition === d.definition);
      range = again ? rangeOf(anchors, again) : null;
    }
    if (!range || stopped) return;
    const el = range.startContainer.parentElement;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    el?.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    app.marks.only('flash', range);
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => app.marks.only('flash', null), FLASH_MS);
  };

  Object.assign(app.pageTerms, {
    definitionsFor: (form: string) => glossary.definitionsFor(form),
    reveal: (d: PageDefinition) => void reveal(d),
  });

  // The first scan keeps the page's text for the first read, and flags unknown jargon as it goes:
  // a page that defines nothing (most) is scanned once.
  app.scanner.keepText = true;
  applyLayers();

  const stopScanned = app.onScanned(() => {
    const text = app.scanner.takeText();
    // Our own re-scan for new layers: the definitions it would read are the ones it marks.
    if (settingLayers) return;
    if (text) {
      void read(Promise.resolve(text));
      return;
    }
    // Some blocks changed (infinite scroll, a live page): read again once the burst is over, and
    // never more often than the last read's cost allows, however often the page changes.
    if (refreshTimer !== undefined) return;
    refreshTimer = setTimeout(
      () => {
        refreshTimer = undefined;
        void read(app.scanner.readText());
      },
      Math.max(REFRESH_MS, notBefore - performance.now()),
    );
  });
  const stopSettings = app.onSettings(() => applyLayers());

  /** The bundled entries whose terms occur on the page, in order of first occurrence (the meaning the card shows first). */
  const entriesOnPage = async (): Promise<CompiledEntry[]> => {
    const seen = new Set<string>();
    const wanted = new Set<string>();
    for (const m of app.scanner.allMatches()) {
      if (m.kind !== 'term' || seen.has(m.key)) continue;
      seen.add(m.key);
      const first = rankEntries(app.lookup.headsOf(Number(m.key)), app.region, app.lookup.glossary.regions)[0];
      if (first) wanted.add(first.id);
    }
    const ids = [...wanted];
    await app.entries.load(ids);
    return ids.map((id) => app.entries.get(id)).filter((e): e is CompiledEntry => !!e);
  };

  // The popup asks the top frame only (see content/messages.ts).
  const stopMessages =
    window === window.top
      ? onMessages({
          'export-page-glossary': async () => {
            const { definitions } = glossary;
            const entries = await entriesOnPage();
            const markdown = pageGlossaryMarkdown({
              title: document.title,
              url: location.href,
              definitions,
              entries,
              date: new Date().toISOString().slice(0, 10),
            });
            return { markdown };
          },
        })
      : () => {};

  return () => {
    stopped = true;
    stopScanned();
    stopSettings();
    stopMessages();
    reading++;
    app.scanner.keepText = false;
    clearTimeout(refreshTimer);
    clearTimeout(flashTimer);
    Object.assign(app.pageTerms, { definitionsFor: () => [], reveal: () => {} });
  };
}
