/**
 * What the popup needs from the glossary, in two extension files (`?url`: the
 * build emits them beside the popup), fetched from the extension itself, a
 * file read that never touches the network, and parsed, never built (no
 * matcher, no search-index construction at runtime):
 * - the search data (common/search-data.ts): the prebuilt index and, per
 *   entry, what a result row shows. Results need nothing else.
 * - the glossary: whole entries, for the entry view and "On this page".
 *
 * In order, so the box is on screen and takes typing first: the search file
 * is read while the popup's code loads (popup.html preloads it; `read` gets
 * the preloaded bytes), the glossary file after it (`prefetchPopupData`, at
 * the first render); the search data is parsed after the first paint
 * (`popupSearch` is called from an effect, which runs after it), and its
 * searcher made at the first query or idle moment; the glossary is parsed at
 * the next idle moment after that. scripts/bench-popup.ts measures it.
 */
import glossaryUrl from '@/.generated/glossary.json?url';
import searchIndexUrl from '@/.generated/search-index.json?url';
import { type SearchData, searchDataFrom } from '@/common/search-data';
import type { CompiledEntry, CompiledGlossary } from '@/engine/entry';

export interface PopupGlossary {
  entries: CompiledEntry[];
  byId: Map<string, CompiledEntry>;
}

/** Longest wait for an idle moment before deferred work runs anyway. */
const IDLE_TIMEOUT_MS = 100;

let reads: { search: Promise<ArrayBuffer>; glossary: Promise<ArrayBuffer> } | undefined;
let search: Promise<SearchData> | undefined;
let glossary: Promise<PopupGlossary> | undefined;

/**
 * The file's bytes. Not its text: decoding is main-thread work, left for after the first paint.
 * A plain same-origin fetch (mode cors, credentials same-origin), as the preload in popup.html
 * asks for (crossorigin="anonymous"): otherwise the preloaded response would not be reused.
 */
async function read(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`policy-glossary: ${url}: ${response.status}`);
  return response.arrayBuffer();
}

function parse<T>(bytes: ArrayBuffer): T {
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 0);
  });
}

function startReads(): NonNullable<typeof reads> {
  if (!reads) {
    const search = read(searchIndexUrl);
    // One file at a time: read together, both arrive later (measured: scripts/bench-popup.ts).
    reads = { search, glossary: search.then(() => read(glossaryUrl)) };
  }
  return reads;
}

/** Starts reading the files (once). Cheap: the bytes arrive while the popup renders. */
export function prefetchPopupData(): void {
  startReads();
}

/** The search data, once per popup. Call it after the first paint. */
export function popupSearch(): Promise<SearchData> {
  search ??= (async () => {
    const data = searchDataFrom(parse(await startReads().search));
    void idle().then(data.searcher.warm);
    return data;
  })();
  return search;
}

/** The whole glossary, once per popup: after the search data, at an idle moment. */
export function popupGlossary(): Promise<PopupGlossary> {
  glossary ??= (async () => {
    await popupSearch();
    const bytes = await startReads().glossary;
    await idle();
    const { entries } = parse<CompiledGlossary>(bytes);
    return { entries, byId: new Map(entries.map((e) => [e.id, e])) };
  })();
  return glossary;
}
