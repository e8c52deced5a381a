/**
 * The compiled glossary, bundled into each context that needs it. Imported
 * as a string and parsed once: JSON.parse is faster than evaluating the same
 * data as a JavaScript literal.
 */
import raw from '@/.generated/glossary.json?raw';
import type { CompiledGlossary } from '@/engine/entry';
import { createLookup, type Lookup } from '@/engine/lookup';

let cached: Lookup | undefined;

export function loadLookup(): Lookup {
  cached ??= createLookup(JSON.parse(raw) as CompiledGlossary);
  return cached;
}
