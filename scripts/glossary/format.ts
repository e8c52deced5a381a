/** The canonical YAML rendering of a data file: entries sorted by id, keys in schema order. */
import { Document, isMap, isSeq, visit } from 'yaml';
import type { SourceEntry } from '../../engine/glossary-schema';

const KEY_ORDER = [
  'id',
  'term',
  'variants',
  'pinyin',
  'english',
  'definition',
  'explanation',
  'parts',
  'scope',
  'sources',
  'origin',
  'related',
  'topic',
  'status',
  'years',
] as const;
const SOURCE_ORDER = ['title', 'issuer', 'date', 'url', 'quote', 'note'] as const;
const ENGLISH_ORDER = ['text', 'by', 'source'] as const;
/** Lists of short strings stay on one line. */
const FLOW_KEYS = new Set(['variants', 'parts', 'related', 'scope']);

function ordered<T extends object>(obj: T, order: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of order)
    if ((obj as Record<string, unknown>)[k] !== undefined) out[k] = (obj as Record<string, unknown>)[k];
  return out as T;
}

export function canonicalEntry(e: SourceEntry): SourceEntry {
  const o = ordered(e, KEY_ORDER);
  o.english = ordered(e.english, ENGLISH_ORDER);
  o.sources = e.sources.map((s) => ordered(s, SOURCE_ORDER));
  o.scope = ordered(e.scope, ['level', 'region']);
  return o;
}

export function formatFile(entries: readonly SourceEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(canonicalEntry);
  const doc = new Document(sorted);
  visit(doc, {
    Pair(_, pair) {
      const key = (pair.key as { value?: unknown })?.value;
      if (typeof key === 'string' && FLOW_KEYS.has(key) && (isSeq(pair.value) || isMap(pair.value))) {
        pair.value.flow = true;
      }
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: true });
}
