/**
 * `npm run bench`: the page matcher (engine/matcher.ts) against a floor and
 * three baselines, side by side in one run, on real report text.
 *
 *   npm run bench [-- --quick]      (--quick: no 10 MB text)
 *
 * - floor: one charCodeAt + table-lookup pass over the text, the least any
 *   scan of it can cost;
 * - matcher: Matcher.scan over the raw text (normalisation fused in);
 * - ahocorasick: the npm package, over the pre-normalised text (it reports
 *   every overlapping match, not leftmost-longest);
 * - regexp: one RegExp alternation of all terms, longest first (so it is
 *   leftmost-longest too), over the pre-normalised text;
 * - indexOf: String#indexOf per term, over the pre-normalised text.
 *
 * Glossaries: the shipped one (compiled from glossary/ now), and synthetic
 * ones of 1k, 10k and 50k terms: the shipped forms plus 2–6-character CJK
 * n-grams sampled from other corpus documents (policies, pages), so they
 * recur in the reports as real vocabulary does. Texts: the reports of
 * ../shared/corpus/reports, repeated to 100 K, 1 M and 10 M UTF-16 units.
 * Every cell is the median of several runs, with the methods interleaved run
 * by run so that load on the machine hits them alike. A slow baseline is first
 * timed on a prefix; a cell whose single run would take over 60 s is skipped.
 *
 * Also: the matcher's results against the naive leftmost-longest reference
 * (tests/engine/reference.ts), and construction time, warm and at load (a
 * fresh process, as a content script builds it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createLookup, type GlossaryWithMatcher } from '../engine/lookup';
import { Matcher } from '../engine/matcher';
import { buildCharTable, type CharTable, foldUnit, normalize, normalizeForm } from '../engine/normalize';
import { naiveMatches } from '../tests/engine/reference';
import { compileGlossary } from './glossary/compile';
import { loadGlossary, ROOT } from './glossary/load';

interface AhoCorasick {
  search(text: string): Array<[number, string[]]>;
}
// ahocorasick 1.0.2 ships no types.
const AhoCorasickCtor = createRequire(import.meta.url)('ahocorasick') as new (keywords: string[]) => AhoCorasick;

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const SKIP_OVER_S = 60;
/** Per-cell time budget for the slow baselines: fewer runs rather than minutes. */
const CELL_BUDGET_S = 6;
const SIZES = [
  { label: '100 K', chars: 100_000, runs: 7 },
  { label: '1 M', chars: 1_000_000, runs: 5 },
  { label: '10 M', chars: 10_000_000, runs: 3 },
];
const METHODS = ['floor', 'matcher', 'ahocorasick', 'regexp', 'indexOf'] as const;
type Method = (typeof METHODS)[number];

function listText(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listText(p));
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out.sort();
}

function readAll(dirs: string[]): string {
  return dirs
    .flatMap((d) => listText(path.join(CORPUS, d)))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

function repeatTo(text: string, chars: number): string {
  let out = '';
  while (out.length < chars) out += text;
  // A flat copy: a sliced or concatenated string would cost the methods differently.
  return Buffer.from(out.slice(0, chars), 'utf16le').toString('utf16le');
}

/** Deterministic: the same synthetic glossaries on every run. */
function synthetic(size: number, shipped: readonly string[], source: string, table: CharTable): string[] {
  const forms = new Set(shipped);
  let seed = 0x9e3779b9;
  const rand = (n: number) => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
    return seed % n;
  };
  const cjk = /^[\u4e00-\u9fff]+$/;
  while (forms.size < size) {
    const at = rand(source.length);
    const gram = source.slice(at, at + 2 + rand(5));
    if (cjk.test(gram)) forms.add(normalizeForm(gram, table));
  }
  // Flat strings, as JSON.parse gives the shipped forms.
  return JSON.parse(JSON.stringify([...forms]));
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function timeIt(fn: () => number): { ms: number; result: number } {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Glossary {
  name: string;
  forms: string[];
}

/** The methods over one text: closures that return a count, so nothing is optimised away. */
function runners(g: Glossary, table: CharTable) {
  // The floor reads a plain 64k table of normalised units (identity plus the changed ones).
  const direct = new Uint16Array(0x10000);
  for (let u = 0; u < 0x10000; u++) direct[u] = foldUnit(table, u);
  const matcher = new Matcher(g.forms, table);
  const aho = new AhoCorasickCtor(g.forms);
  const byLength = [...g.forms].sort((a, b) => b.length - a.length);
  const re = new RegExp(byLength.map(escapeRegExp).join('|'), 'g');
  re.test('预热'); // compile outside the timings
  return {
    matcher,
    floor: (raw: string) => {
      let sum = 0;
      for (let i = 0; i < raw.length; i++) sum += direct[raw.charCodeAt(i)] as number;
      return sum;
    },
    matcherRun: (raw: string) => {
      let n = 0;
      matcher.scan(raw, () => {
        n++;
      });
      return n;
    },
    aho: (norm: string) => aho.search(norm).length,
    regexp: (norm: string) => {
      re.lastIndex = 0;
      return norm.match(re)?.length ?? 0;
    },
    indexOf: (norm: string) => {
      let n = 0;
      for (const f of g.forms) for (let k = norm.indexOf(f); k >= 0; k = norm.indexOf(f, k + f.length)) n++;
      return n;
    },
  };
}

type Cell = { median: number; runs: number } | { skipped: string };

function benchCell(
  g: Glossary,
  r: ReturnType<typeof runners>,
  raw: string,
  norm: string,
  defaultRuns: number,
): Record<Method, Cell> {
  const fns: Record<Method, () => number> = {
    floor: () => r.floor(raw),
    matcher: () => r.matcherRun(raw),
    ahocorasick: () => r.aho(norm),
    regexp: () => r.regexp(norm),
    indexOf: () => r.indexOf(norm),
  };
  // Plan: fast methods get the full runs; slow ones are timed on a prefix first.
  const runs: Record<Method, number> = {
    floor: defaultRuns,
    matcher: defaultRuns,
    ahocorasick: 0,
    regexp: 0,
    indexOf: 0,
  };
  const skipped: Partial<Record<Method, string>> = {};
  for (const m of ['ahocorasick', 'regexp', 'indexOf'] as const) {
    const prefix = norm.slice(0, Math.min(norm.length, 20_000));
    const probe =
      m === 'ahocorasick' ? () => r.aho(prefix) : m === 'regexp' ? () => r.regexp(prefix) : () => r.indexOf(prefix);
    const { ms } = timeIt(probe);
    const estimateS = (ms / 1000) * (norm.length / prefix.length);
    if (estimateS > SKIP_OVER_S) {
      skipped[m] = `skipped: >${SKIP_OVER_S} s estimated`;
      continue;
    }
    runs[m] = Math.max(1, Math.min(defaultRuns, Math.floor(CELL_BUDGET_S / Math.max(estimateS, 1e-3))));
  }
  // Warm-up of the fast methods on this text.
  fns.floor();
  fns.matcher();
  const samples: Record<Method, number[]> = { floor: [], matcher: [], ahocorasick: [], regexp: [], indexOf: [] };
  for (let run = 0; run < defaultRuns; run++) {
    for (const m of METHODS) {
      if (run < runs[m]) samples[m].push(timeIt(fns[m]).ms);
    }
  }
  const out = {} as Record<Method, Cell>;
  for (const m of METHODS) {
    const s = skipped[m];
    out[m] = s ? { skipped: s } : { median: raw.length / 1000 / median(samples[m]), runs: samples[m].length };
  }
  void g;
  return out;
}

function fmtRate(c: Cell | undefined): string {
  if (!c) return '';
  if ('skipped' in c) return c.skipped;
  const m = c.median;
  return `${m >= 100 ? m.toFixed(0) : m >= 1 ? m.toFixed(1) : m.toFixed(3)} (${c.runs})`;
}

interface ColdTimes {
  wall: number[];
  /** The main thread's own CPU time: what the work costs, without the time other processes took the core. */
  cpu: number[];
}

/** Construction at load: a fresh process builds the lookup once, as a content script does. */
function coldLoad(glossaryFile: string): ColdTimes {
  const times: ColdTimes = { wall: [], cpu: [] };
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--cold', glossaryFile], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    const [wall, cpu] = out.trim().split(' ').map(Number);
    times.wall.push(wall as number);
    times.cpu.push(cpu as number);
  }
  return times;
}

function coldChild(file: string): void {
  const glossary = JSON.parse(fs.readFileSync(file, 'utf8')) as GlossaryWithMatcher;
  const cpu = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c = cpu();
  const t = performance.now();
  const lookup = createLookup(glossary);
  const ms = performance.now() - t;
  const cpuMs = cpu() - c;
  if (lookup.matcher.size !== glossary.forms.length) throw new Error('lookup not built');
  process.stdout.write(`${ms} ${cpuMs}\n`);
}

function fmtCold(label: string, t: ColdTimes): string {
  return `${label}: median ${median(t.wall).toFixed(2)} ms wall, ${median(t.cpu).toFixed(2)} ms CPU [wall ${t.wall.map((x) => x.toFixed(1)).join(', ')}]`;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--cold') {
    coldChild(args[1] as string);
    return;
  }
  if (!fs.existsSync(CORPUS)) {
    process.stderr.write(`bench: the corpus is missing (${CORPUS}); the benchmark needs its reports\n`);
    process.exit(1);
  }
  const started = performance.now();
  const quick = args.includes('--quick');

  const loaded = loadGlossary();
  const shipped = compileGlossary(
    loaded.entries.map((e) => e.entry),
    loaded.regions,
  );
  const table = buildCharTable(shipped.tradPairs);
  const reports = readAll(['reports']);
  const other = readAll(['policies']) + readAll(['pages/extracted_text']);
  const glossaries: Glossary[] = [
    { name: `shipped`, forms: shipped.forms },
    ...[1_000, 10_000, 50_000].map((n) => ({ name: `${n / 1000}k`, forms: synthetic(n, shipped.forms, other, table) })),
  ];
  const sizes = quick ? SIZES.slice(0, 2) : SIZES;

  console.log(
    `Matcher benchmark: Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `text: ${path.relative(ROOT, path.join(CORPUS, 'reports'))} (${reports.length.toLocaleString()} UTF-16 units) repeated; ` +
      `glossaries: ${glossaries.map((g) => `${g.name} = ${g.forms.length.toLocaleString()} forms`).join(', ')}`,
  );

  // Construction.
  console.log('\nConstruction (new Matcher over the normalised forms; median of warm builds)');
  console.log(
    `${'glossary'.padEnd(9)} ${'forms'.padStart(7)} ${'nodes'.padStart(8)} ${'memory'.padStart(9)} ${'warm'.padStart(10)}`,
  );
  for (const g of glossaries) {
    const n = g.forms.length > 20_000 ? 3 : 7;
    const times: number[] = [];
    let m: Matcher | undefined;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      m = new Matcher(g.forms, table);
      times.push(performance.now() - t);
    }
    if (!m) continue;
    console.log(
      `${g.name.padEnd(9)} ${String(g.forms.length).padStart(7)} ${String(m.nodes).padStart(8)} ${`${(m.byteLength / 1024).toFixed(0)} KB`.padStart(9)} ${`${median(times).toFixed(2)} ms`.padStart(10)}`,
    );
  }
  const tableTimes: number[] = [];
  for (let i = 0; i < 7; i++) tableTimes.push(timeIt(() => buildCharTable(shipped.tradPairs).changed.length).ms);
  // At load, in fresh processes: as the build ships it now (forms only), and with the matcher prebuilt.
  const tmp = path.join(os.tmpdir(), `policy-glossary-bench-${process.pid}.json`);
  fs.writeFileSync(tmp, JSON.stringify(shipped));
  const coldBuilt = coldLoad(tmp);
  const prebuilt: GlossaryWithMatcher = { ...shipped, matcher: new Matcher(shipped.forms, table).toData() };
  fs.writeFileSync(tmp, JSON.stringify(prebuilt));
  const coldPrebuilt = coldLoad(tmp);
  fs.rmSync(tmp);
  console.log(`normaliser table (warm): ${median(tableTimes).toFixed(2)} ms`);
  console.log('at load, shipped glossary (createLookup in 7 fresh processes):');
  console.log(`  ${fmtCold('matcher built from the forms', coldBuilt)}`);
  console.log(
    `  ${fmtCold('matcher prebuilt at build time', coldPrebuilt)}; +${((JSON.stringify(prebuilt).length - JSON.stringify(shipped).length) / 1024).toFixed(0)} KB of JSON`,
  );

  // Throughput.
  const results = new Map<string, Record<Method, Cell>>();
  const identical = new Map<string, string>();
  for (const g of glossaries) {
    const r = runners(g, table);
    for (const size of sizes) {
      const raw = repeatTo(reports, size.chars);
      const norm = normalize(raw, table).text;
      if (size.chars === 100_000) {
        const mine = r.matcher.findAll(raw);
        const ref = naiveMatches(raw, g.forms, table);
        const same =
          mine.length === ref.length &&
          mine.every((m, i) => {
            const o = ref[i];
            return o !== undefined && o.start === m.start && o.end === m.end && o.pattern === m.pattern;
          });
        identical.set(g.name, `${same ? 'identical' : 'DIFFERENT'} (${mine.length} vs ${ref.length} matches on 100 K)`);
      }
      results.set(`${g.name}|${size.label}`, benchCell(g, r, raw, norm, size.runs));
      process.stderr.write(
        `  … ${g.name} × ${size.label} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
      );
    }
  }

  console.log('\nThroughput: median M UTF-16 chars/s (runs); ratios are the matcher’s, from the medians');
  const header = [
    'glossary',
    'text',
    'floor',
    'matcher',
    '% floor',
    '× ahocorasick',
    'ahocorasick',
    'regexp',
    'indexOf',
  ];
  const rows: string[][] = [];
  for (const g of glossaries) {
    for (const size of sizes) {
      const c = results.get(`${g.name}|${size.label}`);
      if (!c) continue;
      const rate = (x: Cell) => ('median' in x ? x.median : Number.NaN);
      const floor = rate(c.floor);
      const mine = rate(c.matcher);
      const aho = rate(c.ahocorasick);
      rows.push([
        g.name,
        size.label,
        fmtRate(c.floor),
        fmtRate(c.matcher),
        `${((100 * mine) / floor).toFixed(1)}%`,
        Number.isNaN(aho) ? '–' : `${(mine / aho).toFixed(1)}×`,
        fmtRate(c.ahocorasick),
        fmtRate(c.regexp),
        fmtRate(c.indexOf),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));

  console.log('\nMatcher vs naive leftmost-longest reference (tests/engine/reference.ts):');
  for (const [name, verdict] of identical) console.log(`  ${name.padEnd(8)} ${verdict}`);

  // Targets, at the shipped glossary.
  console.log('\nTargets at the shipped glossary:');
  for (const size of sizes) {
    const c = results.get(`shipped|${size.label}`);
    if (!c || !('median' in c.matcher) || !('median' in c.floor)) continue;
    const share = c.matcher.median / c.floor.median;
    const aho = 'median' in c.ahocorasick ? c.matcher.median / c.ahocorasick.median : Number.NaN;
    console.log(
      `  ${size.label.padEnd(6)} ≥15% of floor: ${(100 * share).toFixed(1)}% ${share >= 0.15 ? 'PASS' : 'FAIL'};  ≥10× ahocorasick: ${aho.toFixed(1)}× ${aho >= 10 ? 'PASS' : 'FAIL'}`,
    );
  }
  const ref = identical.get('shipped') ?? '';
  console.log(`  identical to the naive reference: ${ref.startsWith('identical') ? 'PASS' : 'FAIL'}`);
  for (const [label, t] of [
    ['built from the forms', coldBuilt],
    ['prebuilt', coldPrebuilt],
  ] as const) {
    const wall = median(t.wall);
    console.log(`  under 5 ms at load, ${label}: ${wall.toFixed(2)} ms wall ${wall < 5 ? 'PASS' : 'FAIL'}`);
  }
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main();
