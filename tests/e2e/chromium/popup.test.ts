/**
 * The popup in real Chromium, on the built extension: every search query of
 * issue 6 (and more), the keyboard, the entry view (related terms, copy
 * citation), "On this page" against a fixture page (counts, order,
 * click-to-scroll, live updates), the context-menu lookup, the zh and en
 * screenshots, and no request leaving the machine.
 *
 * The toolbar popup itself cannot be opened and driven headless
 * (action.openPopup shows nothing there), so the tests open popup.html in a
 * tab, with ?tab= naming the page it is about: the same mode the
 * context-menu fallback window uses.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ISSUE_QUERIES, MORE_QUERIES, stripQuotes } from '../../fixtures/popup-queries';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { type FixtureServer, startServer } from '../support/server';
import { findToolbarPopup, popupScreenshot } from './popup-helpers';

/** The extension API as the worker sees it, for code evaluated there. */
declare const chrome: typeof import('wxt/browser').browser;

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

const worker = (): Worker => browser.context.serviceWorkers()[0] as Worker;
/** expect.poll with room for a loaded machine (its default gives up after 1 s). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 8000 });

/** Pages a test opened, closed after it whatever happened, so no tab outlives its test. */
const opened: Page[] = [];
async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  opened.push(page);
  return page;
}
afterEach(async () => {
  for (const page of opened.splice(0)) await page.close().catch(() => {});
});

async function openPopup(params = ''): Promise<Page> {
  const page = await newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html${params}`);
  await page.locator('input[type=search]').waitFor();
  return page;
}

/** The result terms, quotes stripped, once the list shows something for the query. */
async function search(page: Page, query: string): Promise<string[]> {
  const box = page.locator('input[type=search]');
  await box.fill(query);
  const options = page.locator('[role=listbox] [role=option] .pg-result-term');
  await options
    .first()
    .waitFor({ timeout: 5000 })
    .catch(() => {});
  return (await options.allTextContents()).map(stripQuotes);
}

/** The id of a tab showing `url` (the worker may read it: the page is on a default site). */
async function tabIdOf(url: string): Promise<number> {
  const id = await worker().evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

let fixtures = 0;
async function openFixture(file: string): Promise<{ page: Page; url: string; tabId: number }> {
  const page = await newPage();
  // A URL of its own, so the tab is found by its URL alone.
  const url = `${server.url(file)}?n=${++fixtures}`;
  await page.goto(url);
  await page.waitForFunction(() =>
    [...(globalThis as unknown as { CSS: { highlights: Map<string, unknown> } }).CSS.highlights.keys()].some((k) =>
      k.startsWith('policy-glossary'),
    ),
  );
  return { page, url, tabId: await tabIdOf(url) };
}

describe('search', () => {
  test.each([...ISSUE_QUERIES, ...MORE_QUERIES])(
    '$query finds $term within $within',
    async ({ query, term, within }) => {
      const page = await openPopup();
      const terms = await search(page, query);
      expect(terms.slice(0, within), `results for ${query}: ${terms.slice(0, 5).join(', ')}`).toContain(term);
    },
  );

  test('the matched characters are emphasised, and each row shows pinyin, English and scope', async () => {
    const page = await openPopup();
    await search(page, 'sgsx');
    const first = page.locator('[role=option]').first();
    await poll(() => first.locator('mark').allTextContents()).toEqual(['三高四新']);
    expect(await first.locator('.pg-result-pinyin').textContent()).toBe('sān gāo sì xīn');
    expect(await first.locator('.pg-badge').textContent()).toBe('湖南省');
    expect((await first.locator('.pg-result-english').textContent())?.length).toBeGreaterThan(5);
  });

  test('a query that matches nothing says so', async () => {
    const page = await openPopup();
    await page.locator('input[type=search]').fill('qqqqzzzz');
    await poll(() => page.locator('.pg-note').textContent()).toContain('qqqqzzzz');
    expect(await page.locator('[role=option]').count()).toBe(0);
  });
});

describe('keyboard', () => {
  test('typing goes to the box, ↑/↓ move, Enter opens, Escape goes back', async () => {
    const page = await openPopup();
    // No click first: the box has the focus as the popup opens.
    await page.keyboard.type('san');
    await poll(() => page.locator('input[type=search]').inputValue()).toBe('san');
    const options = page.locator('[role=listbox] [role=option]');
    await poll(() => options.count()).toBeGreaterThan(2);
    const selected = () => page.locator('[role=option][aria-selected=true]').getAttribute('id');
    expect(await selected()).toBe('pg-opt-0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toBe('pg-opt-2');
    await page.keyboard.press('ArrowUp');
    expect(await selected()).toBe('pg-opt-1');
    expect(await page.locator('input[type=search]').getAttribute('aria-activedescendant')).toBe('pg-opt-1');
    const second = await options.nth(1).getAttribute('data-entry-id');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.pg-entry-view article').getAttribute('data-entry-id')).toBe(second);
    await page.keyboard.press('Escape');
    await options.first().waitFor();
    expect(await page.locator('input[type=search]').inputValue()).toBe('san');
    // Focus elsewhere (a tab button): typing still lands in the box.
    await page.locator('#pg-tab-page').focus();
    await page.keyboard.type('g');
    expect(await page.locator('input[type=search]').inputValue()).toBe('sang');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
  });

  test('the toolbar popup: about the active tab, and Escape closes it', async () => {
    const fixture = await openFixture('popup-terms.html');
    await fixture.page.bringToFront();
    await worker().evaluate(() => chrome.action.openPopup());
    const popup = await findToolbarPopup(browser, fixture.page);
    // The active tab's terms, without ?tab=: the path a toolbar click takes.
    await poll(() => popup.evaluate<string>('document.querySelector("#pg-tab-page")?.textContent ?? ""')).toContain(
      '(4)',
    );
    expect(await popup.evaluate<string>('document.activeElement?.getAttribute("type")')).toBe('search');
    await popup.press('Escape', 27);
    await poll(() => popup.isOpen()).toBe(false);
  });
});

describe('entry view', () => {
  test('related terms navigate, Back returns, and "Copy citation" copies', async () => {
    const page = await openPopup();
    await search(page, 'fang guan fu');
    await page.keyboard.press('Enter');
    const article = page.locator('.pg-entry-view article');
    await poll(() => article.getAttribute('data-entry-id')).toBe('fang-guan-fu');
    // The same EntryView as the card: its related-term buttons, wired to navigate.
    const related = page.locator('.pg-related .pg-link').first();
    const relatedTerm = await related.textContent();
    await related.click();
    await poll(() => page.locator('.pg-entry-view .pg-term').textContent()).toBe(relatedTerm);
    await page.locator('.pg-back').click();
    await poll(() => article.getAttribute('data-entry-id')).toBe('fang-guan-fu');

    await page.locator('.pg-copy').click();
    await poll(() => page.locator('.pg-actions .pg-status').first().textContent()).toBe('Copied.');
    // Read the clipboard back the way a user would: paste it.
    await page.evaluate(() => {
      const area = document.createElement('textarea');
      area.id = 'paste-here';
      document.body.append(area);
      area.focus();
    });
    await page.keyboard.press('ControlOrMeta+V');
    const copied = await page.locator('#paste-here').inputValue();
    expect(copied).toContain('放管服');
    expect(copied).toContain((await page.locator('.pg-entry-view .pg-definition').first().textContent())?.trim());
  });
});

describe('on this page', () => {
  test('lists the fixture page’s terms with counts, in page order and by count', async () => {
    const fixture = await openFixture('popup-terms.html');
    const expected = (await fixture.page.evaluate(() => document.body.dataset.pageTerms ?? ''))
      .split(' ')
      .map((s) => s.split(':') as [string, string]);
    const page = await openPopup(`?tab=${fixture.tabId}`);
    const tabLabel = page.locator('#pg-tab-page');
    await poll(() => tabLabel.textContent()).toContain(`(${expected.length})`);
    await tabLabel.click();
    const rows = page.locator('.pg-page-row');
    await rows.first().waitFor();
    const read = async () =>
      rows.evaluateAll((els) =>
        els.map((el) => `${el.getAttribute('data-entry-id')}:${el.querySelector('.pg-count')?.textContent}`),
      );
    expect(await read()).toEqual(expected.map(([id, n]) => `${id}:${n}×`));
    await page.locator('[data-sort=count]').click();
    const byCount = [...expected].sort((a, b) => Number(b[1]) - Number(a[1]));
    expect(await read()).toEqual(byCount.map(([id, n]) => `${id}:${n}×`));
  });

  test('clicking a term scrolls to its first occurrence and flashes it; again goes to the next', async () => {
    const fixture = await openFixture('popup-terms.html');
    const page = await openPopup(`?tab=${fixture.tabId}`);
    await page.locator('#pg-tab-page').click();
    const row = page.locator('.pg-page-row[data-entry-id=xin-zhi-sheng-chan-li]');
    const flashed = () =>
      fixture.page.evaluate(() => {
        const set = (
          globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }
        ).CSS.highlights.get('policy-glossary-flash');
        const [r] = set ? [...set] : [];
        if (!r) return null;
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        const rect = live.getBoundingClientRect();
        return {
          text: live.toString(),
          at: r.startContainer.parentElement?.closest('[id]')?.id,
          inView: rect.top >= 0 && rect.bottom <= innerHeight,
        };
      });
    expect(await fixture.page.evaluate(() => scrollY)).toBe(0);
    await row.click();
    await poll(flashed).toEqual({ text: '新质生产力', at: 'p2', inView: true });
    expect(await fixture.page.evaluate(() => scrollY)).toBeGreaterThan(800);
    await poll(() => row.locator('.pg-count').textContent()).toBe('1 of 2');
    await row.click();
    await poll(flashed).toEqual({ text: '新质生产力', at: 'p4', inView: true });
    await poll(() => row.locator('.pg-count').textContent()).toBe('2 of 2');
    // Enter on the focused list does the same: back to the first occurrence.
    await page.locator('.pg-page-list').focus();
    await page.keyboard.press('Enter');
    await poll(flashed).toEqual({ text: '新质生产力', at: 'p2', inView: true });
  });

  test('updates when the page changes', async () => {
    const fixture = await openFixture('popup-terms.html');
    const page = await openPopup(`?tab=${fixture.tabId}`);
    await page.locator('#pg-tab-page').click();
    await page.locator('.pg-page-row').first().waitFor();
    expect(await page.locator('.pg-page-row[data-entry-id=shuang-sui-ji-yi-gong-kai]').count()).toBe(0);
    await fixture.page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'p-added';
      p.textContent = '全面推行“双随机、一公开”监管。';
      document.querySelector('#p1')?.after(p);
    });
    await page.locator('.pg-page-row[data-entry-id=shuang-sui-ji-yi-gong-kai]').waitFor({ timeout: 5000 });
    expect(await page.locator('#pg-tab-page').textContent()).toContain('(5)');
  });

  test('a page the glossary does not run on says so', async () => {
    const page = await openPopup();
    await page.locator('#pg-tab-page').click();
    await poll(() => page.locator('#pg-panel .pg-note').textContent()).toBe('Terms are not marked on this page.');
  });
});

describe('context menu', () => {
  test('"Look up in the glossary" on a selection opens the lookup with that text', async () => {
    const fixture = await openFixture('popup-terms.html');
    // Playwright cannot click the browser's own menu; the event is dispatched to the
    // background's real listener, with what Chromium passes for a selection.
    await fixture.page.bringToFront();
    await worker().evaluate(
      ({ tabId, url }) => {
        const info = { menuItemId: 'lookup-selection', selectionText: '  三高四新 ', pageUrl: url, editable: false };
        const tab = { id: tabId, url, index: 0, windowId: 0, active: true, pinned: false, incognito: false };
        (chrome.contextMenus.onClicked as unknown as { dispatch(...args: unknown[]): void }).dispatch(info, tab);
      },
      { tabId: fixture.tabId, url: fixture.url },
    );
    // The background opened the real toolbar popup on the lookup.
    const popup = await findToolbarPopup(browser, fixture.page);
    await poll(() => popup.evaluate<string>('document.querySelector("input[type=search]")?.value')).toBe('三高四新');
    await poll(() =>
      popup.evaluate<string>('document.querySelector("[role=option] .pg-result-term")?.textContent ?? ""'),
    ).toMatch(/^“?三高四新”?$/);
    await popup.press('Escape', 27);
  });
});

describe('screenshots', () => {
  test('popup in English (test-results/popup-en.png)', async () => {
    const fixture = await openFixture('popup-terms.html');
    const page = await openPopup(`?tab=${fixture.tabId}`);
    await search(page, 'san');
    await poll(() => page.locator('#pg-tab-page').textContent()).toContain('(4)');
    await popupScreenshot(page, 'popup-en.png');
  });

  test('popup in Chinese (test-results/popup-zh.png)', async () => {
    const zh = await launchChromium({ locale: 'zh-CN' });
    try {
      const fixture = await zh.newPage();
      const url = server.url('popup-terms.html');
      await fixture.goto(url);
      const [sw] = zh.context.serviceWorkers();
      await poll(() =>
        sw?.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url),
      ).toBeTypeOf('number');
      const tabId = await sw?.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
      const page = await zh.newPage();
      await page.goto(`chrome-extension://${zh.extensionId}/popup.html?tab=${tabId}`);
      await page.locator('input[type=search]').fill('四上');
      await page.locator('[role=option]').first().waitFor();
      await poll(() => page.locator('#pg-tab-page').textContent()).toContain('本页术语');
      expect(await page.locator('input[type=search]').getAttribute('placeholder')).toBe('术语、拼音、首字母或英文');
      expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^zh/);
      await popupScreenshot(page, 'popup-zh.png');
      expect(
        zh.requests.filter(
          (u) => !/^(chrome-extension|data|blob):|^http:\/\/[^/]*(127\.0\.0\.1|\.gov\.cn)[:/]/.test(u),
        ),
      ).toEqual([]);
    } finally {
      await zh.close();
    }
  });
});

test('no request leaves the machine', () => {
  const outside = browser.requests.filter((u) => {
    const url = new URL(u);
    return (
      !['chrome-extension:', 'data:', 'blob:'].includes(url.protocol) &&
      url.hostname !== '127.0.0.1' &&
      !url.hostname.endsWith('.gov.cn')
    );
  });
  expect(browser.requests.length).toBeGreaterThan(0);
  expect(outside).toEqual([]);
});
