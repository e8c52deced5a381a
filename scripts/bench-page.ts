/**
 * The page scanner in a real browser (headless Chromium, the built
 * extension in .output/chrome-mv3): what the extension costs a page of
 * 100 KB, 1 MB and 10 MB, against the same page in the same browser without
 * the extension, and against a bare text-collection pass.
 *
 *   npm run build && npm run bench:page [-- --runs N] [--sizes 100k,1m,10m] [--every C] [--json]
 *
 * PG_CHROME_EXT=<dir> measures another build (one without a feature, to see
 * what that feature costs). About 15 minutes for 3 runs of all sizes.
 *
 * Pages: tests/e2e/support/big-page.ts (gov.cn article markup, the corpus's
 * report text, a glossary term inserted every C characters, default 12).
 * They have no script of their own, so every JavaScript task on the page's
 * main thread is the extension's (or the benchmark's tiny frame probe).
 *
 * Per run, with the extension (traced with CDP; Performance metrics tell
 * when the page went quiet), times from the content script's start:
 * - first marks: to the first frame with a mark;
 * - visible painted: to the frame after the last change of the marks before
 *   the page went quiet (everything within reach of the viewport is marked);
 * - longest tasks that ran extension code, by kind, wall and thread (CPU)
 *   time (this machine's cores are shared): its start (script evaluation,
 *   glossary load), scan slices, frames in which it changed the marks, and
 *   idle callbacks (the page-glossary feature's whole-page read); against
 *   the longest rendering frame of the page without the extension;
 * - TBT added: total blocking time (task time over 50 ms) from
 *   DOMContentLoaded, minus the same without the extension;
 * - heap added: JS heap after a forced GC, minus the same without it;
 * - after a jump to the end: ms until a mark is on screen, and how many.
 * The bare pass is page/collect.ts's walk over the whole body, run in the
 * page without the extension (median of 3 in one page). Ratios divide by it
 * (heap: by the heap the bare pass's runs keep alive).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import ts from 'typescript';
import type { CompiledGlossary } from '../engine/entry';
import { createLookup } from '../engine/lookup';
import { bigPage } from '../tests/e2e/support/big-page';
import { type ChromiumSession, launchChromium } from '../tests/e2e/support/chromium';
import { startServer } from '../tests/e2e/support/server';
import { median, settle, type TaskStats, taskStats, traced } from './bench-trace';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };

interface Args {
  runs: number;
  sizes: string[];
  every: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    runs: Number(value('--runs') ?? 3) || 3,
    sizes: (value('--sizes') ?? '100k,1m,10m').split(',').filter((s) => s in SIZES),
    every: Number(value('--every') ?? 12) || 12,
    json: argv.includes('--json'),
  };
}

/** Runs in the page's main world from the start: when marks change, frame by frame. */
const FRAME_PROBE = `(() => {
  globalThis.__name ??= (f) => f;
  const rec = { dcl: -1, changes: [], jumpAt: -1, jumpSeen: -1, jumpCount: 0 };
  window.__pgBench = rec;
  document.addEventListener('DOMContentLoaded', () => { rec.dcl = performance.now(); });
  let last = 0;
  let paintPending = null;
  function count() {
    let n = 0;
    if (globalThis.CSS && CSS.highlights) for (const [k, h] of CSS.highlights) if (k.startsWith('policy-glossary')) n += h.size;
    return n;
  }
  function onScreen() {
    let n = 0;
    for (const [k, h] of CSS.highlights) {
      if (!k.startsWith('policy-glossary')) continue;
      for (const r of h) {
        if (!r.startContainer.isConnected) continue;
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        const b = live.getBoundingClientRect();
        if (b.height && b.bottom > 0 && b.top < innerHeight) n++;
      }
    }
    return n;
  }
  function frame() {
    const now = performance.now();
    if (paintPending) { paintPending.push(now); paintPending = null; }
    const n = count();
    if (n !== last) { paintPending = [now, n]; rec.changes.push(paintPending); last = n; }
    if (rec.jumpAt >= 0 && rec.jumpSeen < 0 && n) {
      const seen = onScreen();
      if (seen) { rec.jumpSeen = now; rec.jumpCount = seen; }
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();`;

interface ProbeRecord {
  dcl: number;
  changes: Array<[number, number, number?]>;
  jumpAt: number;
  jumpSeen: number;
  jumpCount: number;
}

/** page/collect.ts, types stripped, as a script that defines window.__pgCollect. */
function collectScript(): string {
  const source = fs.readFileSync(path.join(ROOT, 'page/collect.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return `(() => { ${js.replace(/^export /gm, '')}; window.__pgCollect = { runs }; })();`;
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1e6;
}

interface ExtRun {
  firstMarks: number;
  visiblePainted: number;
  marks: number;
  tasks: TaskStats;
  heap: number;
  jumpMs: number;
  jumpOnScreen: number;
}

async function openTraced(session: ChromiumSession, url: string, settleMs: number) {
  const page = await session.newPage();
  await page.addInitScript(FRAME_PROBE);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { events } = await traced(cdp, async () => {
    await page.goto(url, { timeout: 120_000 });
    await settle(cdp, settleMs);
  });
  return { page, cdp, events };
}

async function jumpToEnd(page: Page): Promise<{ ms: number; count: number }> {
  await page.evaluate(() => {
    const rec = (window as unknown as { __pgBench: ProbeRecord }).__pgBench;
    rec.jumpAt = performance.now();
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  await page.waitForFunction(() => (window as unknown as { __pgBench: ProbeRecord }).__pgBench.jumpSeen >= 0, null, {
    timeout: 30_000,
  });
  const rec = (await page.evaluate(() => (window as unknown as { __pgBench: ProbeRecord }).__pgBench)) as ProbeRecord;
  return { ms: rec.jumpSeen - rec.jumpAt, count: rec.jumpCount };
}

async function runWithExtension(session: ChromiumSession, url: string, settleMs: number): Promise<ExtRun> {
  const { page, cdp, events } = await openTraced(session, url, settleMs);
  const rec = (await page.evaluate(() => (window as unknown as { __pgBench: ProbeRecord }).__pgBench)) as ProbeRecord;
  const tasks = taskStats(events, new URL(url).pathname);
  // From the content script's start (trace clock), through DOMContentLoaded, which both clocks saw.
  const scriptAt = rec.dcl + (tasks.scriptTs - tasks.dclTs) / 1000;
  const first = rec.changes.find((c) => c[1] > 0);
  const last = rec.changes[rec.changes.length - 1];
  const heap = await heapUsed(cdp);
  const jump = await jumpToEnd(page);
  await page.close();
  return {
    firstMarks: first ? first[0] - scriptAt : Number.NaN,
    visiblePainted: last ? (last[2] ?? last[0]) - scriptAt : Number.NaN,
    marks: last?.[1] ?? 0,
    tasks,
    heap,
    jumpMs: jump.ms,
    jumpOnScreen: jump.count,
  };
}

interface BareRun {
  tasks: TaskStats;
  heap: number;
  collectMs: number;
  collectHeap: number;
  runs: number;
  chars: number;
  texts: string[];
}

async function runWithout(session: ChromiumSession, url: string, settleMs: number): Promise<BareRun> {
  const { page, cdp, events } = await openTraced(session, url, settleMs);
  const heap = await heapUsed(cdp);
  await page.addScriptTag({ content: collectScript() });
  const timing = await page.evaluate(() => {
    type Collect = { runs(root: Node): Iterable<{ text: string }> };
    const { runs } = (window as unknown as { __pgCollect: Collect }).__pgCollect;
    const times: number[] = [];
    let texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      texts = [];
      for (const run of runs(document.body)) texts.push(run.text);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { ms: times[1] as number, runs: texts.length, chars: texts.reduce((n, t) => n + t.length, 0), texts };
  });
  // The heap a bare pass keeps alive: its runs (text nodes, offsets, strings).
  await page.evaluate(() => {
    type Collect = { runs(root: Node): Iterable<unknown> };
    (window as unknown as { __kept: unknown[] }).__kept = [
      ...(window as unknown as { __pgCollect: Collect }).__pgCollect.runs(document.body),
    ];
  });
  const collectHeap = (await heapUsed(cdp)) - heap;
  await page.close();
  return {
    tasks: taskStats(events, new URL(url).pathname),
    heap,
    collectMs: timing.ms,
    collectHeap,
    runs: timing.runs,
    chars: timing.chars,
    texts: timing.texts,
  };
}

const fmt = (x: number, digits = 1) => (Number.isNaN(x) ? '–' : x.toFixed(digits));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const glossary = JSON.parse(fs.readFileSync(path.join(ROOT, '.generated/glossary.json'), 'utf8')) as CompiledGlossary;
  const lookup = createLookup(glossary);
  const pages = Object.fromEntries(args.sizes.map((s) => [s, bigPage(SIZES[s] as number, { termEvery: args.every })]));
  const server = await startServer(
    Object.fromEntries(args.sizes.map((s) => [`/bench-${s}.html`, () => pages[s]!.html])),
  );
  const withExt = await launchChromium();
  const without = await launchChromium({ extension: false });
  const rows: Array<Record<string, number | string>> = [];
  try {
    for (const size of args.sizes) {
      const url = server.url(`bench-${size}.html`);
      const settleMs = size === '10m' ? 60_000 : 20_000;
      const ext: ExtRun[] = [];
      const bare: BareRun[] = [];
      for (let i = 0; i < args.runs; i++) {
        // Alternate, so that load on the machine falls on both sides alike.
        bare.push(await runWithout(without, url, settleMs));
        const run = await runWithExtension(withExt, url, settleMs);
        ext.push(run);
        const { ext: k } = run.tasks;
        process.stderr.write(
          `${size} run ${i + 1}/${args.runs}: longest extension tasks: start ${fmt(k.start.wall)} (${k.start.what}); ` +
            `slice ${fmt(k.slice.wall)} (${k.slice.what}); frame ${fmt(k.frame.wall)} (${k.frame.what}); idle ${fmt(k.idle.wall)}\n`,
        );
      }
      let matches = 0;
      for (const text of bare[0]?.texts ?? []) lookup.matcher.scan(text, () => matches++);
      const m = (f: (r: ExtRun) => number) => median(ext.map(f));
      const b = (f: (r: BareRun) => number) => median(bare.map(f));
      rows.push({
        page: size,
        bytes: pages[size]?.bytes ?? 0,
        runs: b((r) => r.runs),
        chars: b((r) => r.chars),
        matches,
        bareCollectMs: b((r) => r.collectMs),
        firstMarksMs: m((r) => r.firstMarks),
        visiblePaintedMs: m((r) => r.visiblePainted),
        marksRegistered: m((r) => r.marks),
        startMs: m((r) => r.tasks.ext.start.wall),
        startCpuMs: m((r) => r.tasks.ext.start.cpu),
        sliceMs: m((r) => r.tasks.ext.slice.wall),
        sliceCpuMs: m((r) => r.tasks.ext.slice.cpu),
        frameMs: m((r) => r.tasks.ext.frame.wall),
        frameCpuMs: m((r) => r.tasks.ext.frame.cpu),
        idleMs: m((r) => r.tasks.ext.idle.wall),
        baseFrameMs: b((r) => r.tasks.frame.wall),
        baseFrameCpuMs: b((r) => r.tasks.frame.cpu),
        longestWithMs: m((r) => r.tasks.longest.wall),
        longestWithoutMs: b((r) => r.tasks.longest.wall),
        extTasks: m((r) => r.tasks.extTasks),
        tbtAddedMs: m((r) => r.tasks.tbt) - b((r) => r.tasks.tbt),
        heapAddedMb: m((r) => r.heap) - b((r) => r.heap),
        bareHeapMb: b((r) => r.collectHeap),
        jumpMs: m((r) => r.jumpMs),
        jumpOnScreen: m((r) => r.jumpOnScreen),
      });
    }
  } finally {
    await withExt.close();
    await without.close();
    await server.close();
  }
  if (args.json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  const n = (r: Record<string, number | string>, k: string) => r[k] as number;
  console.log(
    `\nbench:page — headless Chromium, medians of ${args.runs} runs; a glossary term inserted every ${args.every} characters.`,
  );
  console.log(
    "Times from the content script's start; (×) is the ratio to a bare text-collection pass on the same page.",
  );
  console.log(
    "Longest tasks: wall ms / CPU ms. Heap: JS heap after GC, minus the page without the extension (× the heap the bare pass's runs keep).\n",
  );
  console.log(
    '| page | runs / chars / matches | bare pass | first marks | visible painted | longest scan slice | longest frame with mark changes / without ext | start task | page-glossary idle task | TBT added | heap added | after jump to end |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const c = n(r, 'bareCollectMs');
    const x = (v: number) => `${fmt(v)} (${fmt(v / c, 2)}×)`;
    const wc = (wall: string, cpu: string) => `${fmt(n(r, wall))} / ${fmt(n(r, cpu))}`;
    const cells = [
      `${r.page} (${fmt(n(r, 'bytes') / 1e6, 2)} MB)`,
      `${r.runs} / ${r.chars} / ${r.matches}`,
      `${fmt(c)} ms`,
      x(n(r, 'firstMarksMs')),
      x(n(r, 'visiblePaintedMs')),
      `${wc('sliceMs', 'sliceCpuMs')} (${fmt(n(r, 'sliceMs') / c, 2)}×)`,
      `${wc('frameMs', 'frameCpuMs')} / ${wc('baseFrameMs', 'baseFrameCpuMs')}`,
      wc('startMs', 'startCpuMs'),
      fmt(n(r, 'idleMs')),
      x(n(r, 'tbtAddedMs')),
      `${fmt(n(r, 'heapAddedMb'))} MB (${fmt(n(r, 'heapAddedMb') / n(r, 'bareHeapMb'), 2)}×)`,
      `${fmt(n(r, 'jumpMs'))} ms, ${r.jumpOnScreen} marks on screen`,
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

await main();
