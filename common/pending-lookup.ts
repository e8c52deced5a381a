/**
 * A lookup handed to the popup by the background: the context menu's
 * selection, or an entry the card asked to open. Session storage: the
 * selected text never reaches the disk, and it expires after a few seconds so
 * a later, unrelated opening of the popup starts empty.
 */
import { storage } from 'wxt/utils/storage';

export interface PendingLookup {
  query?: string;
  entryId?: string;
  /** The tab the lookup is about (for "On this page" and the site controls). */
  tabId?: number;
  url?: string;
  at: number;
}

const FRESH_MS = 15_000;

const item = storage.defineItem<PendingLookup | null>('session:pendingLookup', { fallback: null });

export function setPendingLookup(lookup: Omit<PendingLookup, 'at'>): Promise<void> {
  return item.setValue({ ...lookup, at: Date.now() });
}

function fresh(value: PendingLookup | null): PendingLookup | null {
  return value && Date.now() - value.at < FRESH_MS ? value : null;
}

/** The pending lookup, if recent; it is consumed. */
export async function takePendingLookup(): Promise<PendingLookup | null> {
  const value = fresh(await item.getValue());
  if (value) await item.removeValue();
  return value;
}

/** Calls `fn` when a lookup arrives while the popup is open (the background writes it as the popup opens). */
export function watchPendingLookup(fn: (lookup: PendingLookup) => void): () => void {
  return item.watch((value) => {
    const lookup = fresh(value);
    if (!lookup) return;
    void item.removeValue();
    fn(lookup);
  });
}
