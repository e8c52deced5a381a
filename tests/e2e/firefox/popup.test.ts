/**
 * The popup, site control and options in real Firefox (MV2 build), as far as
 * its automation allows: every search query, the keyboard, "On this page"
 * with click-to-scroll (bundled terms and terms the page defines itself,
 * badged), "Export this page's glossary", enabling and disabling a
 * non-default site (contentScripts.register), and a bad settings import.
 *
 * Not here, and why: the context-menu lookup (Firefox's extension events
 * cannot be dispatched from outside, and WebDriver cannot open the browser's
 * own menus) and the toolbar popup itself (tests open popup.html in a tab).
 *
 * Launched with one extra pref: Mozilla's test pref that grants optional
 * permissions without the doorhanger, which WebDriver cannot click.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import glossaryJson from '../../../.generated/glossary.json';
import type { CompiledGlossary } from '../../../engine/entry';
import { ISSUE_QUERIES, MORE_QUERIES, stripQuotes } from '../../fixtures/popup-queries';
import { wrapPuppeteer } from '../support/driver';
import { expectMarks } from '../support/expectations';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { readMarks } from '../support/page-probes';
import { type FixtureServer, startServer } from '../support/server';

declare const browser: typeof import('wxt/browser').browser;

let BASE: string;
let session: FirefoxSession;

let server: FixtureServer;
let firefox: Browser;
let profile: string;
const requests: string[] = [];
const opened: Page[] = [];
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 8000 });

beforeAll(async () => {
  server = await startServer();
  // A folder for the files the tests hand to the options page.
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-firefox-popup-'));
  session = await launchFirefox({ 'extensions.webextOptionalPermissionPrompts': false });
  firefox = session.browser;
  BASE = session.extensionUrl('').replace(/\/$/, '');
});
afterAll(async () => {
  await session?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  await server?.close();
});
afterEach(async () => {
  for (const page of opened.splice(0)) await page.close().catch(() => {});
});

async function newPage(): Promise<Page> {
  const page = await firefox.newPage();
  await page.setViewport({ width: 1200, height: 800 });
  page.on('request', (r) => requests.push(r.url()));
  opened.push(page);
  return page;
}

/**
 * Extension pages: WebDriver BiDi never reports their navigation as done, so wait for the page itself.
 * Under load the first navigation from about:blank is sometimes dropped: navigate again, up to three times.
 */
async function openExtensionPage(file: string, ready: string): Promise<Page> {
  const page = await newPage();
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${BASE}/${file}`, { timeout: 1500 }).catch(() => {});
    const found = await page
      .waitForSelector(ready, { timeout: 8_000 })
      .then(() => true)
      .catch(() => false);
    if (found) return page;
    if (attempt === 3) throw new Error(`${ready} never appeared in ${file} after ${attempt} navigations`);
  }
}

const markCount = (page: Page) => page.evaluate(readMarks).then((m) => m.length);

async function openFixture(url: string): Promise<Page> {
  const page = await newPage();
  await page.goto(url);
  return page;
}

/** The tab just before the popup's own: the page opened last (tab URLs are not readable without access). */
async function previousTabId(popup: Page): Promise<number> {
  return popup.evaluate(async () => {
    const tabs = await browser.tabs.query({ currentWindow: true });
    const own = await browser.tabs.getCurrent();
    const before = tabs.filter((t) => t.index < (own?.index ?? 0)).sort((a, b) => b.index - a.index);
    return before[0]?.id as number;
  });
}

async function search(page: Page, query: string): Promise<string[]> {
  await page.$eval('input[type=search]', (el) => {
    (el as HTMLInputElement).value = '';
  });
  await page.type('input[type=search]', query);
  await page.waitForSelector('[role=listbox] [role=option]', { timeout: 5000 }).catch(() => {});
  return (
    await page.$$eval('[role=listbox] [role=option] .pg-result-term', (els) => els.map((e) => e.textContent ?? ''))
  ).map(stripQuotes);
}

describe('search', () => {
  test.each([...ISSUE_QUERIES, ...MORE_QUERIES])(
    '$query finds $term within $within',
    async ({ query, term, within }) => {
      const page = await openExtensionPage('popup.html', 'input[type=search]');
      const terms = await search(page, query);
      expect(terms.slice(0, within), `results for ${query}: ${terms.slice(0, 5).join(', ')}`).toContain(term);
    },
  );

  test('keyboard: typing goes to the box, ↑/↓ move, Enter opens, Escape goes back', async () => {
    const page = await openExtensionPage('popup.html', 'input[type=search]');
    await page.keyboard.type('san');
    await page.waitForSelector('#pg-opt-2');
    const selected = () => page.$eval('[role=option][aria-selected=true]', (el) => el.id);
    expect(await selected()).toBe('pg-opt-0');
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toBe('pg-opt-1');
    const id = await page.$eval('#pg-opt-1', (el) => el.getAttribute('data-entry-id'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.pg-entry-view article[data-entry-id="${id}"]`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#pg-opt-0');
    await page.focus('#pg-tab-page');
    await page.keyboard.type('g');
    expect(await page.$eval('input[type=search]', (el) => (el as HTMLInputElement).value)).toBe('sang');
  });
});

const glossary = glossaryJson as unknown as CompiledGlossary;
const strip = (t: string) => t.replace(/[“”‘’\s]/g, '');

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

/** The rows of "On this page" as data-page-terms writes them: entry-id:count, or page=term:count. */
function rowKeys(page: Page): Promise<string[]> {
  return page.$$eval('.pg-page-row', (els) =>
    els.map((el) => {
      const key = el.getAttribute('data-entry-id') ?? `page=${el.getAttribute('data-page-term')}`;
      return `${key}:${el.querySelector('.pg-count')?.textContent?.replace('×', '')}`;
    }),
  );
}

/** The popup about the fixture page opened last, on its "On this page" tab. */
async function popupAbout(fixture: Page): Promise<Page> {
  await poll(() => markCount(fixture)).toBeGreaterThan(0);
  const probe = await openExtensionPage('popup.html', 'input[type=search]');
  const tabId = await previousTabId(probe);
  const page = await openExtensionPage(`popup.html?tab=${tabId}`, 'input[type=search]');
  await page.click('#pg-tab-page');
  await page.waitForSelector('.pg-page-row');
  return page;
}

describe('on this page', () => {
  test('lists the terms with counts; clicking scrolls to each occurrence in turn and flashes it', async () => {
    const fixture = await openFixture(server.url('popup-terms.html'));
    const expected = (await fixture.evaluate(() => document.body.dataset.pageTerms ?? '')).split(' ');
    const page = await popupAbout(fixture);
    // The page-defined row follows once the page's definitions are read (an idle moment after the first scan).
    await poll(() => rowKeys(page)).toEqual(expected);

    const flashed = () => fixture.evaluate(flashedRange);
    await page.click('.pg-page-row[data-entry-id=xin-zhi-sheng-chan-li]');
    await poll(flashed).toEqual({ text: '新质生产力', at: 'p2', inView: true });
    await page.click('.pg-page-row[data-entry-id=xin-zhi-sheng-chan-li]');
    await poll(flashed).toEqual({ text: '新质生产力', at: 'p4', inView: true });

    // The term only the page defines: badged, its definition shown, and it scrolls like the others.
    const own = '.pg-page-row[data-page-term=原保险保费收入]';
    expect(await page.$eval(`${own} .pg-badge-defined`, (el) => el.textContent)).toBe('Defined on this page');
    expect(await page.$eval(`${own} .pg-page-definition`, (el) => el.textContent)).toBe(
      '是指保险企业确认的原保险合同保费收入。',
    );
    expect(await page.$$eval('.pg-page-row[data-entry-id] .pg-badge-defined', (els) => els.length)).toBe(0);
    await page.click(own);
    await poll(flashed).toEqual({ text: '原保险保费收入', at: 'p5', inView: true });
    await page.click(own);
    await poll(flashed).toEqual({ text: '原保险保费收入', at: 'g1', inView: true });
  });

  test('the seed report: its ten 名词解释 terms are badged, and terms the glossary lacks are listed', async () => {
    const fixture = await openFixture(server.url('report-jingzhou.html'));
    const page = await popupAbout(fixture);
    await page.waitForSelector('.pg-page-defined', { timeout: 8000 });
    const rows = await page.$$eval('.pg-page-row', (els) =>
      els.map((el) => ({
        term: el.querySelector('.pg-result-term')?.textContent ?? '',
        kind: el.hasAttribute('data-page-term') ? 'page' : 'entry',
        badge: el.querySelector('.pg-badge-defined')?.textContent ?? null,
      })),
    );
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
      expect(row?.badge, `${term} listed and badged`).toBe('Defined on this page');
    }
    const bundled = new Set(glossary.entries.flatMap((e) => [e.term, ...e.variants].map(strip)));
    const pageOnly = rows.filter((r) => r.kind === 'page');
    expect(pageOnly.map((r) => strip(r.term))).toEqual(expect.arrayContaining(['三高', '四城']));
    for (const r of pageOnly) expect(bundled.has(strip(r.term)), `${r.term} is not bundled`).toBe(false);
    expect(rows.find((r) => strip(r.term) === '高质量发展')?.badge).toBeNull();
  });

  test('"Export this page’s glossary" copies Markdown and offers it as a file', async () => {
    const fixture = await openFixture(server.url('popup-terms.html'));
    const page = await popupAbout(fixture);
    await page.waitForSelector('.pg-page-row[data-page-term]', { timeout: 8000 });
    await page.click('.pg-export-button');
    await page.waitForSelector('a.pg-export-file');
    await poll(() => page.$eval('.pg-export-status', (el) => el.textContent)).toBe('Copied as Markdown.');
    const link = await page.$eval('a.pg-export-file', (a) => ({
      href: (a as HTMLAnchorElement).href,
      download: a.getAttribute('download'),
    }));
    expect(link.download).toBe('page-glossary.md');
    expect(link.href).toMatch(/^blob:moz-extension:/);
    const markdown = await page.evaluate(async (href) => (await fetch(href)).text(), link.href);
    const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Term'));
    const own = rows.find((r) => r.startsWith('| 原保险保费收入 |'));
    expect(own).toContain('是指保险企业确认的原保险合同保费收入。');
    expect(own).toContain('政府工作报告（演示页） (名词解释)');
    expect(own).toContain(server.url('popup-terms.html'));
    expect(rows[0]).toBe(own);
    const entry = glossary.entries.find((e) => e.id === 'san-gao-si-xin');
    const source = entry?.sources[0];
    const bundled = rows.find((r) => r.startsWith(`| ${entry?.term} |`));
    expect(bundled).toContain(`${source?.title}, ${source?.issuer}, ${source?.date}`);
  });
});

describe('sites', () => {
  test('Enable on this site marks a 127.0.0.1 page after reload; Disable removes the marks', async () => {
    const url = `http://127.0.0.1:${server.port}/popup-terms.html`;
    const fixture = await openFixture(url);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await markCount(fixture)).toBe(0);
    const probe = await openExtensionPage('popup.html', 'input[type=search]');
    const tabId = await previousTabId(probe);
    const popup = await openExtensionPage(
      `popup.html?tab=${tabId}&url=${encodeURIComponent(url)}`,
      '.pg-site-state[data-state=off]',
    );
    await popup.click('.pg-enable');
    await popup.waitForSelector('.pg-site-state[data-state=enabled]');
    await fixture.reload();
    await poll(() => markCount(fixture)).toBeGreaterThan(0);
    await expectMarks(wrapPuppeteer(fixture));

    await popup.click('.pg-disable');
    await popup.waitForSelector('.pg-site-state[data-state=off]');
    await poll(() => markCount(fixture)).toBe(0);
    await fixture.reload();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await markCount(fixture)).toBe(0);
  });
});

describe('options', () => {
  test('a bad import file gets a clear error and changes nothing', async () => {
    const page = await openExtensionPage('options.html', 'h1');
    const before = await page.evaluate(() => browser.storage.sync.get(null));
    const input = await page.$('input[type=file]');
    const file = path.join(profile, 'bad-settings.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'policy-glossary-settings',
        version: 1,
        settings: { markStyle: 'sparkly', showParts: false },
      }),
    );
    await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(file);
    await page.waitForSelector('.pg-import-status.pg-error');
    expect(await page.$eval('.pg-import-status', (el) => el.textContent)).toMatch(
      /^Nothing was changed\. Problems in the file: markStyle/,
    );
    expect(await page.evaluate(() => browser.storage.sync.get(null))).toEqual(before);
  });
});

test('no request leaves the machine', () => {
  const outside = requests.filter((u) => {
    const url = new URL(u);
    return (
      !['moz-extension:', 'data:', 'blob:', 'about:'].includes(url.protocol) &&
      url.hostname !== '127.0.0.1' &&
      !url.hostname.endsWith('.gov.cn')
    );
  });
  expect(requests.length).toBeGreaterThan(0);
  expect(outside).toEqual([]);
});
