/**
 * The loaded glossary: the matcher over its surface forms, the normaliser's
 * table, and the entries behind each match. Built once per context (content
 * script, popup, command line).
 *
 * Load time matters in the content script, which builds this on every page
 * before its code is warm. When the compiled glossary carries the matcher
 * prebuilt (`matcher`, from `Matcher#toData` at build time), loading only
 * copies arrays; otherwise the matcher is built from `forms` here.
 * `npm run bench` measures both. The normaliser's table is built on first
 * use: the matcher carries its own folded copy, so matching never needs it.
 */
import type { CompiledEntry, CompiledGlossary } from './entry';
import { MATCHER_DATA_VERSION, Matcher, type MatcherData } from './matcher';
import { buildCharTable, type CharTable } from './normalize';

export interface Lookup {
  glossary: CompiledGlossary;
  /** The normaliser's table (built on first use), for `normalize` and `normalizeForm`. */
  readonly table: CharTable;
  matcher: Matcher;
  byId: Map<string, CompiledEntry>;
  /** The entries that claim the form a match found. */
  entriesOf(pattern: number): CompiledEntry[];
}

/** A compiled glossary that may carry its matcher prebuilt. */
export type GlossaryWithMatcher = CompiledGlossary & { matcher?: MatcherData };

export function createLookup(glossary: GlossaryWithMatcher): Lookup {
  let table: CharTable | undefined;
  const tableOf = () => {
    table ??= buildCharTable(glossary.tradPairs);
    return table;
  };
  const prebuilt = glossary.matcher;
  const matcher =
    prebuilt && isCurrent(prebuilt, glossary) ? new Matcher(prebuilt) : new Matcher(glossary.forms, tableOf());
  const byId = new Map(glossary.entries.map((e) => [e.id, e]));
  return {
    glossary,
    get table() {
      return tableOf();
    },
    matcher,
    byId,
    entriesOf: (pattern) => (glossary.formEntries[pattern] ?? []).map((i) => glossary.entries[i] as CompiledEntry),
  };
}

/** Prebuilt data from another build (another layout, other forms) is ignored, not trusted. */
function isCurrent(data: MatcherData, glossary: CompiledGlossary): boolean {
  return data.version === MATCHER_DATA_VERSION && data.size === glossary.forms.length;
}
