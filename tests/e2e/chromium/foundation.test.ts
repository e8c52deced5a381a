/**
 * The foundation, end to end in real Chromium: the built extension marks the
 * seed's terms on a county-site page (also where markup splits them), leaves
 * editable fields alone, shows the official definition on hover, and the
 * popup's search finds 四上企业 first for 四上.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROME_EXT, type ChromiumSession, launchChromium, screenshot } from '../support/chromium';
import { checkExpectations, marksFor } from '../support/expectations';
import { cardText, type MarkInfo, readExpectations } from '../support/page-probes';
import { outsideRequests } from '../support/privacy';
import { type FixtureServer, startServer } from '../support/server';

let server: FixtureServer;
let browser: ChromiumSession;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('content script on a county page', () => {
  test('marks the seed terms, split ones included, and nothing in editable fields', async () => {
    const page = await browser.newPage();
    await page.goto(server.url('county.html'));
    await page.waitForFunction(() => {
      const reg = (globalThis as unknown as { CSS: { highlights: Map<string, Set<unknown>> } }).CSS.highlights;
      return [...reg.keys()].some((k) => k.startsWith('policy-glossary'));
    });
    // Marks come in as the scan goes (on a loaded machine, in several slices): wait for all expected ones.
    const expectations = await page.evaluate(readExpectations);
    const marks: MarkInfo[] = await marksFor(page, expectations);
    checkExpectations(marks, expectations);
    // A term split over table cells or list items is not one term.
    const texts = marks.map((m) => m.text);
    expect(marks.filter((m) => m.at === 'td-split-1' || m.at === 'li-1').map((m) => m.text)).not.toContain('三高四新');
    expect(texts.filter((t) => t.replace(/[“”]/g, '') === '三高四新').length).toBeGreaterThan(0);
    await page.close();
  });

  test('hovering a term opens the card with its official definition', async () => {
    const page = await browser.newPage();
    await page.goto(server.url('county.html'));
    const target = await page.waitForFunction(() => {
      const reg = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights;
      for (const [name, set] of reg) {
        if (!name.startsWith('policy-glossary')) continue;
        for (const r of set) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          if (live.toString() === '四上”企业' || live.toString() === '四上企业') {
            const b = live.getClientRects()[0] as DOMRect;
            return { x: b.left + 4, y: b.top + b.height / 2 };
          }
        }
      }
      return null;
    });
    const { x, y } = (await target.jsonValue()) as { x: number; y: number };
    await page.mouse.move(x, y, { steps: 4 });
    await page.waitForFunction(() =>
      document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card'),
    );
    const text = (await page.evaluate(cardText)) ?? '';
    // The seed's 名词解释 entry 9, verbatim.
    expect(text).toContain(
      '指规模以上工业企业、房地产企业和有资质的建筑业企业、限额以上批发零售住宿餐饮业企业、规模以上服务业企业。',
    );
    expect(text).toContain('靖州');
    await screenshot(page, 'chromium-card.png');
    await page.close();
  });
});

describe('popup', () => {
  test('searching 四上 lists 四上企业 first', async () => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.locator('input[type=search]').fill('四上');
    const first = page.locator('[role=listbox] [role=option]').first();
    await expect.poll(() => first.textContent()).toContain('四上');
    expect((await first.textContent())?.replace(/[“”]/g, '')).toMatch(/^四上企业/);
    await screenshot(page, 'chromium-popup.png');
    await page.close();
  });
});

test("pages cannot probe for the content script's modules (they are web-accessible only at a per-session URL)", async () => {
  const page = await browser.newPage();
  await page.goto(server.url('county.html'));
  // The content script imported both modules from the extension: its marks are there, and the card opened above.
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('policy-glossary')));
  for (const file of ['content-main.js', 'content-card.js']) {
    expect(fs.existsSync(path.join(CHROME_EXT, file)), file).toBe(true);
    const probe = await page.evaluate(
      (url) =>
        fetch(url).then(
          (r) => `status ${r.status}`,
          () => 'refused',
        ),
      `chrome-extension://${browser.extensionId}/${file}`,
    );
    expect(probe, file).toBe('refused');
  }
  await page.close();
});

test('no request leaves the machine', () => {
  expect(outsideRequests(browser.requests)).toEqual([]);
});
