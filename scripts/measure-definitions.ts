/**
 * `npx tsx scripts/measure-definitions.ts [--verbose]`: how well the page's
 * own glossary is read, on the developer corpus (../shared/corpus).
 *
 * 1. Precision and recall of the section and note entries per document,
 *    against the entries the documents actually have: official_glossary.tsv's
 *    glossary_section and notes_section rows, and the seed's ten 名词解释
 *    entries (not in the TSV; listed below from the seed). The statistics
 *    pages are measured twice: as extracted text and as the saved HTML page.
 * 2. The TSV's inline rows: found or not, and every other inline hit in
 *    those documents, to judge by eye.
 * 3. Unknown jargon: how many candidates each corpus document would flag
 *    (not in the glossary, not defined on the page), with a sample.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findCandidates, isSloganLike } from '../engine/candidates';
import { extractDefinitions } from '../engine/definitions';
import type { PageDefinition } from '../engine/entry';
import { createLookup } from '../engine/lookup';
import { buildCharTable, normalizeForm } from '../engine/normalize';
import { buildPageGlossary } from '../engine/page-glossary';
import { compileGlossary } from './glossary/compile';
import { DATA_DIR, loadGlossary } from './glossary/load';
import { documentText, listFiles } from './glossary/text-tools';

const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const verbose = process.argv.includes('--verbose');
const table = buildCharTable();
const norm = (s: string) => normalizeForm(s.replace(/\*\*/g, ''), table);

interface Gold {
  term: string;
  definition: string;
}

/** The seed's 名词解释 (jingzhou-zhengbao-2024-01.txt, from line 253): terms and the opening of each definition. */
const SEED: Gold[] = [
  { term: '“三高四新”', definition: '“三高”指国家重要先进制造业高地' },
  { term: '“发展六仗”', definition: '2023年湖南省政府工作报告提出' },
  { term: '“五新四城”', definition: '“五新”指着力打造内陆地区改革开放新高地' },
  { term: '新时代农业产业化“靖州现象”', definition: '努力打造“绿色生态、产业兴旺' },
  { term: '“五区”建设目标', definition: '实现乡村振兴样板区、生态文明示范区、特色产业集聚区、产城融合先导区' },
  { term: '“5+2”现代化产业新体系', definition: '“5”指生物基新材料产业链' },
  { term: '“十百千万”工程', definition: '围绕落实“怀乡五百工程”指导要求' },
  { term: '“和美湘村·四乡十村”示范带', definition: '因地制宜选择产业基础好' },
  { term: '“四上”企业', definition: '指规模以上工业企业、房地产企业' },
  { term: '专精特新“小巨人”企业', definition: '指每年国家和省从“专精特新”企业中选出' },
];

interface Row {
  term: string;
  definition: string;
  type: string;
  file: string;
}

function readTsv(): Row[] {
  const lines = fs.readFileSync(path.join(CORPUS, 'official_glossary.tsv'), 'utf8').split('\n');
  const head = (lines[0] as string).split('\t');
  const col = (name: string) => head.indexOf(name);
  return lines
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const c = l.split('\t');
      return {
        term: c[col('term')] as string,
        definition: c[col('definition')] as string,
        type: c[col('entry_type')] as string,
        file: c[col('file')] as string,
      };
    });
}

/** Same term, and the definitions agree on their opening (PDF breaks and furniture aside). */
function sameTerm(a: string, b: string): boolean {
  return norm(a) === norm(b);
}
function sameDefinition(found: string, gold: string): boolean {
  const f = norm(found);
  const g = norm(gold);
  const n = Math.min(20, g.length, f.length);
  return (
    f.slice(0, n) === g.slice(0, n) &&
    (f.includes(g) || g.includes(f.slice(0, g.length)) || f.startsWith(g.slice(0, 20)))
  );
}

interface Score {
  doc: string;
  gold: number;
  found: number;
  hits: number;
  defsOk: number;
  misses: string[];
  falseHits: string[];
}

function score(doc: string, file: string, gold: Gold[]): Score {
  const { text } = documentText(file);
  const found = extractDefinitions(text).filter((d) => d.kind !== 'inline');
  const matched = new Set<PageDefinition>();
  const misses: string[] = [];
  let defsOk = 0;
  for (const g of gold) {
    const hit = found.find((d) => !matched.has(d) && sameTerm(d.term, g.term));
    if (!hit) {
      misses.push(g.term);
      continue;
    }
    matched.add(hit);
    if (sameDefinition(hit.definition, g.definition)) defsOk++;
    else if (verbose)
      console.log(
        `  definition differs: ${g.term}\n    found: ${hit.definition.slice(0, 80)}\n    gold:  ${g.definition.slice(0, 80)}`,
      );
  }
  const falseHits = found.filter((d) => !matched.has(d)).map((d) => `${d.term}：${d.definition.slice(0, 30)}…`);
  return { doc, gold: gold.length, found: found.length, hits: matched.size, defsOk, misses, falseHits };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

const rows = readTsv();
const byFile = new Map<string, Gold[]>();
for (const r of rows) {
  if (!/^(glossary_section|notes_section)/.test(r.type)) continue;
  byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
}

const targets: Array<{ doc: string; file: string; gold: Gold[] }> = [
  { doc: 'seed 靖州政报 2024-01', file: 'seed/jingzhou-zhengbao-2024-01.txt', gold: SEED },
];
for (const [file, gold] of byFile) {
  targets.push({ doc: path.basename(file, '.txt').replace(/ _ .*$/, ''), file, gold });
  // The statistics pages again, as the saved browser page (site furniture and all).
  const html = file.replace('pages/extracted_text/', 'pages/').replace(/\.txt$/, '.html');
  if (html !== file && fs.existsSync(path.join(CORPUS, html))) {
    targets.push({ doc: `${path.basename(html, '.html').replace(/ _ .*$/, '')} (HTML page)`, file: html, gold });
  }
}

console.log('## Section and note entries: precision and recall per document\n');
console.log('| document | entries | extracted | correct | recall | precision | definition text agrees |');
console.log('|---|---|---|---|---|---|---|');
const scores = targets.map((t) => score(t.doc, path.join(CORPUS, t.file), t.gold));
for (const s of scores) {
  console.log(
    `| ${s.doc} | ${s.gold} | ${s.found} | ${s.hits} | ${pct(s.hits, s.gold)} | ${pct(s.hits, s.found)} | ${s.defsOk}/${s.hits} |`,
  );
}
console.log('\nMisses:', scores.flatMap((s) => s.misses.map((m) => `${s.doc}: ${m}`)).join('; ') || 'none');
console.log('False hits:', scores.flatMap((s) => s.falseHits.map((m) => `${s.doc}: ${m}`)).join('; ') || 'none');

console.log('\n## Inline definitions (TSV rows)\n');
const inlineRows = rows.filter((r) => r.type.startsWith('inline'));
for (const r of inlineRows) {
  const { text } = documentText(path.join(CORPUS, r.file));
  const found = extractDefinitions(text).filter((d) => d.kind === 'inline');
  const hit = found.find((d) => sameTerm(d.term, r.term));
  const ok = hit
    ? sameDefinition(hit.definition, r.definition)
      ? 'found, definition agrees'
      : 'found, definition differs'
    : 'MISSED';
  console.log(`- ${r.term} (${path.basename(r.file)}): ${ok}; ${found.length} inline hit(s) in the document`);
  for (const d of found.filter((x) => x !== hit)) console.log(`    other: ${d.term} → ${d.definition.slice(0, 40)}…`);
}

// Every document in the corpus: inline hits (to judge by eye) and unknown jargon.
const glossaryLoaded = loadGlossary(DATA_DIR);
const lookup = createLookup(
  compileGlossary(
    glossaryLoaded.entries.map((e) => e.entry),
    glossaryLoaded.regions,
  ),
);
const files = listFiles([
  path.join(CORPUS, 'seed'),
  path.join(CORPUS, 'reports'),
  path.join(CORPUS, 'policies'),
  path.join(CORPUS, 'pages/extracted_text'),
]);
let inlineTotal = 0;
const inlineSample: string[] = [];
console.log(
  '\n## Unknown jargon flagged per document (numbered slogans and X+Y forms in no glossary, not defined on the page)\n',
);
console.log('| document | chars | candidates | flagged | distinct | sample |');
console.log('|---|---|---|---|---|---|');
let flaggedTotal = 0;
let charsTotal = 0;
const allFlagged = new Map<string, number>();
for (const file of files) {
  const { text } = documentText(file);
  const defs = extractDefinitions(text);
  const inl = defs.filter((d) => d.kind === 'inline');
  inlineTotal += inl.length;
  for (const d of inl)
    inlineSample.push(`${path.basename(file).slice(0, 24)}: ${d.term} → ${d.definition.slice(0, 36)}`);
  const glossary = buildPageGlossary(defs, lookup);
  const candidates = findCandidates(text);
  const flagged = candidates.filter((c) => isSloganLike(c) && glossary.isUnknown(c.text));
  const distinct = [...new Set(flagged.map((c) => c.text))];
  for (const t of distinct) allFlagged.set(t, (allFlagged.get(t) ?? 0) + 1);
  flaggedTotal += flagged.length;
  charsTotal += text.length;
  console.log(
    `| ${path.relative(CORPUS, file).slice(0, 48)} | ${text.length} | ${candidates.length} | ${flagged.length} | ${distinct.length} | ${distinct.slice(0, 6).join('、')} |`,
  );
}
console.log(
  `\nFlagged in all: ${flaggedTotal} in ${charsTotal} characters (${((flaggedTotal / charsTotal) * 10000).toFixed(2)} per 10k characters), ${allFlagged.size} distinct.`,
);
if (verbose) console.log('Distinct flagged:', [...allFlagged.keys()].join('、'));
console.log(`\n## Inline hits in the whole corpus: ${inlineTotal}\n`);
for (const s of verbose ? inlineSample : inlineSample.slice(0, 40)) console.log(`- ${s}`);

// Speed: the whole corpus text as one page, extracted five times; the median.
const big = files.map((f) => documentText(f).text).join('\n');
const times: number[] = [];
for (let k = 0; k < 5; k++) {
  const t0 = performance.now();
  extractDefinitions(big);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[2] as number;
console.log(
  `\n## Speed\n\nextractDefinitions over the corpus as one text (${big.length} characters): median ${median.toFixed(1)} ms of 5 runs, ${(big.length / median / 1000).toFixed(1)} M characters/s.`,
);
