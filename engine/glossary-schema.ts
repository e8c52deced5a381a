/**
 * The glossary's data model. The YAML files in `glossary/data/` are validated
 * against `SourceEntry`; the build (`scripts/compile-glossary.ts`) turns them
 * into `CompiledEntry` records that the engine, the card and the popup load.
 * Types are inferred from the schema, so the two never drift apart.
 */
import * as v from 'valibot';

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD'));

export const LEVELS = ['national', 'province', 'city', 'county'] as const;
export const Level = v.picklist(LEVELS);
export type Level = v.InferOutput<typeof Level>;

export const Scope = v.strictObject({
  level: Level,
  /** The region as written in Chinese: 全国, 湖南省, 怀化市, 靖州苗族侗族自治县. */
  region: nonEmpty,
});
export type Scope = v.InferOutput<typeof Scope>;

export const Source = v.strictObject({
  /** Document title as published, e.g. 2025年国务院政府工作报告. */
  title: nonEmpty,
  /** The issuing body, e.g. 国务院, 靖州苗族侗族自治县人民政府. */
  issuer: nonEmpty,
  date: isoDate,
  url: v.optional(v.pipe(v.string(), v.url())),
  /** True when the entry's `definition` is this source's text verbatim. */
  quote: v.optional(v.boolean()),
  /** Where in the document, or a short note: 名词解释第1条, 第三部分. */
  note: v.optional(nonEmpty),
});
export type Source = v.InferOutput<typeof Source>;

export const English = v.strictObject({
  text: nonEmpty,
  /** `official`: published by an official translation source, named in `source`. `project`: ours. */
  by: v.picklist(['official', 'project']),
  source: v.optional(nonEmpty),
});
export type English = v.InferOutput<typeof English>;

export const STATUSES = ['current', 'retired'] as const;

export const SourceEntry = v.pipe(
  v.strictObject({
    /** Stable ASCII slug: lowercase letters, digits and hyphens. Never reused. */
    id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lowercase ASCII slug like san-gao-si-xin')),
    /** Canonical simplified form, as documents write it (with its inner quotes). */
    term: nonEmpty,
    /** Other written forms: short forms, other quote styles, manual traditional forms. */
    variants: v.optional(v.array(nonEmpty)),
    /** Toned pinyin, only where the generated reading is wrong (polyphones: 重, 行, 长 …). */
    pinyin: v.optional(nonEmpty),
    english: English,
    /** Chinese definition: verbatim (with a `quote: true` source) or in our own words. */
    definition: nonEmpty,
    /** One or two English sentences. */
    explanation: nonEmpty,
    /** The expansion of a numbered slogan, in order. */
    parts: v.optional(v.array(nonEmpty)),
    scope: Scope,
    sources: v.pipe(v.array(Source), v.minLength(1, 'every entry needs at least one source')),
    /** Where the term comes from, in our own words, when it is known. */
    origin: v.optional(nonEmpty),
    related: v.optional(v.array(nonEmpty)),
    topic: v.picklist([
      'politics',
      'party',
      'economy',
      'reform',
      'industry',
      'technology',
      'rural',
      'environment',
      'society',
      'governance',
      'law',
      'plans',
      'opening-up',
      'culture',
      'development',
    ]),
    status: v.picklist(STATUSES),
    /** For retired slogans and time-bound plans: 2016–2020. */
    years: v.optional(v.pipe(v.string(), v.regex(/^\d{4}(–\d{4})?$/, 'years as 2016 or 2016–2020 (en dash)'))),
  }),
  v.check(
    (e) => e.sources.filter((s) => s.quote).length <= 1,
    'at most one source can be marked quote: true (the one the definition quotes)',
  ),
);
export type SourceEntry = v.InferOutput<typeof SourceEntry>;

export const SourceFile = v.array(SourceEntry);

/** The region table: which host names belong to which region. */
export const RegionRow = v.strictObject({
  region: nonEmpty,
  level: Level,
  /** The region this one lies in, by name (湖南省 for 怀化市). Absent for 全国. */
  parent: v.optional(nonEmpty),
  /** Host name suffixes: hunan.gov.cn matches www.hunan.gov.cn. */
  hosts: v.array(nonEmpty),
});
export type RegionRow = v.InferOutput<typeof RegionRow>;
export const RegionFile = v.array(RegionRow);
