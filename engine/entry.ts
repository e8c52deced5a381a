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

export interface CompiledGlossary {
  /** Bumped when the shape changes. */
  format: 1;
  entries: CompiledEntry[];
  /** Normalised surface forms, the matcher's patterns. */
  forms: string[];
  /** For each form, the indexes of the entries that claim it. */
  formEntries: number[][];
  /** Traditional → simplified code-unit pairs for the normaliser's table. */
  tradPairs: string;
  regions: RegionRow[];
  /** The matcher over `forms`, built at build time (see Matcher.toData). */
  matcher?: MatcherData;
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
