/**
 * The matching part of the compiled glossary (forms, prebuilt matcher, entry
 * heads: engine/entry.ts's MatchingGlossary), bundled into the content
 * script. Imported as a string and parsed once: JSON.parse is faster than
 * evaluating the same data as a JavaScript literal. Whole entries are not
 * here: the content script asks the background for them (content/entries.ts).
 */
import raw from '@/.generated/matching.json?raw';
import type { MatchingGlossary } from '@/engine/entry';
import { createMatching, type Matching } from '@/engine/lookup';

let cached: Matching | undefined;

export function loadMatching(): Matching {
  cached ??= createMatching(JSON.parse(raw) as MatchingGlossary);
  return cached;
}
