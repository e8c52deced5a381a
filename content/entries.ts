/**
 * Whole entries in the content script, fetched from the background as they
 * are needed (a card opens, the popup exports the page's glossary) and kept
 * for the page's life. The content script ships only what matching needs
 * (common/glossary-data.ts): parsing every entry's text on every page load
 * was most of its start-up task.
 *
 * Each answer also carries the entries the asked ones relate to, so a card's
 * related links are there when it draws. The card asks as soon as the
 * pointer rests on a term (content/card.ts), so the answer is usually in
 * before the hover delay is over.
 */
import { MAX_ENTRIES_ASKED, sendToExtension } from '@/common/messages';
import type { CompiledEntry } from '@/engine/entry';

export interface EntryStore {
  /** An entry fetched before, or undefined. */
  get(id: string): CompiledEntry | undefined;
  /**
   * Fetches the entries not here yet (and those they relate to). Resolves
   * when all are here; rejects when the background cannot answer (the
   * extension was updated or removed under the page).
   */
  load(ids: readonly string[]): Promise<void>;
}

export type FetchEntries = (ids: string[]) => Promise<CompiledEntry[]>;

const fromBackground: FetchEntries = async (ids) => (await sendToExtension('entries', { ids })).entries;

export function createEntryStore(fetchEntries: FetchEntries = fromBackground): EntryStore {
  const entries = new Map<string, CompiledEntry>();
  /** Requests on their way, by each id they ask for. */
  const pending = new Map<string, Promise<void>>();

  const request = (ids: string[]): Promise<void> => {
    const done = fetchEntries(ids).then(
      (got) => {
        for (const e of got) entries.set(e.id, e);
        for (const id of ids) pending.delete(id);
      },
      (e: unknown) => {
        for (const id of ids) pending.delete(id);
        throw e;
      },
    );
    for (const id of ids) pending.set(id, done);
    return done;
  };

  return {
    get: (id) => entries.get(id),
    load: async (ids) => {
      const waits = new Set<Promise<void>>();
      const missing: string[] = [];
      for (const id of new Set(ids)) {
        if (entries.has(id)) continue;
        const on = pending.get(id);
        if (on) waits.add(on);
        else missing.push(id);
      }
      for (let i = 0; i < missing.length; i += MAX_ENTRIES_ASKED)
        waits.add(request(missing.slice(i, i + MAX_ENTRIES_ASKED)));
      await Promise.all(waits);
    },
  };
}
