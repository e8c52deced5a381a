/**
 * The background's side of the content script's entry requests: the whole
 * compiled glossary, read from the extension's own file (the one the popup
 * reads) on the first request, and kept while the background lives.
 *
 * An answer carries the entries asked for and the entries they relate to,
 * so a card can show its related links without a second round trip.
 */
import glossaryUrl from '@/.generated/glossary.json?url';
import type { CompiledEntry, CompiledGlossary } from '@/engine/entry';

let byId: Promise<Map<string, CompiledEntry>> | undefined;

async function load(): Promise<Map<string, CompiledEntry>> {
  const response = await fetch(glossaryUrl);
  if (!response.ok) throw new Error(`policy-glossary: ${glossaryUrl}: ${response.status}`);
  const { entries } = (await response.json()) as CompiledGlossary;
  return new Map(entries.map((e) => [e.id, e]));
}

/** The entries with these ids (unknown ids are skipped) and those they relate to, each once. */
export async function entriesWithRelated(ids: readonly string[]): Promise<CompiledEntry[]> {
  byId ??= load().catch((e: unknown) => {
    byId = undefined;
    throw e;
  });
  const all = await byId;
  const out = new Map<string, CompiledEntry>();
  for (const id of ids) {
    const entry = all.get(id);
    if (!entry) continue;
    out.set(id, entry);
    for (const r of entry.related) {
      const related = all.get(r);
      if (related) out.set(r, related);
    }
  }
  return [...out.values()];
}
