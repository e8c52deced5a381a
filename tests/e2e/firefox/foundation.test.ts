/**
 * The foundation, end to end in real Firefox (the same checks as
 * tests/e2e/chromium/foundation.test.ts): the built extension marks the
 * seed's terms on a county-site page (also where markup splits them), leaves
 * editable fields alone, shows the official definition on hover, and the
 * popup's search finds 四上企业 first for 四上. Screenshots of the card and
 * the popup go to test-results/firefox-*.png.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, type TestBrowser, waitFor } from '../support/driver';
import { checkExpectations, marksFor } from '../support/expectations';
import { cardText, type MarkInfo, readExpectations } from '../support/page-probes';
import { markCount } from '../support/scanner-probes';
import { type FixtureServer, startServer } from '../support/server';

let server: FixtureServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser('firefox');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A point inside the mark of 四上企业 (the page writes “四上”企业). */
function siShangPoint(): { x: number; y: number } | null {
  const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights;
  for (const [name, set] of registry) {
    if (!name.startsWith('policy-glossary')) continue;
    for (const r of set) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      if (live.toString() === '四上”企业' || live.toString() === '四上企业') {
        const b = live.getClientRects()[0] as DOMRect;
        return { x: Math.round(b.left + 4), y: Math.round(b.top + b.height / 2) };
      }
    }
  }
  return null;
}

describe('content script on a county page', () => {
  test('marks the seed terms, split ones included, and nothing in editable fields', async () => {
    const page = await browser.open(server.url('county.html'));
    await waitFor(() => page.evaluate(markCount), 'marks');
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
    const page = await browser.open(server.url('county.html'));
    const { x, y } = await waitFor(() => page.evaluate(siShangPoint), 'the mark of 四上企业');
    await page.mouseMove(x - 30, y + 30);
    await page.mouseMove(x, y, 4);
    const text = await waitFor(() => page.evaluate(cardText), 'the card');
    // The seed's 名词解释 entry 9, verbatim.
    expect(text).toContain(
      '指规模以上工业企业、房地产企业和有资质的建筑业企业、限额以上批发零售住宿餐饮业企业、规模以上服务业企业。',
    );
    expect(text).toContain('靖州');
    await page.screenshot('card');
    await page.close();
  });
});

describe('popup', () => {
  test('searching 四上 lists 四上企业 first', async () => {
    const page = await browser.openExtensionPage('popup.html', 'input[type=search]');
    await page.fill('input[type=search]', '四上');
    const first = await waitFor(async () => {
      const text = await page.evaluate(
        () => document.querySelector('[role=listbox] [role=option]')?.textContent ?? null,
      );
      return text?.includes('四上') ? text : null;
    }, 'a first result for 四上');
    expect(first.replace(/[“”]/g, '')).toMatch(/^四上企业/);
    await page.screenshot('popup');
    await page.close();
  });
});
