/**
 * Popup search, per keystroke: engine/search.ts against plain fuse.js over
 * every key of the same prebuilt index, side by side in one run.
 *
 *   npx tsx scripts/bench-search.ts [glossary.json] [--runs N]
 *
 * Uses .generated/glossary.json (or the path given) when it exists, otherwise
 * 2,000 synthetic entries around the test fixtures. Each query is typed one
 * character at a time; every run walks all keystrokes of all queries in turn,
 * so neither side sees the same query twice in a row (fuse caches the last one).
 */
import fs from 'node:fs';
import path from 'node:path';
import Fuse from 'fuse.js';
import type { CompiledEntry, CompiledGlossary } from '../engine/entry';
import { buildSearchIndex, createSearcher, FUSE_OPTIONS, SEARCH_KEYS, type SearchDoc } from '../engine/search';
import { scaledEntries } from '../tests/fixtures/search-entries';

const QUERIES = [
  '四上',
  'sgsx',
  'liang ge que li',
  'lianggequeli',
  'Belt and Road',
  '专精特新小巨人',
  '双随机一公开',
  'fang guan fu',
  '三高四心',
];
const LIMIT = 20;

function parseArgs(argv: string[]): { file: string; runs: number } {
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 11;
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs');
  return { file: file ?? path.join(process.cwd(), '.generated', 'glossary.json'), runs: runs > 0 ? runs : 11 };
}

function loadEntries(file: string): { entries: CompiledEntry[]; from: string } {
  if (fs.existsSync(file)) {
    const glossary = JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledGlossary;
    return { entries: glossary.entries, from: file };
  }
  return { entries: scaledEntries(2000), from: 'synthetic (no glossary file)' };
}

/** Every prefix of the query, by code point: what the popup searches as the user types. */
function keystrokes(query: string): string[] {
  const cps = Array.from(query);
  return cps.map((_, i) => cps.slice(0, i + 1).join(''));
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function summary(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

function ms(n: number): string {
  return n.toFixed(2).padStart(8);
}

function main(): void {
  const { file, runs } = parseArgs(process.argv.slice(2));
  const { entries, from } = loadEntries(file);
  const built = buildSearchIndex(entries);
  const docsJson = JSON.stringify(built.docs);
  const indexJson = JSON.stringify(built.index);

  let docs: SearchDoc[] = [];
  let mine: ReturnType<typeof createSearcher> | undefined;
  const loadMine = time(() => {
    docs = JSON.parse(docsJson) as SearchDoc[];
    mine = createSearcher(docs, JSON.parse(indexJson));
  });
  let baseline: Fuse<SearchDoc> | undefined;
  const loadBaseline = time(() => {
    const index = Fuse.parseIndex<SearchDoc>(JSON.parse(indexJson));
    baseline = new Fuse(docs, { ...FUSE_OPTIONS, keys: [...SEARCH_KEYS] }, index);
  });
  if (!mine || !baseline) throw new Error('searchers not built');
  const searcher = mine;
  const fuse = baseline;

  console.log(`entries: ${entries.length} from ${from}`);
  console.log(
    `index JSON ${(indexJson.length / 1024).toFixed(0)} kB, docs JSON ${(docsJson.length / 1024).toFixed(0)} kB`,
  );
  console.log(`load: searcher ${loadMine.toFixed(1)} ms (parse docs + index), baseline ${loadBaseline.toFixed(1)} ms`);
  console.log(`runs per keystroke: ${runs}, limit ${LIMIT}\n`);

  const strokes = QUERIES.map(keystrokes);
  const samples = QUERIES.map(() => ({ mine: [] as number[], fuse: [] as number[] }));
  for (let run = 0; run < runs + 1; run++) {
    strokes.forEach((prefixes, q) => {
      for (const prefix of prefixes) {
        // Alternate who goes first, so neither side always runs on a warmer cache.
        const a = run % 2 === 0;
        const t1 = time(() => (a ? searcher.search(prefix, LIMIT) : fuse.search(prefix, { limit: LIMIT })));
        const t2 = time(() => (a ? fuse.search(prefix, { limit: LIMIT }) : searcher.search(prefix, LIMIT)));
        if (run === 0) continue; // warm-up
        samples[q]?.mine.push(a ? t1 : t2);
        samples[q]?.fuse.push(a ? t2 : t1);
      }
    });
  }

  console.log(`${'query (per keystroke)'.padEnd(24)}  search.ts median / p95    plain fuse median / p95   ratio`);
  const all = { mine: [] as number[], fuse: [] as number[] };
  QUERIES.forEach((query, q) => {
    const s = samples[q] ?? { mine: [], fuse: [] };
    all.mine.push(...s.mine);
    all.fuse.push(...s.fuse);
    printRow(query, s.mine, s.fuse);
  });
  printRow('ALL keystrokes', all.mine, all.fuse);
  printTop(entries, searcher);
}

function printRow(label: string, mineSamples: number[], fuseSamples: number[]): void {
  const m = summary(mineSamples);
  const f = summary(fuseSamples);
  const ratio = f.median / Math.max(m.median, 1e-6);
  console.log(
    `${label.padEnd(24)}  ${ms(m.median)} / ${ms(m.p95)}      ${ms(f.median)} / ${ms(f.p95)}   ${ratio.toFixed(1)}×`,
  );
}

/** What each full query finds first, so a fast but wrong searcher shows up here. */
function printTop(entries: readonly CompiledEntry[], searcher: ReturnType<typeof createSearcher>): void {
  console.log('\ntop 3 per full query (search.ts):');
  for (const query of QUERIES) {
    const top = searcher.search(query, 3).map((r) => entries[r.index]?.term ?? '?');
    console.log(`  ${query.padEnd(18)} → ${top.join(' · ')}`);
  }
}

main();
