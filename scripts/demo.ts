/**
 * `npm run demo`: builds the extension, then opens Chromium with it loaded on
 * the bundled demo page (a county report, served as www.jingzhou-demo.gov.cn
 * from 127.0.0.1) and hovers a term. With a display it leaves the window open
 * for you; headless (no DISPLAY, or CI) it writes test-results/demo.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_EXT, chromiumPath } from '../tests/e2e/support/chromium';
import { startServer } from '../tests/e2e/support/server';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test-results/demo.png');

if (!process.argv.includes('--no-build')) {
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
const page = fs.readFileSync(path.join(ROOT, 'demo/index.html'), 'utf8');
const server = await startServer({ '/': () => page });
const headless = !process.env.DISPLAY || !!process.env.CI;
const context = await chromium.launchPersistentContext(fs.mkdtempSync('/tmp/pg-demo-'), {
  executablePath: chromiumPath(),
  headless,
  viewport: { width: 1200, height: 800 },
  args: [
    `--disable-extensions-except=${CHROME_EXT}`,
    `--load-extension=${CHROME_EXT}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP *.gov.cn 127.0.0.1',
  ],
});
const tab = context.pages()[0] ?? (await context.newPage());
const url = server.url('/');
await tab.goto(url);
// Hover the first marked 三高四新 once the content script has marked it.
const point = await tab
  .waitForFunction(
    () => {
      for (const [name, set] of CSS.highlights) {
        if (!name.startsWith('policy-glossary')) continue;
        for (const r of set as unknown as Iterable<AbstractRange>) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          if (live.toString().includes('三高四新')) {
            const b = live.getClientRects()[0] as DOMRect;
            return { x: b.left + 8, y: b.top + b.height / 2 };
          }
        }
      }
      return null;
    },
    null,
    { timeout: 15_000 },
  )
  .then((h) => h.jsonValue() as Promise<{ x: number; y: number }>);
await tab.mouse.move(point.x, point.y, { steps: 5 });
await tab.waitForFunction(() =>
  document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('[role=dialog]'),
);
await tab.waitForTimeout(300);
fs.mkdirSync(path.dirname(OUT), { recursive: true });
await tab.screenshot({ path: OUT });
console.log(
  `demo: ${url} (served from 127.0.0.1); the card is open over 三高四新; screenshot: ${path.relative(ROOT, OUT)}`,
);
if (headless) {
  await context.close();
  await server.close();
} else {
  console.log('demo: close the browser window to stop.');
  context.on('close', () => void server.close());
}
