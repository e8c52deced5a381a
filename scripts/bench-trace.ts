/**
 * Chromium traces for the browser benchmarks (bench-page.ts, bench-start.ts):
 * record a trace around some work, wait for the page to go quiet, and sort
 * the page's main-thread tasks into the extension's kinds (its start, scan
 * slices, frames in which it changed marks, idle callbacks).
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; frame?: string } };
}

export async function traced<T>(cdp: CDPSession, body: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    for (const x of e.value) events.push(x as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'],
    },
    transferMode: 'ReportEvents',
  } as never);
  const result = await body();
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  return { result, events };
}

/** Waits until the main thread has been nearly idle for 2 s (CDP metrics: no JS, no probing). */
export async function settle(cdp: CDPSession, maxMs: number): Promise<void> {
  const taskTime = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  const end = Date.now() + maxMs;
  let quiet = 0;
  let last = await taskTime();
  while (Date.now() < end && quiet < 4) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await taskTime();
    quiet = now - last < 0.03 ? quiet + 1 : 0;
    last = now;
  }
}

/** Kinds of main-thread task that ran extension code. */
export type Kind = 'start' | 'slice' | 'frame' | 'idle';

export interface Longest {
  /** Wall time, ms. */
  wall: number;
  /** Thread (CPU) time, ms: the machine's cores are shared, so wall time includes waiting. */
  cpu: number;
  /** Its biggest inner events. */
  what: string;
}

export interface TaskStats {
  /** Longest task after DOMContentLoaded, whatever ran in it. */
  longest: Longest;
  /** Longest rendering frame (a task that painted). */
  frame: Longest;
  /** Longest task of each kind that ran extension code: its start (script evaluation, glossary load), scan slices, frames with its rAF work, idle callbacks (the page-glossary feature). */
  ext: Record<Kind, Longest>;
  extTasks: number;
  tbt: number;
  /** Trace clock (µs) of DOMContentLoaded and of the content script's start. */
  dclTs: number;
  scriptTs: number;
}

export const none = (): Longest => ({ wall: 0, cpu: 0, what: '' });

/** Main-thread tasks of the page's renderer from DOMContentLoaded on. */
export function taskStats(events: TraceEvent[], url: string): TaskStats {
  const parse = events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(url));
  if (!parse) throw new Error(`no ParseHTML for ${url} in the trace`);
  const main = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid);
  const dclTs = main.find((e) => e.name === 'MarkDOMContent')?.ts ?? parse.ts;
  const fromExtension = (e: TraceEvent) => JSON.stringify(e.args ?? {}).includes('chrome-extension://');
  const script = main.find((e) => e.name === 'EvaluateScript' && fromExtension(e));
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.ts >= dclTs).sort((a, b) => a.ts - b.ts);
  const inner = main.filter((e) => e.name !== 'RunTask' && e.ts >= dclTs).sort((a, b) => a.ts - b.ts);
  // The fixture pages run no script: microtasks, posted tasks and modules are the extension's.
  const isExtension = (e: TraceEvent) =>
    e.name === 'RunYieldContinuation' ||
    e.name === 'v8.evaluateModule' ||
    e.name === 'RunPostTaskCallback' ||
    e.name === 'RunMicrotasks' ||
    (fromExtension(e) && ['FunctionCall', 'EvaluateScript', 'TimerFire', 'v8.compile'].includes(e.name));
  const stats: TaskStats = {
    longest: none(),
    frame: none(),
    ext: { start: none(), slice: none(), frame: none(), idle: none() },
    extTasks: 0,
    tbt: 0,
    dclTs,
    scriptTs: script?.ts ?? Number.NaN,
  };
  const keep = (slot: Longest, wall: number, cpu: number, within: TraceEvent[]) => {
    if (wall <= slot.wall) return;
    const by = new Map<string, number>();
    for (const e of within)
      if (e.dur && e.name !== 'ThreadControllerImpl::RunTask') by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
    slot.wall = wall;
    slot.cpu = cpu;
    slot.what = [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([n, d]) => `${n} ${d.toFixed(1)}`)
      .join(', ');
  };
  let sliced = false;
  let j = 0;
  for (const t of tasks) {
    const wall = (t.dur ?? 0) / 1000;
    const cpu = (t.tdur ?? t.dur ?? 0) / 1000;
    stats.tbt += Math.max(0, wall - 50);
    while (j < inner.length && (inner[j] as TraceEvent).ts < t.ts) j++;
    const within: TraceEvent[] = [];
    for (let k = j; k < inner.length && (inner[k] as TraceEvent).ts <= t.ts + (t.dur ?? 0); k++)
      within.push(inner[k] as TraceEvent);
    keep(stats.longest, wall, cpu, within);
    const painted = within.some((e) => e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'FireAnimationFrame');
    if (painted) keep(stats.frame, wall, cpu, within);
    if (!within.some(isExtension)) continue;
    stats.extTasks++;
    const posted = within.some((e) => e.name === 'RunPostTaskCallback' || e.name === 'RunYieldContinuation');
    sliced ||= posted;
    const kind: Kind = within.some((e) => e.name === 'FireIdleCallback')
      ? 'idle'
      : painted
        ? 'frame'
        : sliced
          ? 'slice'
          : 'start';
    keep(stats.ext[kind], wall, cpu, within);
  }
  return stats;
}

/** The median of the numbers that are not NaN (the lower middle one of an even count), or NaN. */
export function median(xs: number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] as number) : Number.NaN;
}
