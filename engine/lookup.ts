/**
 * The loaded glossary: the matcher over its surface forms, the normaliser's
 * table, and what stands behind each match. Built once per context.
 *
 * Two shapes. `createMatching` loads the matching part only (forms, matcher,
 * entry heads: what the content script ships, engine/entry.ts's
 * MatchingGlossary); a match leads to the heads of its entries, enough to
 * rank and list them, and whole entries are fetched when shown.
 * `createLookup` loads the whole compiled glossary (the command line, the
 * benchmarks) and also gives the entries.
 *
 * Load time matters in the content script, which builds this on every page
 * before its code is warm. When the glossary carries the matcher prebuilt
 * (`matcher`, from `Matcher#toData` at build time), loading only copies
 * arrays; otherwise the matcher is built from `forms` here. `npm run bench`
 * measures both. The normaliser's table is built on first use: the matcher
 * carries its own folded copy, so matching never needs it.
 */
import { type CompiledEntry, type CompiledGlossary, type EntryHead, headOf, type MatchingGlossary } from './entry';
import { MATCHER_DATA_VERSION, Matcher, type MatcherData } from './matcher';
import { buildCharTable, type CharTable } from './normalize';

export interface Matching {
  glossary: MatchingGlossary;
  /** The normaliser's table (built on first use), for `normalize` and `normalizeForm`. */
  readonly table: CharTable;
  matcher: Matcher;
  /** The heads of the entries that claim the form a match found. */
  headsOf(pattern: number): EntryHead[];
}

export interface Lookup extends Matching {
  entries: CompiledEntry[];
  byId: Map<string, CompiledEntry>;
  /** The entries that claim the form a match found. */
  entriesOf(pattern: number): CompiledEntry[];
}

/** A compiled glossary that may carry its matcher prebuilt. */
export type GlossaryWithMatcher = CompiledGlossary & { matcher?: MatcherData };

export function createMatching(glossary: MatchingGlossary): Matching {
  let table: CharTable | undefined;
  const tableOf = () => {
    table ??= buildCharTable(glossary.tradPairs);
    return table;
  };
  const prebuilt = glossary.matcher;
  const matcher =
    prebuilt && isCurrent(prebuilt, glossary) ? new Matcher(prebuilt) : new Matcher(glossary.forms, tableOf());
  return {
    glossary,
    get table() {
      return tableOf();
    },
    matcher,
    headsOf: (pattern) => (glossary.formEntries[pattern] ?? []).map((i) => glossary.heads[i] as EntryHead),
  };
}

export function createLookup(glossary: GlossaryWithMatcher): Lookup {
  const { entries, ...rest } = glossary;
  const matching = createMatching({ ...rest, heads: entries.map(headOf) });
  return Object.assign(matching, {
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    entriesOf: (pattern: number) => (glossary.formEntries[pattern] ?? []).map((i) => entries[i] as CompiledEntry),
  });
}

/** Prebuilt data from another build (another layout, other forms) is ignored, not trusted. */
function isCurrent(data: MatcherData, glossary: MatchingGlossary): boolean {
  return data.version === MATCHER_DATA_VERSION && data.size === glossary.forms.length;
}
