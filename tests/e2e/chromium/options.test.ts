/**
 * The options page in real Chromium: settings save as they change; export
 * downloads every setting as JSON; a bad import file (not JSON, not ours, or
 * with bad values) says what is wrong and changes nothing; a good one
 * applies; the site list shows the default sites and adds and removes
 * others.
 */
import fs from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { pregrantHost } from './popup-helpers';

declare const chrome: typeof import('wxt/browser').browser;

let browser: ChromiumSession;
const opened: Page[] = [];
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 8000 });
const worker = (): Worker => browser.context.serviceWorkers()[0] as Worker;
const syncStorage = () => worker().evaluate(() => chrome.storage.sync.get(null));

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const page of opened.splice(0)) await page.close().catch(() => {});
});

async function openOptions(): Promise<Page> {
  const page = await browser.newPage();
  opened.push(page);
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.locator('h1').waitFor();
  return page;
}

function importFile(page: Page, name: string, text: string) {
  return page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('options', () => {
  test('settings save as they change, and export holds them all', async () => {
    const page = await openOptions();
    await page.locator('input[name=markStyle][value=tint]').check();
    await page.locator('input[name=showPinyin]').uncheck();
    await poll(syncStorage).toMatchObject({ markStyle: 'tint', showPinyin: false });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.pg-export').click()]);
    const file = JSON.parse(fs.readFileSync((await download.path()) as string, 'utf8'));
    expect(file.format).toBe('policy-glossary-settings');
    expect(file.settings).toMatchObject({ markStyle: 'tint', showPinyin: false, hoverDelay: 150, paused: false });
    expect(Object.keys(file.settings).sort()).toEqual([
      'explanation',
      'extraSites',
      'flagUnknown',
      'hoverDelay',
      'markStyle',
      'paused',
      'showEnglish',
      'showParts',
      'showPinyin',
      'theme',
    ]);
  });

  test('a bad import file gets a clear error and changes nothing', async () => {
    const page = await openOptions();
    const before = await syncStorage();
    const status = page.locator('.pg-import-status');

    await importFile(page, 'notes.json', 'this is not json {');
    await poll(() => status.textContent()).toMatch(/^Nothing was changed\. The file is not JSON/);
    expect(await status.getAttribute('class')).toContain('pg-error');

    await importFile(page, 'other.json', JSON.stringify({ markStyle: 'none' }));
    await poll(() => status.textContent()).toBe('Nothing was changed. This is not a Policy Glossary settings file.');

    await importFile(
      page,
      'bad-values.json',
      JSON.stringify({
        format: 'policy-glossary-settings',
        version: 1,
        settings: { markStyle: 'sparkly', hoverDelay: -5, showParts: false, colour: 'red' },
      }),
    );
    await poll(() => status.textContent()).toMatch(/^Nothing was changed\. Problems in the file: /);
    const text = (await status.textContent()) ?? '';
    expect(text).toContain('markStyle');
    expect(text).toContain('hoverDelay');
    expect(text).toContain('unknown setting “colour”');
    // showParts was valid in that file, and still not written: all or nothing.
    expect(await syncStorage()).toEqual(before);
    expect(await page.locator('input[name=showParts]').isChecked()).toBe(true);
  });

  test('a good import file applies', async () => {
    const page = await openOptions();
    await importFile(
      page,
      'settings.json',
      JSON.stringify({
        format: 'policy-glossary-settings',
        version: 1,
        settings: { markStyle: 'none', hoverDelay: 400, explanation: 'collapsed' },
      }),
    );
    await poll(() => page.locator('.pg-import-status').textContent()).toBe('Settings imported.');
    await poll(syncStorage).toMatchObject({ markStyle: 'none', hoverDelay: 400, explanation: 'collapsed' });
    expect(await page.locator('input[name=markStyle][value=none]').isChecked()).toBe(true);
    expect(await page.locator('input[name=hoverDelay]').inputValue()).toBe('400');
  });

  test('the site list: default sites shown, others added and removed', async () => {
    const page = await openOptions();
    const defaults = await page.locator('.pg-default-sites li').allTextContents();
    expect(defaults).toContain('*.gov.cn');
    expect(defaults).toContain('*.people.com.cn');

    await page.locator('input[name=site]').fill('not a site at all');
    await page.locator('form.pg-row button[type=submit]').click();
    await poll(() => page.locator('.pg-error').textContent()).toBe('Enter a web address, such as example.org.');

    await pregrantHost(browser, '*://www.example.org/*');
    await page.locator('input[name=site]').fill('https://www.example.org/some/page');
    await page.locator('form.pg-row button[type=submit]').click();
    await poll(() => page.locator('.pg-extra-sites li').allTextContents()).toEqual(['www.example.orgRemove']);
    await poll(() => worker().evaluate(() => chrome.scripting.getRegisteredContentScripts())).toMatchObject([
      { matches: ['*://www.example.org/*'] },
    ]);
    await page.locator('.pg-extra-sites .pg-remove').click();
    await poll(() => page.locator('.pg-extra-sites li').count()).toBe(0);
    await poll(() => worker().evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
  });
});

test('no request leaves the machine', () => {
  const outside = browser.requests.filter((u) => !/^(chrome-extension|chrome|data|blob):/.test(u));
  expect(browser.requests.length).toBeGreaterThan(0);
  expect(outside).toEqual([]);
});
