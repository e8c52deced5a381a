/**
 * What the build compiles the glossary into, and what every runtime part
 * (engine, page, card, popup) loads. Produced by `scripts/glossary/compile.ts`.
 */
import type { English, Level, RegionRow, Scope, Source } from './glossary-schema';
import type { MatcherData } from './matcher';

export interface CompiledEntry {
  id: string;
  term: string;
  /** Written forms other than `term`, including generated traditional ones. */
  variants: string[];
  /** Toned pinyin, syllables separated by spaces: sān gāo sì xīn. */
  pinyin: string;
  english: English;
  definition: string;
  /** The source whose text `definition` quotes verbatim, if any (index into `sources`). */
  quoted: number | null;
  explanation: string;
  parts: string[];
  scope: Scope;
  sources: Source[];
  origin?: string;
  related: string[];
  topic: string;
  status: 'current' | 'retired';
  years?: string;
}

/**
 * What ranking and listing read of an entry, without its text: the content
 * script carries these for every entry and fetches whole entries only when
 * a card or an export needs them (content/entries.ts).
 */
export interface EntryHead {
  id: string;
  scope: Scope;
  status: CompiledEntry['status'];
  /** The date of its newest source (ISO). */
  newest: string;
}

/** The head of an entry. */
export function headOf(entry: CompiledEntry): EntryHead {
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as strings; Math.max would make them NaN.
  const newest = entry.sources.reduce((max, s) => (s.date > max ? s.date : max), '');
  return { id: entry.id, scope: entry.scope, status: entry.status, newest };
}

/**
 * The part of the compiled glossary that finding terms needs: the matcher's
 * forms (and the matcher, prebuilt), which entries claim each form, and the
 * entries' heads. The content script bundles this (.generated/matching.json,
 * about a tenth of the whole glossary), so the script every page loads stays
 * small and quick to start.
 */
export interface MatchingGlossary {
  /** Bumped when the shape changes. */
  format: 1;
  /** Normalised surface forms, the matcher's patterns. */
  forms: string[];
  /** For each form, the indexes of the entries that claim it. */
  formEntries: number[][];
  /** Traditional → simplified code-unit pairs for the normaliser's table. */
  tradPairs: string;
  regions: RegionRow[];
  /** The matcher over `forms`, built at build time (see Matcher.toData). */
  matcher?: MatcherData;
  /** The head of each entry, in the order `formEntries` indexes. */
  heads: EntryHead[];
}

/** The whole compiled glossary: what matching needs and the entries themselves, in `heads` order. */
export interface CompiledGlossary extends Omit<MatchingGlossary, 'heads'> {
  entries: CompiledEntry[];
}

/** The matching part of a compiled glossary. */
export function matchingPart(glossary: CompiledGlossary): MatchingGlossary {
  const { entries, ...rest } = glossary;
  return { ...rest, heads: entries.map(headOf) };
}

/** A definition the page itself gives (its 名词解释 section, a note, an inline explanation). */
export interface PageDefinition {
  term: string;
  definition: string;
  kind: 'section' | 'note' | 'inline';
  /** Offsets of the definition in the text it was extracted from. */
  start: number;
  end: number;
}

export type { English, Level, RegionRow, Scope, Source };
