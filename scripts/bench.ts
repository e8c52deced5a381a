/**
 * `npm run bench`: the page matcher (engine/matcher.ts) against a floor and
 * three baselines, side by side in one run, on real report text.
 *
 *   npm run bench [-- --quick]      (--quick: no 10 M text, fewer processes)
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
 * ones of 1k, 10k and 50k forms: the shipped forms plus 2–6-character CJK
 * n-grams sampled from other corpus documents (policies, pages), so they
 * recur in the reports as real vocabulary does. Texts: the reports of
 * ../shared/corpus/reports, repeated to 100 K, 1 M and 10 M UTF-16 units.
 * Every cell is the median of several runs, with the methods interleaved run
 * by run so that load on the machine hits them alike. A slow baseline is first
 * timed on a prefix; a cell whose single run would take over 60 s is skipped,
 * and the others get fewer runs rather than minutes.
 *
 * Also: the matcher's results against the naive leftmost-longest reference
 * (tests/engine/reference.ts), and construction: warm, and at load in fresh
 * processes (as a content script builds it), from the forms and from a
 * matcher prebuilt at build time (`Matcher#toData`). Times are wall time:
 * on a shared machine they include waiting for a core.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createLookup, type GlossaryWithMatcher } from '../engine/lookup';
import { Matcher } from '../engine/matcher';
import { buildCharTable, type CharTable, foldUnit, normalize, normalizeForm } from '../engine/normalize';

interface AhoCorasick {
  search(text: string): Array<[number, string[]]>;
}
type AhoCorasickCtor = new (keywords: string[]) => AhoCorasick;

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const SKIP_OVER_S = 60;
/** Per-cell time budget for the slow baselines. */
const CELL_BUDGET_S = 5;
const SIZES = [
  { label: '100 K', chars: 100_000, runs: 7 },
  { label: '1 M', chars: 1_000_000, runs: 5 },
  { label: '10 M', chars: 10_000_000, runs: 3 },
];
const METHODS = ['floor', 'matcher', 'ahocorasick', 'regexp', 'indexOf'] as const;
type Method = (typeof METHODS)[number];

interface Glossary {
  name: string;
  forms: string[];
}

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

function timeIt(fn: () => number): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The methods over one text: closures that return a count, so nothing is optimised away. */
function runners(g: Glossary, table: CharTable, Aho: AhoCorasickCtor) {
  // The floor reads a plain 64k table of normalised units.
  const direct = new Uint16Array(0x10000);
  for (let u = 0; u < 0x10000; u++) direct[u] = foldUnit(table, u);
  const matcher = new Matcher(g.forms, table);
  const aho = new Aho(g.forms);
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

type Cell = { rate: number; runs: number } | { skipped: string };

function benchCell(
  r: ReturnType<typeof runners>,
  raw: string,
  norm: string,
  defaultRuns: number,
): Record<Method, Cell> {
  const fns: Record<Method, (text: string) => number> = {
    floor: r.floor,
    matcher: r.matcherRun,
    ahocorasick: r.aho,
    regexp: r.regexp,
    indexOf: r.indexOf,
  };
  const input = (m: Method) => (m === 'floor' || m === 'matcher' ? raw : norm);
  // Plan: fast methods get the full runs; slow ones are timed on a prefix first.
  const runs: Record<Method, number> = {
    floor: defaultRuns,
    matcher: defaultRuns,
    ahocorasick: 0,
    regexp: 0,
    indexOf: 0,
  };
  const skipped: Partial<Record<Method, string>> = {};
  const prefix = norm.slice(0, Math.min(norm.length, 20_000));
  for (const m of ['ahocorasick', 'regexp', 'indexOf'] as const) {
    const estimateS = (timeIt(() => fns[m](prefix)) / 1000) * (norm.length / prefix.length);
    if (estimateS > SKIP_OVER_S) skipped[m] = `skipped: >${SKIP_OVER_S} s estimated`;
    else runs[m] = Math.max(1, Math.min(defaultRuns, Math.floor(CELL_BUDGET_S / Math.max(estimateS, 1e-3))));
  }
  fns.floor(raw);
  fns.matcher(raw);
  const samples: Record<Method, number[]> = { floor: [], matcher: [], ahocorasick: [], regexp: [], indexOf: [] };
  for (let run = 0; run < defaultRuns; run++) {
    for (const m of METHODS) if (run < runs[m]) samples[m].push(timeIt(() => fns[m](input(m))));
  }
  const out = {} as Record<Method, Cell>;
  for (const m of METHODS) {
    const s = skipped[m];
    out[m] = s ? { skipped: s } : { rate: raw.length / 1000 / median(samples[m]), runs: samples[m].length };
  }
  return out;
}

function fmtRate(c: Cell): string {
  if ('skipped' in c) return c.skipped;
  const m = c.rate;
  return `${m >= 100 ? m.toFixed(0) : m >= 1 ? m.toFixed(1) : m.toFixed(3)} (${c.runs})`;
}

function rateOf(c: Cell | undefined): number {
  return c && 'rate' in c ? c.rate : Number.NaN;
}

function table(header: string[], rows: string[][], left = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < left ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

interface Cold {
  wall: number[];
}

/** Construction at load: fresh processes each build the lookup once, as a content script does. */
function coldLoad(glossary: GlossaryWithMatcher, processes: number): Cold {
  const file = path.join(os.tmpdir(), `policy-glossary-bench-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(glossary));
  const times: Cold = { wall: [] };
  try {
    for (let i = 0; i < processes; i++) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--cold', file], {
        encoding: 'utf8',
        cwd: ROOT,
      });
      times.wall.push(Number(out.trim()));
    }
  } finally {
    fs.rmSync(file);
  }
  return times;
}

/** The child: only the engine is loaded, as in the extension. */
function coldChild(file: string): void {
  const glossary = JSON.parse(fs.readFileSync(file, 'utf8')) as GlossaryWithMatcher;
  const t = performance.now();
  const lookup = createLookup(glossary);
  const wall = performance.now() - t;
  if (lookup.matcher.size !== glossary.forms.length) throw new Error('lookup not built');
  process.stdout.write(`${wall}\n`);
}

function fmtCold(t: Cold | undefined): string {
  return t ? `${median(t.wall).toFixed(1)} ms` : '–';
}

async function main(): Promise<void> {
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
  const progress = (what: string) =>
    process.stderr.write(`  … ${what} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  // Build-time code, loaded here only: the cold children must not pay for it.
  const { compileGlossary } = await import('./glossary/compile');
  const { loadGlossary } = await import('./glossary/load');
  const { naiveMatches } = await import('../tests/engine/reference');
  // ahocorasick 1.0.2 ships no types.
  const Aho = createRequire(import.meta.url)('ahocorasick') as AhoCorasickCtor;

  const loaded = loadGlossary();
  const shipped = compileGlossary(
    loaded.entries.map((e) => e.entry),
    loaded.regions,
  );
  const charTable = buildCharTable(shipped.tradPairs);
  const reports = readAll(['reports']);
  const other = readAll(['policies']) + readAll(['pages/extracted_text']);
  const glossaries: Glossary[] = [
    { name: 'shipped', forms: shipped.forms },
    ...[1_000, 10_000, 50_000].map((n) => ({
      name: `${n / 1000}k`,
      forms: synthetic(n, shipped.forms, other, charTable),
    })),
  ];
  const sizes = quick ? SIZES.slice(0, 2) : SIZES;

  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(`Matcher benchmark: Node ${process.version}, ${os.cpus().length} CPUs, load average ${load.join(' ')}`);
  console.log(
    `text: ${path.relative(ROOT, path.join(CORPUS, 'reports'))} (${reports.length.toLocaleString('en')} UTF-16 units), repeated`,
  );

  // Construction.
  new Matcher(shipped.forms, charTable); // warm-up
  new Matcher(shipped.forms, charTable);
  const construction: string[][] = [];
  let shippedCold: { built: Cold; prebuilt: Cold } | undefined;
  for (const g of glossaries) {
    const runs = g.forms.length > 20_000 ? 3 : 7;
    const times: number[] = [];
    let m = new Matcher(g.forms, charTable);
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      m = new Matcher(g.forms, charTable);
      times.push(performance.now() - t);
    }
    const withData: GlossaryWithMatcher = { ...shipped, forms: g.forms, matcher: m.toData() };
    const plain: GlossaryWithMatcher = { ...shipped, forms: g.forms };
    const processes = g.name === 'shipped' ? (quick ? 3 : 5) : quick ? 1 : 2;
    const cold =
      g.name === '1k' ? undefined : { built: coldLoad(plain, processes), prebuilt: coldLoad(withData, processes) };
    if (g.name === 'shipped') shippedCold = cold;
    const extra = JSON.stringify(withData.matcher).length;
    construction.push([
      g.name,
      g.forms.length.toLocaleString('en'),
      m.nodes.toLocaleString('en'),
      `${(m.byteLength / 1024).toFixed(0)} KB`,
      `${median(times).toFixed(1)} ms`,
      fmtCold(cold?.built),
      fmtCold(cold?.prebuilt),
      `${(extra / 1024).toFixed(0)} KB`,
    ]);
    progress(`construction, ${g.name}`);
  }
  const tableTimes: number[] = [];
  for (let i = 0; i < 7; i++) tableTimes.push(timeIt(() => buildCharTable(shipped.tradPairs).changed.length));

  // Throughput.
  const results = new Map<string, Record<Method, Cell>>();
  const identical = new Map<string, { same: boolean; count: number }>();
  for (const g of glossaries) {
    const r = runners(g, charTable, Aho);
    for (const size of sizes) {
      const raw = repeatTo(reports, size.chars);
      const norm = normalize(raw, charTable).text;
      if (size.chars === SIZES[0]?.chars) {
        const mine = r.matcher.findAll(raw);
        const ref = naiveMatches(raw, g.forms, charTable);
        const same =
          mine.length === ref.length &&
          mine.every((m, i) => ref[i]?.start === m.start && ref[i]?.end === m.end && ref[i]?.pattern === m.pattern);
        identical.set(g.name, { same, count: ref.length });
      }
      results.set(`${g.name}|${size.label}`, benchCell(r, raw, norm, size.runs));
      progress(`${g.name} × ${size.label}`);
    }
  }

  console.log('\nThroughput: median M UTF-16 chars/s (runs); the ratios are the matcher’s, of the medians');
  const rows: string[][] = [];
  for (const g of glossaries) {
    for (const size of sizes) {
      const c = results.get(`${g.name}|${size.label}`);
      if (!c) continue;
      const mine = rateOf(c.matcher);
      const aho = rateOf(c.ahocorasick);
      rows.push([
        g.name,
        size.label,
        fmtRate(c.floor),
        fmtRate(c.matcher),
        `${((100 * mine) / rateOf(c.floor)).toFixed(1)}%`,
        Number.isNaN(aho) ? '–' : `${(mine / aho).toFixed(1)}×`,
        fmtRate(c.ahocorasick),
        fmtRate(c.regexp),
        fmtRate(c.indexOf),
      ]);
    }
  }
  const header = [
    'glossary',
    'text',
    'floor',
    'matcher',
    'of floor',
    'vs ahocorasick',
    'ahocorasick',
    'regexp',
    'indexOf',
  ];
  console.log(table(header, rows, 2));

  console.log('\nMatcher against the naive leftmost-longest reference (tests/engine/reference.ts), 100 K text:');
  for (const [name, { same, count }] of identical) {
    console.log(`  ${name.padEnd(8)} ${same ? 'identical' : 'DIFFERENT'} (${count.toLocaleString('en')} matches)`);
  }

  console.log('\nConstruction: warm = median in this process; at load = median over fresh processes (wall time)');
  console.log(
    table(
      [
        'glossary',
        'forms',
        'trie nodes',
        'memory',
        'warm',
        'at load, from forms',
        'at load, prebuilt',
        'prebuilt JSON',
      ],
      construction,
    ),
  );
  console.log(`normaliser table, warm: ${median(tableTimes).toFixed(2)} ms (built on first use when prebuilt)`);

  console.log('\nTargets, at the shipped glossary:');
  for (const size of sizes) {
    const c = results.get(`shipped|${size.label}`);
    if (!c) continue;
    const share = rateOf(c.matcher) / rateOf(c.floor);
    const aho = rateOf(c.matcher) / rateOf(c.ahocorasick);
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      `  ${size.label.padEnd(6)} ≥ 15% of the floor: ${(100 * share).toFixed(1)}% ${verdict(share >= 0.15)};  ≥ 10× ahocorasick: ${aho.toFixed(1)}× ${verdict(aho >= 10)}`,
    );
  }
  const same = identical.get('shipped')?.same ?? false;
  console.log(`  identical to the naive reference: ${same ? 'PASS' : 'FAIL'}`);
  if (shippedCold) {
    for (const [how, t] of [
      ['from the forms', shippedCold.built],
      ['prebuilt at build time', shippedCold.prebuilt],
    ] as const) {
      const wall = median(t.wall);
      console.log(`  under 5 ms at load, ${how}: ${wall.toFixed(1)} ms ${wall < 5 ? 'PASS' : 'FAIL'}`);
    }
  }
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
