/**
 * The popup's lookup: whatever the user types (characters, toned or toneless
 * pinyin, initials, English) → glossary entries, best first.
 *
 * Plain fuse.js over every field costs 90–110 ms per keystroke for multi-word
 * queries at 2,000 entries (shared/ANCHORS.md), far over a 16 ms frame. So
 * fuse is the last resort, not the first:
 *   1. a linear scan of short precomputed forms finds exact, prefix and
 *      substring hits (string compares, well under a millisecond);
 *   2. fuse runs only when those leave room in the result list, and then over
 *      one short field per kind of query (characters, or pinyin and English),
 *      never over the definition, so its cost stays small.
 * Fast hits always rank above fuzzy ones: a typo-tolerant match is a guess,
 * an exact or prefix hit is what the user typed.
 *
 * Pure TypeScript: runs in the build (Node) and in the popup.
 */
import Fuse, { type FuseResult, type FuseResultMatch } from 'fuse.js';
import type { CompiledEntry, Scope } from './entry';

/** What the popup searches for one entry; the build ships these next to the fuse index. */
export interface SearchDoc {
  term: string;
  variants: string[];
  /** Toned pinyin, as in the entry: sān gāo sì xīn. */
  pinyin: string;
  /** Toneless, ü as u, syllables spaced: san gao si xin. */
  pinyinPlain: string;
  /** pinyinPlain without spaces: sangaosixin. */
  pinyinJoined: string;
  /** First letter of each syllable: sgsx. */
  initials: string;
  english: string;
  /** The first 120 characters of the definition. */
  definition: string;
  /** Term, then variants, folded (see `compactForm`); `compact[0]` is always the term's. */
  compact: string[];
}

/**
 * What the searcher reads of a doc at runtime (the variants are folded into
 * `compact`, the toned pinyin into `pinyinJoined`; only the benchmarks' full
 * index reads them as such).
 */
export type SearcherDoc = Pick<
  SearchDoc,
  'term' | 'pinyinPlain' | 'pinyinJoined' | 'initials' | 'english' | 'definition' | 'compact'
>;

/**
 * What the build ships to the popup per entry: what the searcher reads, and
 * what a result row shows besides (the entry's id, toned pinyin and scope),
 * so results can be listed before the whole glossary is parsed.
 */
export interface ShippedSearchDoc extends SearcherDoc {
  id: string;
  pinyin: string;
  scope: Scope;
}

export type SearchField = 'term' | 'variants' | 'pinyin' | 'initials' | 'english' | 'definition';

export interface SearchResult {
  /** Index of the entry (the same as the doc's index). */
  index: number;
  /** Lower is better; fast-path hits are below 0.4, fuzzy ones at or above it. */
  score: number;
  /** The field the best match was in. */
  field: SearchField;
  /** [start, end) ranges in the entry's term; [] when the match was not in the term. */
  highlight: Array<[number, number]>;
}

export interface Searcher {
  search(query: string, limit?: number): SearchResult[];
}

/** Fuse keys of the prebuilt index: the written forms weigh most, the definition least. */
export const SEARCH_KEYS = [
  { name: 'term', weight: 3 },
  { name: 'variants', weight: 3 },
  { name: 'compact', weight: 3 },
  { name: 'pinyinJoined', weight: 2 },
  { name: 'pinyinPlain', weight: 1.5 },
  { name: 'pinyin', weight: 1 },
  { name: 'initials', weight: 1.5 },
  { name: 'english', weight: 1.5 },
  { name: 'definition', weight: 0.5 },
] as const satisfies ReadonlyArray<{ name: keyof SearchDoc; weight: number }>;

/** Fuse options shared by the fuzzy stage and the benchmark's baseline. */
export const FUSE_OPTIONS = {
  threshold: 0.35,
  ignoreLocation: true,
  includeMatches: true,
  includeScore: true,
} as const;

const MAX_QUERY = 200;
const DEFINITION_CHARS = 120;
/** Bitap's pattern limit: longer patterns are split and cost a multiple, and cannot fit short fields anyway. */
const MAX_FUZZY_PATTERN = 32;
/** Records handed to fuse per key and keystroke; see `candidates`. */
const MAX_FUZZY_CANDIDATES = 100;
/** At threshold 0.35 a 1–2 character pattern allows no error, so fuse adds nothing the fast paths lack. */
const MIN_FUZZY_PATTERN = 3;

// ---------------------------------------------------------------------------
// Folding

/** Punctuation (quotes, 、, ·), symbols, spaces, controls and lone surrogates. */
const DROPPED = /[\p{P}\p{S}\p{Z}\p{C}]/gu;
const HAN = /\p{Script=Han}/u;
const MARKS = /\p{M}/gu;

/** One code point as the compact forms hold it: NFKC (full-width → ASCII), lower case, punctuation gone. */
function foldCodePoint(cp: string): string {
  return cp.normalize('NFKC').toLowerCase().replace(DROPPED, '');
}

/** 专精特新“小巨人”企业 → 专精特新小巨人企业; 双随机、一公开 → 双随机一公开. */
export function compactForm(text: string): string {
  let out = '';
  for (const cp of text) out += foldCodePoint(cp);
  return out;
}

/** Lower case without tones or width: liǎng → liang, lǜ → lu, ｓｇ → sg. */
function toneless(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** Syllables of toned pinyin, toneless, punctuation dropped: “ sì shàng ” qǐ yè → [si, shang, qi, ye]. */
function syllables(pinyin: string): string[] {
  const out: string[] = [];
  for (const token of toneless(pinyin).split(/\s+/)) {
    const s = token.replace(/[^a-z0-9]/g, '');
    if (s) out.push(s);
  }
  return out;
}

/** English as word runs: "Belt and Road Initiative" → "belt and road initiative". */
function wordForm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Build time

export function toSearchDoc(entry: CompiledEntry): SearchDoc {
  const sylls = syllables(entry.pinyin);
  const termCompact = compactForm(entry.term);
  const others = entry.variants.map(compactForm).filter((c) => c && c !== termCompact);
  return {
    term: entry.term,
    variants: [...entry.variants],
    pinyin: entry.pinyin,
    pinyinPlain: sylls.join(' '),
    pinyinJoined: sylls.join(''),
    initials: sylls.map((s) => s[0]).join(''),
    english: entry.english.text,
    definition: Array.from(entry.definition).slice(0, DEFINITION_CHARS).join(''),
    compact: [termCompact, ...new Set(others)],
  };
}

/**
 * The docs and fuse's index over every key (`FuseIndex.toJSON()`): the
 * benchmarks' baseline, plain fuse.js over all of SEARCH_KEYS.
 */
export function buildSearchIndex(entries: readonly CompiledEntry[]): { docs: SearchDoc[]; index: unknown } {
  const docs = entries.map(toSearchDoc);
  const index = Fuse.createIndex<SearchDoc>([...SEARCH_KEYS], docs).toJSON();
  return { docs, index };
}

/**
 * What the build ships to the popup: the docs (ShippedSearchDoc), and fuse's
 * index over the three keys the fuzzy stage reads (FUZZY_KEYS), built here
 * so the popup only parses it. Each key's records are the same as in the full
 * index (a record's norm depends on its own text only), at about a third of
 * the size.
 */
export function buildShippedSearchIndex(entries: readonly CompiledEntry[]): {
  docs: ShippedSearchDoc[];
  index: unknown;
} {
  const docs = entries.map((entry): ShippedSearchDoc => {
    const { term, pinyin, pinyinPlain, pinyinJoined, initials, english, definition, compact } = toSearchDoc(entry);
    const { level, region } = entry.scope;
    return {
      id: entry.id,
      term,
      pinyin,
      scope: { level, region },
      pinyinPlain,
      pinyinJoined,
      initials,
      english,
      definition,
      compact,
    };
  });
  const keys = SEARCH_KEYS.filter((k) => (FUZZY_KEYS as readonly string[]).includes(k.name));
  const index = Fuse.createIndex<SearcherDoc>([...keys], docs).toJSON();
  return { docs, index };
}

// ---------------------------------------------------------------------------
// Runtime docs

/** A doc plus what the fast paths and the highlighter need, derived once when the searcher is made. */
interface RuntimeDoc {
  term: string;
  compact: string[];
  pinyinJoined: string;
  /** Offset in `pinyinJoined` where each syllable starts. */
  syllableStarts: number[];
  initials: string;
  englishWords: string;
  /** The definition as shipped; `definitionFolded` is made from it when a query first needs it. */
  definition: string;
  /** Lazily: the definition folded like the compact forms (most queries never look at definitions). */
  definitionFolded?: string;
  /** Lazily: for each unit of compact[0], the [start, end) in the term it came from. */
  termUnits?: Array<[number, number]>;
  /** Lazily: the term's [start, end) per syllable, or null when they do not line up with the pinyin. */
  syllableSpans?: Array<[number, number]> | null;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Docs arrive as JSON from the extension bundle; a malformed one degrades to empty fields instead of throwing. */
function toRuntimeDoc(doc: SearcherDoc): RuntimeDoc {
  const sylls = str(doc.pinyinPlain).split(' ').filter(Boolean);
  const syllableStarts: number[] = [];
  let at = 0;
  for (const s of sylls) {
    syllableStarts.push(at);
    at += s.length;
  }
  const compact = strings(doc.compact);
  return {
    term: str(doc.term),
    compact: compact.length ? compact : [compactForm(str(doc.term))],
    pinyinJoined: str(doc.pinyinJoined),
    syllableStarts,
    initials: str(doc.initials),
    englishWords: wordForm(str(doc.english)),
    definition: str(doc.definition),
  };
}

// ---------------------------------------------------------------------------
// Queries

interface Query {
  /** Folded like the compact forms. */
  compact: string;
  /** Toneless pinyin, spaces dropped, v read as ü (= u): "" when the query has no Latin letter. */
  pinyin: string;
  /** Word runs, for English. */
  words: string;
  hasHan: boolean;
}

function parseQuery(raw: string): Query {
  const text = raw.slice(0, MAX_QUERY).trim();
  const latin = toneless(text)
    .replace(/v/g, 'u')
    .replace(/[^a-z0-9]/g, '');
  return {
    compact: compactForm(text),
    pinyin: /[a-z]/.test(latin) ? latin : '',
    words: wordForm(text),
    hasHan: HAN.test(text),
  };
}

// ---------------------------------------------------------------------------
// Fast paths

/** A match before it becomes a result; `ranges` are [start, end) in the matched field's own text. */
interface Hit {
  index: number;
  score: number;
  field: SearchField;
  /** Which compact form matched (0 = the term), for term/variant hits. */
  form: number;
  ranges: Array<[number, number]>;
}

const TIER = { exact: 0, prefix: 0.1, substring: 0.2, definition: 0.3, fuzzy: 0.4 } as const;
type Tier = keyof typeof TIER;
/** Within a tier, a hit on the written form beats one on its pinyin, which beats initials and English. */
const FIELD_PENALTY: Record<SearchField, number> = {
  term: 0,
  variants: 0.01,
  pinyin: 0.02,
  initials: 0.03,
  english: 0.03,
  definition: 0,
};

/** Tier, then field, then how much of the field the query covers (四上 before 四上企业 before 四上企业名录). */
function fastScore(tier: Tier, field: SearchField, queryLength: number, fieldLength: number): number {
  const uncovered = 1 - queryLength / Math.max(queryLength, fieldLength, 1);
  return TIER[tier] + FIELD_PENALTY[field] + 0.05 * uncovered;
}

function keepBetter(best: Hit | null, hit: Hit | null): Hit | null {
  return hit && (!best || hit.score < best.score) ? hit : best;
}

/** Exact, prefix or (when allowed) substring match of `q` in `text`, as a tier and offset. */
function locate(text: string, q: string, substring: boolean): { tier: Tier; at: number } | null {
  if (text === q) return { tier: 'exact', at: 0 };
  if (text.startsWith(q)) return { tier: 'prefix', at: 0 };
  if (!substring) return null;
  const at = text.indexOf(q);
  return at >= 0 ? { tier: 'substring', at } : null;
}

function compactHit(doc: RuntimeDoc, index: number, q: string): Hit | null {
  let best: Hit | null = null;
  doc.compact.forEach((form, k) => {
    const found = locate(form, q, true);
    if (!found) return;
    const field: SearchField = k === 0 ? 'term' : 'variants';
    const score = fastScore(found.tier, field, q.length, form.length);
    best = keepBetter(best, { index, score, field, form: k, ranges: [[found.at, found.at + q.length]] });
  });
  return best;
}

/** Pinyin substrings count only from a syllable start: "gequeli" finds 两个确立, "angge" finds nothing. */
function syllableIndexOf(doc: RuntimeDoc, q: string): number {
  for (let at = doc.pinyinJoined.indexOf(q, 1); at >= 0; at = doc.pinyinJoined.indexOf(q, at + 1)) {
    if (doc.syllableStarts.includes(at)) return at;
  }
  return -1;
}

function pinyinHit(doc: RuntimeDoc, index: number, q: string): Hit | null {
  const text = doc.pinyinJoined;
  let found = locate(text, q, false);
  if (!found) {
    const at = syllableIndexOf(doc, q);
    found = at >= 0 ? { tier: 'substring', at } : null;
  }
  if (!found) return null;
  const score = fastScore(found.tier, 'pinyin', q.length, text.length);
  return { index, score, field: 'pinyin', form: 0, ranges: [[found.at, found.at + q.length]] };
}

function initialsHit(doc: RuntimeDoc, index: number, q: string): Hit | null {
  const found = locate(doc.initials, q, false);
  if (!found) return null;
  const score = fastScore(found.tier, 'initials', q.length, doc.initials.length);
  return { index, score, field: 'initials', form: 0, ranges: [[0, q.length]] };
}

/** English matches at word starts: "belt and road" in "belt and road initiative", "road" too, "oad" not. */
function englishHit(doc: RuntimeDoc, index: number, q: string): Hit | null {
  const text = doc.englishWords;
  let found = locate(text, q, false);
  if (!found && text.includes(` ${q}`)) found = { tier: 'substring', at: 0 };
  if (!found) return null;
  return {
    index,
    score: fastScore(found.tier, 'english', q.length, text.length),
    field: 'english',
    form: 0,
    ranges: [],
  };
}

/** The definition is long and wordy: a hit there ranks below every hit on a name. */
function definitionHit(doc: RuntimeDoc, index: number, q: string): Hit | null {
  // One whole-string pass: per-character folding (needed only for highlight offsets) is 10× slower here.
  doc.definitionFolded ??= doc.definition.normalize('NFKC').toLowerCase().replace(DROPPED, '');
  if (!doc.definitionFolded.includes(q)) return null;
  return { index, score: TIER.definition, field: 'definition', form: 0, ranges: [] };
}

function fastHit(doc: RuntimeDoc, index: number, q: Query): Hit | null {
  let best: Hit | null = q.compact ? compactHit(doc, index, q.compact) : null;
  if (q.pinyin) {
    best = keepBetter(best, pinyinHit(doc, index, q.pinyin));
    best = keepBetter(best, initialsHit(doc, index, q.pinyin));
  }
  // Han text never occurs in the English, and one character occurs in half the definitions.
  if (q.words && !q.hasHan) best = keepBetter(best, englishHit(doc, index, q.words));
  if (q.hasHan && q.compact.length >= 2 && !best) best = definitionHit(doc, index, q.compact);
  return best;
}

// ---------------------------------------------------------------------------
// Fuzzy stage

/** The keys the fuzzy stage searches: the only index columns read at runtime. */
export const FUZZY_KEYS = ['compact', 'pinyinJoined', 'english'] as const;
type FuzzyKey = (typeof FUZZY_KEYS)[number];
type IndexJson = Parameters<typeof Fuse.parseIndex>[0];
type KeyJson = IndexJson['keys'][number];
type IndexRecord = IndexJson['records'][number];

/**
 * One fuzzy-searched key: its records cut from the prebuilt index (text and
 * field-length norm, so nothing is recomputed per query), and two prefilters
 * over them: a 32-bit set of the characters in each record, and for each
 * character bigram the records that contain it.
 */
interface FuzzyField {
  key: FuzzyKey;
  keyJson: KeyJson;
  records: IndexRecord[];
  charSets: Uint32Array;
  bigrams: Map<number, number[]>;
}

function isIndexJson(value: unknown): value is IndexJson {
  if (typeof value !== 'object' || value === null) return false;
  const { keys, records } = value as { keys?: unknown; records?: unknown };
  return Array.isArray(keys) && Array.isArray(records);
}

/** The key's column of the index JSON, as a one-key index; rebuilt from the docs if the JSON lacks it. */
function singleKeyJson(json: unknown, key: FuzzyKey, docs: readonly SearcherDoc[]): IndexJson {
  const pos = isIndexJson(json) ? json.keys.findIndex((k) => k?.id === key) : -1;
  const keyJson = isIndexJson(json) ? json.keys[pos] : undefined;
  if (!isIndexJson(json) || !keyJson) return Fuse.createIndex<SearcherDoc>([key], docs).toJSON() as IndexJson;
  const records: IndexRecord[] = [];
  for (const record of json.records) {
    const value = typeof record === 'object' && record !== null ? record.$?.[pos] : undefined;
    if (value !== undefined && Number.isInteger(record.i) && record.i >= 0 && record.i < docs.length) {
      records.push({ i: record.i, $: { 0: value } });
    }
  }
  return { keys: [{ ...keyJson, weight: 1 }], records };
}

/** Bit for one UTF-16 unit: a–z get their own bits, everything else is hashed into the 32. */
function charBit(code: number): number {
  const slot = code >= 0x61 && code <= 0x7a ? code - 0x61 : Math.imul(code, 0x9e3779b1) >>> 27;
  return 1 << slot;
}

function charSet(text: string): number {
  let set = 0;
  for (let i = 0; i < text.length; i++) set |= charBit(text.charCodeAt(i));
  return set;
}

function bigramAt(text: string, i: number): number {
  return text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);
}

function recordTexts(record: IndexRecord): string[] {
  const value = record.$?.[0];
  // Lower-cased because fuse compares case-insensitively.
  if (Array.isArray(value)) return value.map((v) => str(v?.v).toLowerCase());
  return [str(value?.v).toLowerCase()];
}

function fuzzyField(json: unknown, key: FuzzyKey, docs: readonly SearcherDoc[]): FuzzyField {
  const { keys, records } = singleKeyJson(json, key, docs);
  const charSets = new Uint32Array(records.length);
  const bigrams = new Map<number, number[]>();
  records.forEach((record, r) => {
    for (const text of recordTexts(record)) {
      charSets[r] = (charSets[r] as number) | charSet(text);
      for (let i = 0; i + 1 < text.length; i++) {
        const list = bigrams.get(bigramAt(text, i)) ?? [];
        if (list[list.length - 1] !== r) list.push(r);
        bigrams.set(bigramAt(text, i), list);
      }
    }
  });
  return { key, keyJson: keys[0] as KeyJson, records, charSets, bigrams };
}

/** How many of the pattern's bigram positions each record contains somewhere. */
function bigramCounts(field: FuzzyField, pattern: string): Uint8Array {
  const counts = new Uint8Array(field.records.length);
  for (let i = 0; i + 1 < pattern.length; i++) {
    for (const r of field.bigrams.get(bigramAt(pattern, i)) ?? []) counts[r] = (counts[r] as number) + 1;
  }
  return counts;
}

/**
 * Records that could match `pattern` within fuse's threshold, then at most
 * `MAX_FUZZY_CANDIDATES` of them, those sharing the most bigrams first.
 *
 * The filters are sound (hash collisions and loose counting only let extra
 * records through). Bitap allows at most floor(threshold × length) edits, k:
 * - every pattern character absent from a text costs an edit, so at most k may be absent;
 * - every edit destroys at most two of the pattern's bigrams (the q-gram
 *   lemma), so at least (length − 1) − 2k of them must occur in the text.
 * The cap is not: it bounds the work per keystroke, because pinyin shares
 * bigrams so widely (ng, an, ia) that a 12-letter query keeps ~600 of 2,000
 * records. The fewest-error matches keep the most bigrams, so they are the
 * ones that stay.
 */
function candidates(field: FuzzyField, pattern: string): IndexRecord[] {
  const lower = pattern.toLowerCase(); // what fuse's bitap actually runs, unit by unit
  const allowed = Math.floor(FUSE_OPTIONS.threshold * lower.length + 1e-9);
  const needBigrams = Math.max(0, lower.length - 1 - 2 * allowed);
  const counts = bigramCounts(field, lower);
  const bits: number[] = [];
  for (let i = 0; i < lower.length; i++) bits.push(charBit(lower.charCodeAt(i)));
  // Bucketed by shared bigrams (at most 31), so the cap takes the best without a sort.
  const buckets: IndexRecord[][] = Array.from({ length: MAX_FUZZY_PATTERN }, () => []);
  field.records.forEach((record, r) => {
    const count = counts[r] as number;
    if (count < needBigrams) return;
    const set = field.charSets[r] as number;
    let missing = 0;
    for (const bit of bits) if (!(set & bit) && ++missing > allowed) return;
    buckets[count]?.push(record);
  });
  return buckets.reverse().flat().slice(0, MAX_FUZZY_CANDIDATES);
}

/** Fuse over the candidates only: a throwaway index of the prebuilt records, no re-indexing. */
function fuzzySearch(field: FuzzyField, docs: readonly SearcherDoc[], pattern: string, limit: number) {
  const records = candidates(field, pattern);
  if (!records.length) return [];
  const index = Fuse.parseIndex<SearcherDoc>({ keys: [field.keyJson], records });
  return new Fuse<SearcherDoc>(docs, { ...FUSE_OPTIONS, keys: [field.key] }, index).search(pattern, { limit });
}

/** Fuse's inclusive [start, end] index pairs → [start, end). */
function fuseRanges(match: FuseResultMatch | undefined): Array<[number, number]> {
  return (match?.indices ?? []).map(([a, b]) => [a, b + 1]);
}

function fuzzyHit(result: FuseResult<SearcherDoc>, key: FuzzyKey): Hit {
  const score = TIER.fuzzy + 0.5 * (result.score ?? 1);
  const matches = result.matches ?? [];
  if (key === 'compact') {
    // Prefer the term's own form: only it can be highlighted.
    const onTerm = matches.find((m) => (m.refIndex ?? 0) === 0);
    const match = onTerm ?? matches[0];
    const form = onTerm ? 0 : (match?.refIndex ?? 1);
    return { index: result.refIndex, score, field: onTerm ? 'term' : 'variants', form, ranges: fuseRanges(match) };
  }
  if (key === 'pinyinJoined') {
    return { index: result.refIndex, score, field: 'pinyin', form: 0, ranges: fuseRanges(matches[0]) };
  }
  return { index: result.refIndex, score, field: 'english', form: 0, ranges: [] };
}

// ---------------------------------------------------------------------------
// Highlighting: every hit is mapped back to [start, end) ranges of the term.

function termUnits(doc: RuntimeDoc): Array<[number, number]> {
  if (doc.termUnits) return doc.termUnits;
  const units: Array<[number, number]> = [];
  let at = 0;
  for (const cp of doc.term) {
    const folded = foldCodePoint(cp);
    for (let i = 0; i < folded.length; i++) units.push([at, at + cp.length]);
    at += cp.length;
  }
  doc.termUnits = units;
  return units;
}

/**
 * The term's span for each pinyin syllable: one per Han character, one per run
 * of ASCII letters and digits (the build spells 稳增长“18条” wěn zēng zhǎng 18 tiáo).
 * null when the counts differ, e.g. a hand-written reading; then pinyin hits are not highlighted.
 */
function syllableSpans(doc: RuntimeDoc): Array<[number, number]> | null {
  if (doc.syllableSpans !== undefined) return doc.syllableSpans;
  const spans: Array<[number, number]> = [];
  let inRun = false;
  let at = 0;
  for (const cp of doc.term) {
    const folded = foldCodePoint(cp);
    const alnum = /^[a-z0-9]+$/.test(folded);
    const last = spans[spans.length - 1];
    if (alnum && inRun && last) last[1] = at + cp.length;
    else if (alnum || HAN.test(cp)) spans.push([at, at + cp.length]);
    // Dropped characters do not end a run: the build reads 1+X证书 as "1x zhèng shū".
    if (folded) inRun = alnum;
    at += cp.length;
  }
  doc.syllableSpans = spans.length === doc.syllableStarts.length ? spans : null;
  return doc.syllableSpans;
}

/** Index of the syllable that holds offset `at` of pinyinJoined. */
function syllableAt(starts: readonly number[], at: number): number {
  let s = 0;
  while (s + 1 < starts.length && (starts[s + 1] as number) <= at) s++;
  return s;
}

function fromCompact(doc: RuntimeDoc, ranges: Array<[number, number]>): Array<[number, number]> {
  const units = termUnits(doc);
  return ranges.flatMap(([a, b]): Array<[number, number]> => {
    const first = units[a];
    const last = units[b - 1];
    return first && last && a < b ? [[first[0], last[1]]] : [];
  });
}

/** A partly typed syllable (lia) highlights its whole character (两). */
function fromPinyin(doc: RuntimeDoc, ranges: Array<[number, number]>): Array<[number, number]> {
  const spans = syllableSpans(doc);
  if (!spans) return [];
  return ranges.flatMap(([a, b]): Array<[number, number]> => {
    const first = spans[syllableAt(doc.syllableStarts, a)];
    const last = spans[syllableAt(doc.syllableStarts, b - 1)];
    return first && last && a < b ? [[first[0], last[1]]] : [];
  });
}

/** Initial i is syllable i. */
function fromInitials(doc: RuntimeDoc, ranges: Array<[number, number]>): Array<[number, number]> {
  const spans = syllableSpans(doc);
  if (!spans) return [];
  return ranges.flatMap(([a, b]): Array<[number, number]> => {
    const first = spans[a];
    const last = spans[b - 1];
    return first && last && a < b ? [[first[0], last[1]]] : [];
  });
}

/** A variant hit is shown on the term where the term holds the same text (四上 in “四上”企业). */
function fromVariant(doc: RuntimeDoc, hit: Hit): Array<[number, number]> {
  const form = doc.compact[hit.form] ?? '';
  return hit.ranges.flatMap(([a, b]) => {
    const text = form.slice(a, b);
    const at = text ? (doc.compact[0] ?? '').indexOf(text) : -1;
    return at >= 0 ? fromCompact(doc, [[at, at + text.length]]) : [];
  });
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function highlight(doc: RuntimeDoc, hit: Hit): Array<[number, number]> {
  switch (hit.field) {
    case 'term':
      return mergeRanges(fromCompact(doc, hit.ranges));
    case 'variants':
      return mergeRanges(fromVariant(doc, hit));
    case 'pinyin':
      return mergeRanges(fromPinyin(doc, hit.ranges));
    case 'initials':
      return mergeRanges(fromInitials(doc, hit.ranges));
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------
// The searcher

function clampLimit(limit: unknown, size: number): number {
  const n = typeof limit === 'number' && Number.isFinite(limit) ? Math.floor(limit) : 20;
  return Math.max(0, Math.min(n, size));
}

/**
 * Fuzzy matching is the typo fallback. It is skipped when the list is already
 * full (fuzzy hits rank below every fast hit, so none could show) and when
 * some name equals or starts with the query: then the query is not a typo,
 * and fuzzy hits would be noise that costs most of the time per keystroke.
 */
function needsFuzzy(hits: readonly Hit[], limit: number): boolean {
  return hits.length < limit && !hits.some((h) => h.score < TIER.substring);
}

function byScore(a: Hit, b: Hit): number {
  return a.score - b.score || a.index - b.index;
}

export function createSearcher(docs: readonly SearcherDoc[], indexJson: unknown): Searcher {
  const list = Array.isArray(docs) ? docs : [];
  const runtime = list.map(toRuntimeDoc);
  // Built on first use: most lookups never reach the fuzzy stage, and the popup should open fast.
  const fuzzy = new Map<FuzzyKey, FuzzyField>();
  const fuzzyFieldFor = (key: FuzzyKey): FuzzyField => {
    const field = fuzzy.get(key) ?? fuzzyField(indexJson, key, list);
    fuzzy.set(key, field);
    return field;
  };

  function fastHits(q: Query): Hit[] {
    const hits: Hit[] = [];
    runtime.forEach((doc, i) => {
      const hit = fastHit(doc, i, q);
      if (hit) hits.push(hit);
    });
    return hits;
  }

  /** Fuzzy hits for docs the fast paths missed, at most `room` of them per key. */
  function fuzzyHits(q: Query, seen: Set<number>, room: number): Hit[] {
    const runs: Array<[FuzzyKey, string]> = q.hasHan
      ? [['compact', q.compact]]
      : [
          ['pinyinJoined', q.pinyin],
          ['english', q.words],
        ];
    const best = new Map<number, Hit>();
    for (const [key, pattern] of runs) {
      if (pattern.length < MIN_FUZZY_PATTERN) continue;
      const results = fuzzySearch(fuzzyFieldFor(key), list, pattern.slice(0, MAX_FUZZY_PATTERN), room + seen.size);
      for (const result of results) {
        if (seen.has(result.refIndex) || !runtime[result.refIndex]) continue;
        const hit = fuzzyHit(result, key);
        const prev = best.get(hit.index);
        if (!prev || hit.score < prev.score) best.set(hit.index, hit);
      }
    }
    return [...best.values()];
  }

  function run(query: string, limit: number): SearchResult[] {
    const q = parseQuery(query);
    if (!q.compact && !q.pinyin && !q.words) return [];
    const hits = fastHits(q);
    if (needsFuzzy(hits, limit)) hits.push(...fuzzyHits(q, new Set(hits.map((h) => h.index)), limit - hits.length));
    hits.sort(byScore);
    return hits.slice(0, limit).map((hit) => {
      const doc = runtime[hit.index] as RuntimeDoc;
      return { index: hit.index, score: hit.score, field: hit.field, highlight: highlight(doc, hit) };
    });
  }

  return {
    search(query: string, limit = 20): SearchResult[] {
      const n = clampLimit(limit, runtime.length);
      if (typeof query !== 'string' || n === 0) return [];
      try {
        return run(query, n);
      } catch {
        // The popup must survive any input; fuse is third-party code we cannot vouch for on every string.
        return [];
      }
    },
  };
}
