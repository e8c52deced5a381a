/**
 * The hover card in real Firefox (ESR, MV2 build, WebDriver BiDi): it opens
 * beside its term, on top of hostile pages, inside an iframe; ranks a term's
 * meanings by the site's region; Escape closes it; the next-term command
 * moves the focus ring; copy citation reaches the clipboard; axe-core finds
 * nothing in the open card. Screenshots go to test-results/.
 *
 * Firefox registers the manifest's commands as <key> elements in the browser
 * window. BiDi key presses go to the page, not to the browser window, so the
 * test fires the extension's own <key> through the chrome scope (the harness
 * starts Firefox with --remote-allow-system-access): the command then goes
 * through the real background forwarding to the content script.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompiledGlossary } from '@/engine/entry';
import glossaryJson from '../../../.generated/glossary.json';
import {
  type Box,
  type CardInfo,
  cardControlPoint,
  cardInfo,
  focusRingIn,
  focusRingText,
  markPoint,
  overlaps,
  type Point,
  textBox,
} from '../support/card-probes';
import { ARTIFACTS } from '../support/chromium';
import { wrapPuppeteer } from '../support/driver';
import { expectMarks } from '../support/expectations';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { type FixtureServer, startServer } from '../support/server';

const glossary = glossaryJson as unknown as CompiledGlossary;
const require = createRequire(import.meta.url);

let server: FixtureServer;
let browser: FirefoxSession;

beforeAll(async () => {
  server = await startServer();
  browser = await launchFirefox();
});
afterAll(async () => {
  await chromeEval(`Services.prefs.clearUserPref('layout.css.prefers-color-scheme.content-override')`).catch(() => {});
  await browser?.close();
  await server?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type BidiConnection = { send(method: string, params: object): Promise<{ result: Record<string, unknown> }> };

/** Evaluates `expression` in the browser window (chrome scope), not in a page. */
async function chromeEval(expression: string): Promise<unknown> {
  const connection = (browser.browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const [top] = tree.result.contexts as Array<{ context: string }>;
  const { result } = await connection.send('script.evaluate', {
    expression,
    target: { context: top?.context },
    awaitPromise: true,
    'moz:scope': 'chrome',
  });
  const r = result as { type: string; result?: { value?: unknown } };
  if (r.type !== 'success') throw new Error(`chrome eval failed: ${JSON.stringify(result)}`);
  return r.result?.value;
}

/** Runs the extension's command as its shortcut would: through its <key> in the browser window. */
async function command(page: Page, key: 'J' | 'K'): Promise<void> {
  await page.bringToFront();
  const fired = await chromeEval(
    `(() => { const k = document.querySelector('keyset[id^="ext-keyset-id-policy-glossary"] key[key="${key}"]'); if (!k) return false; k.doCommand(); return true; })()`,
  );
  expect(fired, `the extension's Alt+Shift+${key} key is registered`).toBe(true);
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name) as `${string}.png` });
}

async function openPage(file: string, host?: string, marked = true): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(server.url(file, host));
  if (marked)
    await page.waitForFunction(() =>
      [...(globalThis as unknown as { CSS: { highlights: Map<string, unknown> } }).CSS.highlights.keys()].some((k) =>
        k.startsWith('policy-glossary'),
      ),
    );
  return page;
}

async function waitCard(target: Page | Frame): Promise<CardInfo> {
  await target.waitForFunction(() => {
    const card = document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card');
    return card && card.getBoundingClientRect().width > 0 && getComputedStyle(card).visibility === 'visible';
  });
  // Placement is asynchronous (floating-ui resolves a promise); let it settle.
  await sleep(200);
  return (await target.evaluate(cardInfo)) as CardInfo;
}

async function hover(page: Page, term: string): Promise<CardInfo> {
  const handle = await page.waitForFunction(markPoint, {}, term);
  const { x, y } = (await handle.jsonValue()) as Point;
  await page.mouse.move(x - 30, y + 40);
  await page.mouse.move(x, y, { steps: 4 });
  return waitCard(page);
}

async function waitClosed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card'),
  );
}

async function click(page: Page, selector: string): Promise<void> {
  const p = (await page.evaluate(cardControlPoint, selector)) as Point | null;
  expect(p, `control ${selector}`).not.toBeNull();
  await page.mouse.move((p as Point).x, (p as Point).y, { steps: 3 });
  await page.mouse.click((p as Point).x, (p as Point).y);
}

function expectReadable(card: CardInfo) {
  expect(card.popoverOpen, 'in the top layer').toBe(true);
  expect(card.hostOnTop, 'elementFromPoint at the centre is the card').toBe(true);
  expect(card.box.left).toBeGreaterThanOrEqual(0);
  expect(card.box.top).toBeGreaterThanOrEqual(0);
  expect(card.box.right).toBeLessThanOrEqual(card.viewport.width);
  expect(card.box.bottom).toBeLessThanOrEqual(card.viewport.height);
  expect(card.minFontPx).toBeGreaterThanOrEqual(12);
  expect(card.role).toBe('dialog');
  expect(card.label).toBeTruthy();
  expect(card.hosts).toBe(1);
}

const entry = (id: string) => {
  const e = glossary.entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id} in the built glossary`);
  return e;
};

describe('hover', () => {
  test('opens beside the term, on top, readable, with pinyin, English and source; Escape closes it', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await expectMarks(wrapPuppeteer(page));
    const card = await hover(page, '一单制');
    expectReadable(card);
    const term = (await page.evaluate(textBox, '一单制')) as Box;
    expect(overlaps(card.box, term), 'the card never covers its term').toBe(false);
    const sichuan = entry('yi-dan-zhi-yi-xiang-zhi-sichuan');
    expect(card.pinyin[0]).toBe(sichuan.pinyin);
    expect(card.english[0]).toContain(sichuan.english.text);
    expect(card.sources[0]).toContain(sichuan.sources[0]?.title);
    expect(card.focused, 'a hover-opened card takes no focus').toBeNull();
    await shot(page, 'firefox-card-light.png');
    await page.keyboard.press('Escape');
    await waitClosed(page);
    await page.close();
  });

  test('the site region ranks first: Sichuan on sc.gov.cn, Guangdong on gd.gov.cn', async () => {
    const sc = await openPage('card-meanings.html', 'www.sc.gov.cn');
    expect((await hover(sc, '一单制')).badges).toEqual(['四川省', '广东省']);
    await sc.close();
    const gd = await openPage('card-meanings.html', 'www.gd.gov.cn');
    expect((await hover(gd, '一单制')).badges).toEqual(['广东省', '四川省']);
    await gd.close();
  });

  test('copy citation puts the term, its definition and source on the clipboard', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    const card = await hover(page, '一单制');
    await page.mouse.move(card.box.left + 30, card.box.top + 30, { steps: 4 });
    await click(page, '.pg-copy');
    await page.waitForFunction(
      () => document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-status')?.textContent,
    );
    // Paste it into a text box, as a reader would.
    const reader = await browser.newPage();
    await reader.goto(server.url('card-meanings.html', '127.0.0.1'));
    await reader.evaluate(() => {
      const box = document.createElement('textarea');
      box.id = 'paste';
      document.body.append(box);
      box.focus();
    });
    await reader.keyboard.down('Control');
    await reader.keyboard.press('KeyV');
    await reader.keyboard.up('Control');
    await reader.waitForFunction(() => (document.getElementById('paste') as HTMLTextAreaElement).value.length > 0);
    const text = await reader.evaluate(() => (document.getElementById('paste') as HTMLTextAreaElement).value);
    const e = entry('yi-dan-zhi-yi-xiang-zhi-sichuan');
    const source = e.sources[0] as (typeof e.sources)[number];
    expect(text.split('\n').slice(0, 3)).toEqual([
      `${e.term}（${e.pinyin}; ${e.english.text}）`,
      e.definition,
      `${source.quote ? '引自' : '来源'}：${source.title}，${source.issuer}，${source.date}${source.note ? `（${source.note}）` : ''}${source.url ? ` ${source.url}` : ''}`,
    ]);
    await reader.close();
    await page.close();
  });
});

describe('keyboard', () => {
  test('the next-term command reaches the second term; Enter opens its card with focus inside; Escape closes', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await command(page, 'J');
    await page.waitForFunction(focusRingText);
    expect((await page.evaluate(focusRingText))?.replace(/[“”]/g, '')).toBe('一单制');
    await command(page, 'J');
    await page.waitForFunction(focusRingIn, {}, 'p-2');
    expect((await page.evaluate(focusRingText))?.replace(/[“”]/g, '')).toBe('四上企业');
    await page.keyboard.press('Enter');
    const card = await waitCard(page);
    expectReadable(card);
    expect(card.text).toContain(entry('si-shang-qi-ye').definition);
    expect(card.focused, 'focus moved into the card').toBe('pg-card');
    await page.keyboard.press('Tab');
    expect((await page.evaluate(cardInfo))?.focused).toContain('pg-tool');
    await page.keyboard.press('Escape');
    await waitClosed(page);
    await command(page, 'K');
    await page.waitForFunction(focusRingIn, {}, 'p-1');
    await page.close();
  });
});

describe('hostile page, iframe, theme, accessibility', () => {
  test('hostile CSS and a full-screen overlay at the top z-index: the card is still on top and readable', async () => {
    const page = await openPage('card-hostile.html', 'www.hunan.gov.cn');
    await expectMarks(wrapPuppeteer(page));
    await command(page, 'J');
    await page.waitForFunction(focusRingText);
    await page.keyboard.press('Enter');
    const card = await waitCard(page);
    expectReadable(card);
    expect(card.direction).toBe('ltr');
    // The root's zoom: 1.25 is cancelled: the card keeps its own size (max-width 440px).
    expect(card.box.right - card.box.left).toBeLessThanOrEqual(442);
    expect(card.text).toContain(entry('san-gao-si-xin').pinyin);
    await shot(page, 'firefox-card-hostile.png');
    await page.close();
  });

  test('a term inside an iframe opens its card inside the frame, within the frame, beside the term', async () => {
    const page = await openPage('card-iframe.html', undefined, false);
    const frameEl = await page.waitForSelector('#frame');
    const frame = await frameEl?.contentFrame();
    if (!frameEl || !frame) throw new Error('no frame');
    const handle = await frame.waitForFunction(markPoint, {}, '四上企业');
    const inner = (await handle.jsonValue()) as Point;
    const box = (await frameEl.boundingBox()) as { x: number; y: number };
    await page.mouse.move(box.x + inner.x - 20, box.y + inner.y + 30);
    await page.mouse.move(box.x + inner.x + 2, box.y + inner.y + 2, { steps: 4 });
    const card = await waitCard(frame);
    expectReadable(card);
    const term = (await frame.evaluate(textBox, '四上')) as Box;
    expect(overlaps(card.box, term)).toBe(false);
    expect(card.box.bottom, 'flipped above the term: no room below it in the frame').toBeLessThanOrEqual(term.top);
    expect(await page.evaluate(() => document.querySelector('policy-glossary-card'))).toBeNull();
    await shot(page, 'firefox-card-iframe.png');
    await page.close();
  });

  test('dark: the card follows prefers-color-scheme', async () => {
    // BiDi has no media emulation in Firefox yet: the content colour-scheme pref (0: dark) does the same.
    await chromeEval(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', 0)`);
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    const card = await hover(page, '一单制');
    expect(card.background).toBe('rgb(28, 25, 23)');
    await shot(page, 'firefox-card-dark.png');
    await chromeEval(`Services.prefs.clearUserPref('layout.css.prefers-color-scheme.content-override')`);
    await page.close();
  });

  test('accessibility: axe-core finds no violations in the open card', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    const card = await hover(page, '一单制');
    await page.mouse.move(card.box.left + 30, card.box.top + 30, { steps: 4 });
    await click(page, '.pg-suggest');
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(ctx: object, opts: object): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> };
        }
      ).axe;
      const result = await axe.run(
        { include: [['policy-glossary-card', '.pg-card']] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
      );
      return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.length }));
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
