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
import { extractDefinitions } from '@/engine/definitions';
import type { CompiledEntry, PageDefinition } from '@/engine/entry';
import { pageGlossaryMarkdown } from '@/engine/export-markdown';
import { buildPageGlossary, type PageGlossary } from '@/engine/page-glossary';
import { rankEntries } from '@/engine/rank';
import { extractText, locate, locateEnd, type TextRun } from '@/page/collect';
import type { Layer, PageMatch } from '@/page/scanner';
import type { ContentApp } from './app';

/** Re-read the page's definitions this long after the last re-scan of a burst (infinite scroll, live pages). */
const REFRESH_MS = 800;
/** How long a revealed definition stays flashed. */
const FLASH_MS = 1600;

type Extracted = ReturnType<typeof extractText>;

/**
 * Runs `fn` when the page is idle (within a second): reading a long page's
 * text and definitions is one task of some tens of milliseconds, better
 * spent where it delays no input. Returns the cancel function.
 */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

/** The run that holds text offset `at` (binary search over the runs' offsets). */
function runAt(extracted: Extracted, at: number): { run: TextRun; offset: number } | null {
  const { runs } = extracted;
  let lo = 0;
  let hi = runs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((runs[mid] as { offset: number }).offset <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? (runs[found] as { run: TextRun; offset: number }) : null;
}

/** The page range of a definition, or null when the text it was read from has changed. */
function rangeOf(extracted: Extracted, d: PageDefinition): StaticRange | null {
  const a = runAt(extracted, d.start);
  const b = runAt(extracted, Math.max(d.start, d.end - 1));
  if (!a || !b) return null;
  const start = locate(a.run, Math.min(d.start - a.offset, a.run.text.length));
  const end = locateEnd(b.run, Math.min(d.end - b.offset, b.run.text.length));
  if (!start.node.isConnected || !end.node.isConnected) return null;
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

/** Above this much page text (UTF-16 units), the page's own definitions are not read (see `read`). */
export const MAX_READ_CHARS = 300_000;

export function initPageGlossary(app: ContentApp): () => void {
  let glossary: PageGlossary | null = null;
  let extracted: Extracted | null = null;
  /** What the scanner's layers were last set for: whether unknown jargon is flagged, and the page's forms. */
  let layersKey = 'false\u0002';
  let settingLayers = false;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const pageLayer: Layer = { kind: 'page', find: (text) => glossary?.findTerms(text) ?? [] };
  const unknownLayer: Layer = { kind: 'unknown', find: (text) => glossary?.findUnknown(text) ?? [] };

  const read = () => {
    const body = document.body;
    if (!body) return;
    // Reading the page's definitions is one task: a walk of the whole body and the
    // extraction. bench:page measured it at 80 ms on a 1 MB page and 535 ms on 10 MB,
    // so on pages past MAX_READ_CHARS it is skipped; documents that define their own
    // terms are far smaller (the 四川 2025 report, with 50 entries, is 40k characters).
    // Unknown-jargon flags do not need the read and stay on.
    if (app.scanner.textSeen > MAX_READ_CHARS) {
      extracted = null;
      glossary = buildPageGlossary([], app.lookup);
      return;
    }
    extracted = extractText(body);
    glossary = buildPageGlossary(extractDefinitions(extracted.text), app.lookup);
  };

  const applyLayers = () => {
    if (!glossary || stopped) return;
    const flag = app.settings().flagUnknown;
    const key = `${flag}\u0002${glossary.signature}`;
    if (key === layersKey) return;
    layersKey = key;
    const layers: Layer[] = [app.termLayer];
    if (glossary.forms.length) layers.push(pageLayer);
    if (flag) layers.push(unknownLayer);
    settingLayers = true;
    void app.setLayers(layers).finally(() => {
      settingLayers = false;
    });
  };

  const reveal = (d: PageDefinition) => {
    let range = extracted ? rangeOf(extracted, d) : null;
    if (!range) {
      // The page changed since the definitions were read: read them again and find this one.
      read();
      const again = glossary?.definitions.find((x) => x.term === d.term && x.definition === d.definition);
      range = again && extracted ? rangeOf(extracted, again) : null;
    }
    if (!range) return;
    const el = range.startContainer.parentElement;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    el?.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    app.marks.only('flash', range);
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => app.marks.only('flash', null), FLASH_MS);
  };

  Object.assign(app.pageTerms, {
    definitionsFor: (form: string) => glossary?.definitionsFor(form) ?? [],
    reveal,
  });

  const refresh = () => {
    read();
    applyLayers();
  };
  let cancelIdle = whenIdle(refresh);

  const stopScanned = app.onScanned(() => {
    if (settingLayers) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      cancelIdle();
      cancelIdle = whenIdle(refresh);
    }, REFRESH_MS);
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
            const definitions = glossary?.definitions ?? [];
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
    clearTimeout(refreshTimer);
    clearTimeout(flashTimer);
    cancelIdle();
    Object.assign(app.pageTerms, { definitionsFor: () => [], reveal: () => {} });
  };
}
