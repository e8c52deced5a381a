/**
 * Where the glossary runs, in real Chromium: a page on 127.0.0.1 (not a
 * default site) is left alone; "Enable on this site" in the popup grants the
 * host and registers the content script, so marks appear after a reload;
 * "Disable on this site" removes them and gives the permission back. The
 * global pause clears marks and shows on the toolbar badge.
 *
 * The popup runs in a tab, as the context-menu fallback window does, with
 * ?tab= and ?url= naming the page: without activeTab (a toolbar click, which
 * headless tests cannot make) nor a permission, the page's URL is not
 * readable from the tabs API.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { checkExpectations, marksFor } from '../support/expectations';
import { readExpectations, readMarks } from '../support/page-probes';
import { type FixtureServer, startServer } from '../support/server';
import { pregrantHost } from './popup-helpers';

declare const chrome: typeof import('wxt/browser').browser;

let server: FixtureServer;
let browser: ChromiumSession;
const opened: Page[] = [];
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 8000 });
const worker = (): Worker => browser.context.serviceWorkers()[0] as Worker;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  for (const page of opened.splice(0)) await page.close().catch(() => {});
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  opened.push(page);
  return page;
}

const markCount = (page: Page) => page.evaluate(readMarks).then((m) => m.length);

/** Waits long enough for a content script that would run (document_idle, then a time-sliced scan). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForTimeout(1500);
}

/**
 * A tab on 127.0.0.1 and its id. The tab first loads a default site (whose
 * URL the worker may read) to learn its id, then goes to 127.0.0.1.
 */
async function openLocalPage(): Promise<{ page: Page; tabId: number; url: string }> {
  const page = await newPage();
  const probe = `${server.url('county.html')}?find-me=${Date.now()}`;
  await page.goto(probe);
  const tabId = await worker().evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, probe);
  if (tabId === undefined) throw new Error('tab not found');
  const url = `http://127.0.0.1:${server.port}/popup-terms.html`;
  await page.goto(url);
  return { page, tabId, url };
}

async function openPopupFor(tabId: number, url: string): Promise<Page> {
  const popup = await newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}&url=${encodeURIComponent(url)}`);
  await popup.locator('.pg-site-state[data-state]:not([data-state=""])').waitFor();
  return popup;
}

describe('sites', () => {
  test('a site that is not on the default list is not marked', async () => {
    const { page } = await openLocalPage();
    await settle(page);
    expect(await markCount(page)).toBe(0);
    // The same page on a default host is marked: the wait above was long enough.
    await page.goto(server.url('popup-terms.html'));
    await poll(() => markCount(page)).toBeGreaterThan(0);
  });

  test('Enable on this site: marks after reload, persisted registration; Disable removes them', async () => {
    const pattern = '*://127.0.0.1/*';
    await pregrantHost(browser, pattern);
    const { page, tabId, url } = await openLocalPage();
    const popup = await openPopupFor(tabId, url);
    expect(await popup.locator('.pg-site-state').getAttribute('data-state')).toBe('off');
    await popup.locator('.pg-enable').click();
    await poll(() => popup.locator('.pg-site-state').getAttribute('data-state')).toBe('enabled');

    // Registered for exactly that host, and kept across browser restarts.
    const registered = await worker().evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered.map((r) => [r.matches, r.persistAcrossSessions])).toEqual([[[pattern], true]]);
    expect(await worker().evaluate(() => chrome.storage.sync.get('extraSites'))).toEqual({ extraSites: [pattern] });

    await page.reload();
    await page.waitForFunction(() =>
      [...(globalThis as unknown as { CSS: { highlights: Map<string, unknown> } }).CSS.highlights.keys()].some((k) =>
        k.startsWith('policy-glossary'),
      ),
    );
    const expectations = await page.evaluate(readExpectations);
    checkExpectations(await marksFor(page, expectations), expectations);

    // Frames the page writes itself (srcdoc) are scanned there too, as on the default sites.
    const framed = await newPage();
    await framed.goto(`http://127.0.0.1:${server.port}/scanner-page.html`);
    await poll(() => framed.frames().some((f) => f.url() === 'about:srcdoc')).toBe(true);
    const frame = framed.frames().find((f) => f.url() === 'about:srcdoc');
    if (!frame) throw new Error('no srcdoc frame');
    const inFrame = await frame.evaluate(readExpectations);
    expect(inFrame.map((e) => e.id)).toEqual(['srcdoc-p']);
    checkExpectations(await marksFor(frame, inFrame), inFrame);
    await framed.close();

    // Disable: the marks go at once, the registration and the permission too.
    await popup.locator('.pg-disable').click();
    await poll(() => popup.locator('.pg-site-state').getAttribute('data-state')).toBe('off');
    await poll(() => markCount(page)).toBe(0);
    expect(await worker().evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    expect(await worker().evaluate(() => chrome.permissions.contains({ origins: ['*://127.0.0.1/*'] }))).toBe(false);
    await page.reload();
    await settle(page);
    expect(await markCount(page)).toBe(0);
  });

  test('the global pause clears the marks, shows on the toolbar badge, and resumes', async () => {
    const page = await newPage();
    await page.goto(server.url('popup-terms.html'));
    await poll(() => markCount(page)).toBeGreaterThan(0);
    const popup = await newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('.pg-pause').click();
    await poll(() => popup.locator('.pg-pause').getAttribute('aria-pressed')).toBe('true');
    await poll(() => markCount(page)).toBe(0);
    await poll(() => worker().evaluate(() => chrome.action.getBadgeText({}))).toBe('||');
    // Paused, a page load does not even import the content script's body.
    const bodyLoads = () => browser.requests.filter((u) => u.endsWith('/content-main.js')).length;
    const before = bodyLoads();
    await page.reload();
    await settle(page);
    expect(await markCount(page)).toBe(0);
    expect(bodyLoads()).toBe(before);
    await popup.locator('.pg-pause').click();
    await poll(() => worker().evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    await page.reload();
    await poll(() => markCount(page)).toBeGreaterThan(0);
    expect(bodyLoads()).toBeGreaterThan(before);
  });
});

test('no request leaves the machine', () => {
  const outside = browser.requests.filter((u) => {
    const url = new URL(u);
    return (
      !['chrome-extension:', 'data:', 'blob:', 'chrome:'].includes(url.protocol) &&
      url.hostname !== '127.0.0.1' &&
      !url.hostname.endsWith('.gov.cn')
    );
  });
  expect(browser.requests.length).toBeGreaterThan(0);
  expect(outside).toEqual([]);
});
