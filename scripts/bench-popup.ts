/**
 * The popup's speed in real Chromium, on built extensions and the full
 * glossary: how soon after it opens the search answers, and how long a
 * keystroke then takes. Medians over many openings. Not a test: numbers.
 *
 *   npx wxt build && npx tsx scripts/bench-popup.ts [label=dir …] [--runs N]
 *
 * With no dir, measures .output/chrome-mv3. Given several (e.g. a copy of an
 * older build: `before=/tmp/old-chrome-mv3 after=.output/chrome-mv3`), each
 * gets its own Chromium, the openings alternate between them (machine noise
 * hits both alike), and the table gives each one's ratio to the first. A
 * build of an older commit, without touching the work tree:
 *   git archive <commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/
 *   (cd /tmp/old && npx wxt build)   # then before=/tmp/old/.output/chrome-mv3
 * Every opening is cold: V8's in-memory code cache is off (see `launch`).
 *
 * Per opening, measured inside the popup from its time origin (the moment
 * it starts to load), by a script the benchmark injects before the popup's
 * own (it observes the DOM; nothing in the extension is changed for it):
 * - first paint: first-contentful-paint (the box is there and focused);
 * - typed: as soon as the search box exists, "sgsx" is typed into it, the
 *   way a quick user does (value set, input event);
 * - results: the first result row is in the DOM, and when it is painted
 *   (Element Timing's renderTime for that row) — what "interactive" means;
 * - ready: the popup's own `policy-glossary:ready` mark, where it sets one
 *   (what it marks has changed: see Popup.tsx);
 * - first paint → first result painted: the popup's own cost, the rest
 *   being the browser's (making the page, loading the code).
 * Then, in one open popup, keystroke → result list for a set of queries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumPath } from '../tests/e2e/support/chromium';

const QUERY = 'sgsx';
const KEYSTROKE_QUERIES = [
  '四',
  '四上',
  's',
  'sg',
  'sgs',
  'sgsx',
  'liang ge que li',
  'lianggequeli',
  'Belt and Road',
  '专精特新小巨人',
  '双随机一公开',
  'fang guan fu',
  '三高四心',
];

interface Variant {
  label: string;
  dir: string;
  context: BrowserContext;
  userDataDir: string;
  extensionId: string;
  samples: Record<Metric, number[]>;
}

const METRICS = ['firstPaint', 'typed', 'resultsInDom', 'resultsPainted', 'ready', 'paintToResults'] as const;
type Metric = (typeof METRICS)[number];
const METRIC_LABELS: Record<Metric, string> = {
  firstPaint: 'open → first paint (box focused)',
  typed: 'open → "sgsx" typed into the box',
  resultsInDom: 'open → first result in the DOM',
  resultsPainted: 'open → first result painted (interactive)',
  ready: 'open → popup’s ready mark',
  paintToResults: 'first paint → first result painted',
};

function parseArgs(argv: string[]): { variants: Array<{ label: string; dir: string }>; runs: number } {
  const at = argv.indexOf('--runs');
  const runs = at >= 0 ? Number(argv[at + 1]) : 21;
  const variants = argv
    .filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs')
    .map((a) => {
      const eq = a.indexOf('=');
      return eq > 0
        ? { label: a.slice(0, eq), dir: path.resolve(a.slice(eq + 1)) }
        : { label: a, dir: path.resolve(a) };
    });
  if (!variants.length) variants.push({ label: 'current', dir: path.resolve('.output/chrome-mv3') });
  return { variants, runs: runs > 0 ? runs : 21 };
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] as number) : Number.NaN;
};

async function launch(label: string, dir: string): Promise<Variant> {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${label}: no extension build in ${dir}`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-bench-popup-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    locale: 'en-US',
    viewport: { width: 1200, height: 800 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Every opening compiles the popup's code anew, as after the extension's process was shut
      // down (an idle MV3 service worker goes, and its process with it). V8's in-memory cache
      // would otherwise keep the previous opening's compiled scripts, string literals included.
      '--js-flags=--no-compilation-cache',
    ],
  });
  // Runs in every page before its own scripts: records when the box appears, types into it, and
  // when the first result row appears and is painted.
  await context.addInitScript((query: string) => {
    const t = { typed: Number.NaN, resultsInDom: Number.NaN, resultsPainted: Number.NaN };
    (globalThis as unknown as { __bench: typeof t }).__bench = t;
    const observer = new MutationObserver(() => {
      const box = document.querySelector<HTMLInputElement>('input[type=search]');
      if (box && Number.isNaN(t.typed)) {
        box.value = query;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        t.typed = performance.now();
      }
      const row = document.querySelector('[role=option]');
      if (!Number.isNaN(t.typed) && Number.isNaN(t.resultsInDom) && row) {
        t.resultsInDom = performance.now();
        // Element Timing: the browser reports when the row's text was painted (set before the frame).
        for (const el of [row, ...row.querySelectorAll('*')]) el.setAttribute('elementtiming', 'bench-first-result');
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { renderTime: number; identifier: string }>) {
        if (e.identifier === 'bench-first-result' && Number.isNaN(t.resultsPainted)) t.resultsPainted = e.renderTime;
      }
    }).observe({ type: 'element', buffered: true });
  }, QUERY);
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const samples = Object.fromEntries(METRICS.map((m) => [m, [] as number[]])) as Record<Metric, number[]>;
  return { label, dir, context, userDataDir, extensionId: new URL(worker.url()).host, samples };
}

async function openOnce(v: Variant): Promise<void> {
  const page = await v.context.newPage();
  await page.goto(`chrome-extension://${v.extensionId}/popup.html`);
  await page.waitForFunction(() => {
    const t = (globalThis as unknown as { __bench?: { resultsPainted: number } }).__bench;
    return t && !Number.isNaN(t.resultsPainted);
  });
  const t = await page.evaluate(() => {
    const b = (globalThis as unknown as { __bench: Record<string, number> }).__bench;
    return {
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      typed: b.typed as number,
      resultsInDom: b.resultsInDom as number,
      resultsPainted: b.resultsPainted as number,
      ready: performance.getEntriesByName('policy-glossary:ready')[0]?.startTime ?? Number.NaN,
    };
  });
  const results = await page.locator('[role=option]').count();
  if (!results) throw new Error(`${v.label}: no results for ${QUERY}`);
  const all = { ...t, paintToResults: t.resultsPainted - t.firstPaint };
  for (const m of METRICS) v.samples[m].push(all[m]);
  await page.close();
}

async function keystrokes(v: Variant): Promise<Map<string, number>> {
  const page = await v.context.newPage();
  await page.goto(`chrome-extension://${v.extensionId}/popup.html`);
  await page.locator('[role=option]').first().waitFor();
  // Steady state: the popup parses the rest of its data in the idle moments after the first results.
  await page.waitForTimeout(1000);
  const out = new Map<string, number>();
  for (const q of KEYSTROKE_QUERIES) {
    const times = await page.evaluate(async (query) => {
      const box = document.querySelector('input[type=search]') as HTMLInputElement;
      const samples: number[] = [];
      for (let i = 0; i < 21; i++) {
        // Alternate with an empty box so every run is a real change.
        box.value = i % 2 ? '' : query;
        const t0 = performance.now();
        box.dispatchEvent(new Event('input', { bubbles: true }));
        // Preact renders after the current task's microtasks (or a frame later); wait for the rows.
        await new Promise((r) => setTimeout(r, 0));
        if (i % 2 === 0) {
          for (let n = 0; n < 20 && !document.querySelector('[role=option], .pg-note'); n++) {
            await new Promise((r) => setTimeout(r, 0));
          }
          samples.push(performance.now() - t0);
        }
      }
      return samples;
    }, q);
    out.set(q, median(times));
  }
  await page.close();
  return out;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(8) : '       –');

async function main(): Promise<void> {
  const { variants: wanted, runs } = parseArgs(process.argv.slice(2));
  const variants: Variant[] = [];
  try {
    for (const w of wanted) variants.push(await launch(w.label, w.dir));
    // One warm-up opening each (first compile of the popup's code, disk cache).
    for (const v of variants) await openOnce(v);
    for (const v of variants) for (const m of METRICS) v.samples[m].length = 0;
    for (let i = 0; i < runs; i++) for (const v of variants) await openOnce(v);

    const base = variants[0] as Variant;
    console.log(`popup openings: ${runs} per build, alternating; medians in ms from the popup's time origin`);
    console.log(
      `${'metric'.padEnd(44)}${variants.map((v) => v.label.padStart(12)).join('')}${variants
        .slice(1)
        .map((v) => `${v.label}/${base.label}`.padStart(22))
        .join('')}`,
    );
    for (const m of METRICS) {
      const meds = variants.map((v) => median(v.samples[m]));
      const ratios = meds.slice(1).map((x) => (x / (meds[0] as number)).toFixed(2).padStart(22));
      console.log(`${METRIC_LABELS[m].padEnd(44)}${meds.map((x) => fmt(x).padStart(12)).join('')}${ratios.join('')}`);
    }
    for (const v of variants) {
      const worst = Math.max(...v.samples.paintToResults.filter(Number.isFinite));
      console.log(`${v.label}: first paint → first result painted, slowest opening: ${worst.toFixed(1)} ms`);
    }
    console.log('\nkeystroke → results rendered (popup ready), median of 11, ms:');
    const perVariant = [];
    for (const v of variants) perVariant.push(await keystrokes(v));
    for (const q of KEYSTROKE_QUERIES) {
      console.log(
        `  ${JSON.stringify(q).padEnd(20)}${perVariant.map((k) => (k.get(q) as number).toFixed(2).padStart(12)).join('')}`,
      );
    }
  } finally {
    for (const v of variants) {
      await v.context.close();
      fs.rmSync(v.userDataDir, { recursive: true, force: true });
    }
  }
}

await main();
