/**
 * What the popup needs from the glossary: the entries (for result rows, the
 * entry view and the page list) and the prebuilt search index. Both are
 * parsed, never built: no matcher (the popup matches no page text) and no
 * search index construction at runtime.
 */
import raw from '@/.generated/glossary.json?raw';
import { loadSearcher } from '@/common/search-data';
import type { CompiledEntry, CompiledGlossary } from '@/engine/entry';
import type { Searcher } from '@/engine/search';

export interface PopupData {
  /** In search-index order: a search result's `index` is its entry's index here. */
  entries: CompiledEntry[];
  byId: Map<string, CompiledEntry>;
  searcher: Searcher;
}

let cached: PopupData | undefined;

export function loadPopupData(): PopupData {
  if (!cached) {
    const { entries } = JSON.parse(raw) as CompiledGlossary;
    cached = { entries, byId: new Map(entries.map((e) => [e.id, e])), searcher: loadSearcher() };
  }
  return cached;
}
