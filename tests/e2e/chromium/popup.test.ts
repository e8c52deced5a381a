/**
 * The popup in real Chromium, on the built extension: every search query of
 * issue 6 (and more), the keyboard, the entry view (related terms, copy
 * citation), "On this page" against fixture pages (counts, order,
 * click-to-scroll, live updates, terms the page defines itself and its
 * badge), "Export this page's glossary", the context-menu lookup, the zh and
 * en screenshots, and no request leaving the machine.
 *
 * The toolbar popup itself cannot be opened and driven headless
 * (action.openPopup shows nothing there), so the tests open popup.html in a
 * tab, with ?tab= naming the page it is about: the same mode the
 * context-menu fallback window uses.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import glossaryJson from '../../../.generated/glossary.json';
import type { CompiledGlossary } from '../../../engine/entry';
import { ISSUE_QUERIES, MORE_QUERIES, stripQuotes } from '../../fixtures/popup-queries';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { outsideRequests } from '../support/privacy';
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

/** A row of "On this page" as data-page-terms writes it: entry-id:count, or page=term:count. */
const rowKeys = (page: Page) =>
  page.locator('.pg-page-row').evaluateAll((els) =>
    els.map((el) => {
      const key = el.getAttribute('data-entry-id') ?? `page=${el.getAttribute('data-page-term')}`;
      return `${key}:${el.querySelector('.pg-count')?.textContent}`;
    }),
  );

/** Pastes the clipboard into a new text area of the page and returns it: the clipboard as a user gets it. */
async function paste(page: Page): Promise<string> {
  await page.evaluate(() => {
    const area = document.createElement('textarea');
    area.id = 'paste-here';
    document.body.append(area);
    area.focus();
  });
  await page.keyboard.press('ControlOrMeta+V');
  const text = await page.locator('#paste-here').inputValue();
  await page.evaluate(() => document.querySelector('#paste-here')?.remove());
  return text;
}

const glossary = glossaryJson as unknown as CompiledGlossary;

/** In the page: the flashed range's text, the id around it, and whether it is in view. */
function flashedRange(): { text: string; at: string | undefined; inView: boolean } | null {
  const set = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights.get(
    'policy-glossary-flash',
  );
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
      '(5)',
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
    const copied = await paste(page);
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
    await page.locator('.pg-page-row').first().waitFor();
    expect(await rowKeys(page)).toEqual(expected.map(([id, n]) => `${id}:${n}×`));
    await page.locator('[data-sort=count]').click();
    const byCount = [...expected].sort((a, b) => Number(b[1]) - Number(a[1]));
    expect(await rowKeys(page)).toEqual(byCount.map(([id, n]) => `${id}:${n}×`));
  });

  test('a term only the page defines is listed with its badge and definition; a click scrolls to it', async () => {
    const fixture = await openFixture('popup-terms.html');
    const page = await openPopup(`?tab=${fixture.tabId}`);
    await poll(() => page.locator('#pg-tab-page').textContent()).toContain('(5)');
    await page.locator('#pg-tab-page').click();
    const row = page.locator('.pg-page-row[data-page-term=原保险保费收入]');
    expect(await row.locator('.pg-badge-defined').textContent()).toBe('Defined on this page');
    expect(await row.locator('.pg-page-definition').textContent()).toBe('是指保险企业确认的原保险合同保费收入。');
    expect(await row.locator('.pg-count').textContent()).toBe('2×');
    // The glossary has no such entry: the row is the page's, not a bundled one.
    expect(glossary.entries.some((e) => [e.term, ...e.variants].includes('原保险保费收入'))).toBe(false);
    // Bundled terms the page does not define carry no such badge.
    expect(await page.locator('.pg-page-row[data-entry-id] .pg-badge-defined').count()).toBe(0);
    const flashed = () => fixture.page.evaluate(flashedRange);
    await row.click();
    await poll(flashed).toEqual({ text: '原保险保费收入', at: 'p5', inView: true });
    await poll(() => row.locator('.pg-count').textContent()).toBe('1 of 2');
    await row.click();
    await poll(flashed).toEqual({ text: '原保险保费收入', at: 'g1', inView: true });
    await popupScreenshot(page, 'popup-page-en.png');
  });

  test('the seed report: its ten 名词解释 terms are badged, and terms the glossary lacks are listed', async () => {
    const fixture = await openFixture('report-jingzhou.html');
    const page = await openPopup(`?tab=${fixture.tabId}`);
    await page.locator('#pg-tab-page').click();
    const defined = page.locator('.pg-page-defined');
    // Page-defined rows come once the page's definitions are read (an idle moment after the first scan).
    await defined.first().waitFor({ timeout: 8000 });
    const rows = await page.locator('.pg-page-row').evaluateAll((els) =>
      els.map((el) => ({
        term: el.querySelector('.pg-result-term')?.textContent ?? '',
        kind: el.hasAttribute('data-page-term') ? 'page' : 'entry',
        badge: el.querySelector('.pg-badge-defined')?.textContent ?? null,
      })),
    );
    const strip = (t: string) => t.replace(/[“”‘’\s]/g, '');
    for (const term of [
      '三高四新',
      '发展六仗',
      '五新四城',
      '靖州现象',
      '五区',
      '小巨人',
      '四上',
      '5+2',
      '十百千万',
      '四乡十村',
    ]) {
      const row = rows.find((r) => strip(r.term).includes(term));
      expect(row, `${term} listed`).toBeTruthy();
      expect(row?.badge, `${term} badged`).toBe('Defined on this page');
    }
    // Terms the page defines inline (“三高”指…, “四城”指…) that no bundled entry has: their own rows.
    const bundled = new Set(glossary.entries.flatMap((e) => [e.term, ...e.variants].map(strip)));
    const pageOnly = rows.filter((r) => r.kind === 'page');
    expect(pageOnly.map((r) => strip(r.term))).toEqual(expect.arrayContaining(['三高', '四城']));
    for (const r of pageOnly) {
      expect(bundled.has(strip(r.term)), `${r.term} is not a bundled term`).toBe(false);
      expect(r.badge).toBe('Defined on this page');
    }
    // A bundled term the page does not define: no badge.
    expect(rows.find((r) => strip(r.term) === '高质量发展')?.badge).toBeNull();
  });

  test('clicking a term scrolls to its first occurrence and flashes it; again goes to the next', async () => {
    const fixture = await openFixture('popup-terms.html');
    const page = await openPopup(`?tab=${fixture.tabId}`);
    await page.locator('#pg-tab-page').click();
    const row = page.locator('.pg-page-row[data-entry-id=xin-zhi-sheng-chan-li]');
    const flashed = () => fixture.page.evaluate(flashedRange);
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
    expect(await page.locator('#pg-tab-page').textContent()).toContain('(6)');
  });

  test('"Export this page’s glossary" copies Markdown and offers it as a file', async () => {
    const fixture = await openFixture('popup-terms.html');
    const page = await openPopup(`?tab=${fixture.tabId}`);
    await poll(() => page.locator('#pg-tab-page').textContent()).toContain('(5)');
    await page.locator('#pg-tab-page').click();
    await page.locator('.pg-export-button').click();
    await poll(() => page.locator('.pg-export-status').textContent()).toBe('Copied as Markdown.');
    const copied = await paste(page);
    // The same Markdown as a file: a blob URL made in the popup.
    const link = page.locator('a.pg-export-file');
    expect(await link.getAttribute('download')).toBe('page-glossary.md');
    expect(await link.getAttribute('href')).toMatch(/^blob:chrome-extension:/);
    const file = await link.evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    expect(file).toBe(copied);

    const rows = copied.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Term'));
    // The page's own term first, with the page as its source.
    const own = rows.find((r) => r.startsWith('| 原保险保费收入 |'));
    expect(own).toContain('是指保险企业确认的原保险合同保费收入。');
    expect(own).toContain('政府工作报告（演示页） (名词解释)');
    expect(own).toContain(fixture.url);
    expect(rows[0]).toBe(own);
    // A bundled term, with its source.
    const entry = glossary.entries.find((e) => e.id === 'san-gao-si-xin');
    const source = entry?.sources[0];
    const bundled = rows.find((r) => r.startsWith(`| ${entry?.term} |`));
    expect(bundled).toContain(`${source?.title}, ${source?.issuer}, ${source?.date}`);
    expect(bundled).not.toContain('(名词解释)');
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
    await poll(() => page.locator('#pg-tab-page').textContent()).toContain('(5)');
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
      // "On this page" in Chinese: the export button and the page-defined badge.
      await page.locator('#pg-tab-page').click();
      expect(await page.locator('.pg-export-button').textContent()).toBe('导出本页术语表');
      await poll(() => page.locator('.pg-page-row[data-page-term] .pg-badge-defined').textContent()).toBe('本页定义');
      await popupScreenshot(page, 'popup-page-zh.png');
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
  expect(browser.requests.length).toBeGreaterThan(0);
  expect(outsideRequests(browser.requests)).toEqual([]);
});
