/**
 * The popup's speed in real Chromium, on the built extension and the full
 * glossary: how soon after opening it is interactive (the search box focused,
 * then the glossary loaded), and how long a keystroke takes from input to the
 * rendered result list. Medians over several openings. Not a test: numbers.
 *
 *   npx wxt build && npx tsx scripts/bench-popup.ts
 */
import { launchChromium } from '../tests/e2e/support/chromium';

const OPENINGS = 15;
const QUERIES = [
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const session = await launchChromium();
try {
  const url = `chrome-extension://${session.extensionId}/popup.html`;
  const focused: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < OPENINGS; i++) {
    const page = await session.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('policy-glossary:ready').length > 0);
    const t = await page.evaluate(() => ({
      // The box has focus from the first render (autofocus): first contentful paint.
      focused: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      ready: (performance.getEntriesByName('policy-glossary:ready')[0] as PerformanceMark).startTime,
    }));
    focused.push(t.focused);
    ready.push(t.ready);
    await page.close();
  }
  const baseline: number[] = [];
  for (let i = 0; i < OPENINGS; i++) {
    const page = await session.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/options.html`);
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    baseline.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0));
    await page.close();
  }
  console.log(`baseline, options page (no glossary) → first paint: median ${median(baseline).toFixed(1)} ms`);
  console.log(`popup open → first paint, box focused: median ${median(focused).toFixed(1)} ms`);
  console.log(
    `popup open → glossary loaded, search answers: median ${median(ready).toFixed(1)} ms (max ${Math.max(...ready).toFixed(1)})`,
  );
  const after = ready.map((r, i) => r - (focused[i] as number));
  console.log(`first paint → search answers (the popup's own cost): median ${median(after).toFixed(1)} ms`);

  const page = await session.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('policy-glossary:ready').length > 0);
  for (const q of QUERIES) {
    const times = await page.evaluate(async (query) => {
      const box = document.querySelector('input[type=search]') as HTMLInputElement;
      const out: number[] = [];
      for (let i = 0; i < 21; i++) {
        // Alternate with a different text so every run is a real change.
        box.value = i % 2 ? '' : query;
        const t0 = performance.now();
        box.dispatchEvent(new Event('input', { bubbles: true }));
        // Preact renders after the current task's microtasks; a macrotask later the list is in the DOM.
        await new Promise((r) => setTimeout(r, 0));
        if (i % 2 === 0) out.push(performance.now() - t0);
      }
      return out;
    }, q);
    console.log(
      `keystroke → results rendered, ${JSON.stringify(q)}: median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`,
    );
  }
} finally {
  await session.close();
}
