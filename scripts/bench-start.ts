/**
 * What the content script's start costs a page, in headless Chromium: the
 * longest main-thread task the extension runs before its first scan slice
 * (compiling and evaluating the script, loading the glossary, setting up),
 * against a baseline extension whose content script only reads its settings
 * from storage (the least any configurable content script does), measured
 * side by side: the builds take turns, a fresh browser for every run. Each
 * browser first opens the page on another site, so that the measured load
 * gets a new renderer process (as a new site or tab does: V8 has compiled
 * nothing of ours there yet) without the browser's own start-up competing
 * for the cores.
 *
 *   npm run build && npx tsx scripts/bench-start.ts [--runs N] [--compare <unpacked build> …]
 *
 * --compare adds other builds (an older commit's .output/chrome-mv3) to the
 * same rotation. The page is tests/fixtures/pages/county.html, served as a
 * gov.cn host.
 *
 * For the glossary builds it also times the first hover: from the pointer
 * coming to rest on a term to the frame that shows its card (the hover delay,
 * 150 ms, included), with the background awake, and again on another term
 * after the browser stopped the idle service worker (the content script
 * fetches entries from it: it must wake up and read the glossary first).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { markPoint } from '../tests/e2e/support/card-probes';
import { CHROME_EXT, launchChromium } from '../tests/e2e/support/chromium';
import { startServer } from '../tests/e2e/support/server';
import { type Longest, median, settle, taskStats, traced } from './bench-trace';

/** Where each browser opens the page first (the fixture server maps every gov.cn host to itself). */
const OTHER_SITE = 'www.hunan.gov.cn';

interface Args {
  runs: number;
  compare: string[];
}

function parseArgs(argv: string[]): Args {
  const runs = Number(argv[argv.indexOf('--runs') + 1]);
  const compare: string[] = [];
  argv.forEach((a, i) => {
    if (a === '--compare' && argv[i + 1]) compare.push(path.resolve(argv[i + 1] as string));
  });
  return { runs: argv.includes('--runs') && runs > 0 ? runs : 7, compare };
}

/** An unpacked MV3 extension whose content script reads its settings and stops. */
function baselineExtension(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-baseline-'));
  const manifest = {
    manifest_version: 3,
    name: 'baseline',
    version: '1.0',
    permissions: ['storage'],
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['*://*.gov.cn/*'], js: ['content.js'], run_at: 'document_idle', all_frames: true }],
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'background.js'), '');
  fs.writeFileSync(
    path.join(dir, 'content.js'),
    'chrome.storage.sync.get(null).then((s) => { globalThis.settings = s; });\n',
  );
  return dir;
}

interface Sample {
  start: Longest;
  /** The content script's evaluation (EvaluateScript, and v8.evaluateModule of the modules it imports), and the main-thread compile inside it (ms). */
  evaluate: number;
  compile: number;
  /** Pointer at rest on a term → its card on screen (ms), background awake / after it was stopped; NaN for the baseline. */
  hover: number;
  hoverCold: number;
}

/** Rests the pointer on `term` and times the frames until the card shows. */
async function timeHover(page: Page, term: string): Promise<number> {
  const point = await page.evaluate(markPoint, term);
  if (!point) throw new Error(`no mark of ${term}`);
  await page.mouse.move(2, 2);
  await page.waitForFunction(
    () => !document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card'),
  );
  await page.evaluate(() => {
    const g = globalThis as unknown as { hoverAt?: number };
    g.hoverAt = undefined;
    document.addEventListener(
      'pointermove',
      () => {
        g.hoverAt = performance.now();
      },
      { capture: true },
    );
  });
  await page.mouse.move(point.x, point.y);
  const shown = await page.waitForFunction(
    () => {
      const card = document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card');
      const at = (globalThis as unknown as { hoverAt?: number }).hoverAt;
      return card && card.getBoundingClientRect().width > 0 && at !== undefined ? performance.now() - at : null;
    },
    null,
    { polling: 'raf', timeout: 10_000 },
  );
  return (await shown.jsonValue()) as number;
}

async function measure(dir: string, url: string, hover: boolean): Promise<Sample> {
  const session = await launchChromium({ extensionDir: dir });
  try {
    const page = await session.newPage();
    await page.addInitScript('globalThis.__name ??= (f) => f;');
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url.replace(new URL(url).hostname, OTHER_SITE));
    await settle(cdp, 8000);
    await page.goto('about:blank');
    const { events } = await traced(cdp, async () => {
      await page.goto(url);
      await settle(cdp, 8000);
    });
    const pagePath = new URL(url).pathname;
    const stats = taskStats(events, pagePath);
    // On the page's main thread: the content script, and the modules it imports.
    const fromExtension = (e: (typeof events)[number]) => JSON.stringify(e.args ?? {}).includes('chrome-extension://');
    const parse = events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(pagePath));
    const evaluations = events.filter(
      (e) =>
        e.pid === parse?.pid &&
        e.tid === parse?.tid &&
        ((e.name === 'EvaluateScript' && fromExtension(e)) || e.name === 'v8.evaluateModule'),
    );
    const within = (e: (typeof events)[number]) =>
      evaluations.some((v) => e.pid === v.pid && e.tid === v.tid && e.ts >= v.ts && e.ts <= v.ts + (v.dur ?? 0));
    const evaluate = evaluations.reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
    const compile = events
      .filter((e) => e.name === 'v8.compile' && within(e))
      .reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
    let warm = Number.NaN;
    let cold = Number.NaN;
    if (hover) {
      warm = await timeHover(page, '三高四新');
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 500));
      cold = await timeHover(page, '四上');
    }
    return {
      start: stats.ext.start,
      evaluate: evaluations.length ? evaluate : Number.NaN,
      compile,
      hover: warm,
      hoverCold: cold,
    };
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const server = await startServer();
  const url = server.url('county.html');
  const builds = [
    { name: 'baseline (reads settings only)', dir: baselineExtension() },
    { name: 'this build', dir: CHROME_EXT },
    ...args.compare.map((dir) => ({ name: dir, dir })),
  ];
  const samples = new Map<string, Sample[]>(builds.map((b) => [b.name, []]));
  try {
    for (let run = 0; run < args.runs; run++) {
      for (const b of builds) {
        const s = await measure(b.dir, url, b !== builds[0]);
        samples.get(b.name)?.push(s);
        process.stderr.write(
          `run ${run + 1}/${args.runs} ${b.name}: start ${s.start.wall.toFixed(1)} / ${s.start.cpu.toFixed(1)} ms (${s.start.what}); evaluation ${s.evaluate.toFixed(1)}, compile ${s.compile.toFixed(1)}; hover ${s.hover.toFixed(1)}, after the worker stopped ${s.hoverCold.toFixed(1)}\n`,
        );
      }
    }
  } finally {
    await server.close();
    fs.rmSync(builds[0]?.dir as string, { recursive: true, force: true });
  }
  const base = samples.get(builds[0]?.name as string) as Sample[];
  const baseWall = median(base.map((s) => s.start.wall));
  console.log(`\nbench:start — headless Chromium, county.html, medians of ${args.runs} runs (builds taking turns).`);
  console.log('Longest extension task before its first scan slice: wall / CPU ms; (×) wall against the baseline.');
  console.log('Hover: pointer at rest → card on screen, ms, hover delay (150 ms) included.\n');
  console.log(
    '| build | start task wall / CPU | script evaluation | of which main-thread compile | hover | hover after the worker stopped |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const b of builds) {
    const xs = samples.get(b.name) as Sample[];
    const wall = median(xs.map((s) => s.start.wall));
    console.log(
      `| ${b.name} | ${wall.toFixed(1)} / ${median(xs.map((s) => s.start.cpu)).toFixed(1)} (${(wall / baseWall).toFixed(2)}×) | ${median(xs.map((s) => s.evaluate)).toFixed(1)} | ${median(xs.map((s) => s.compile)).toFixed(1)} | ${median(xs.map((s) => s.hover)).toFixed(1)} | ${median(xs.map((s) => s.hoverCold)).toFixed(1)} |`,
    );
  }
}

await main();
