/**
 * The hover card in real Chromium, with the built extension: it opens beside
 * its term on hover and from the keyboard, stays on top of hostile pages,
 * works inside an iframe, ranks a term's meanings by the site's region,
 * copies a citation, follows the theme and the settings live, and passes an
 * automated accessibility check. Screenshots go to test-results/.
 *
 * The next-term / previous-term commands are sent from the service worker the
 * way the background forwards them: Chromium does not route synthetic (CDP)
 * key presses to extension shortcuts.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompiledGlossary } from '@/engine/entry';
import glossaryJson from '../../../.generated/glossary.json';
import {
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
import { type ChromiumSession, launchChromium, screenshot } from '../support/chromium';
import { expectMarks } from '../support/expectations';
import { outsideRequests } from '../support/privacy';
import { type FixtureServer, startServer } from '../support/server';

const glossary = glossaryJson as unknown as CompiledGlossary;
const require = createRequire(import.meta.url);

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

async function pointOf(page: Page, term: string): Promise<Point> {
  const handle = await page.waitForFunction(markPoint, term);
  return (await handle.jsonValue()) as Point;
}

async function hover(page: Page, term: string): Promise<CardInfo> {
  const { x, y } = await pointOf(page, term);
  await page.mouse.move(x - 30, y + 40);
  await page.mouse.move(x, y, { steps: 4 });
  return waitCard(page);
}

async function waitCard(page: Page): Promise<CardInfo> {
  await page.waitForFunction(() => {
    const card = document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card');
    return card && card.getBoundingClientRect().width > 0 && getComputedStyle(card).visibility === 'visible';
  });
  // Placement is asynchronous (floating-ui resolves a promise); let it settle.
  await page.waitForTimeout(150);
  return (await page.evaluate(cardInfo)) as CardInfo;
}

async function waitClosed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card'),
  );
}

async function click(page: Page, selector: string): Promise<void> {
  const p = (await page.evaluate(cardControlPoint, selector)) as Point | null;
  expect(p, `control ${selector}`).not.toBeNull();
  await page.mouse.click((p as Point).x, (p as Point).y);
}

/** What the background does on a command: send it to every frame of the tab (here found by its URL). */
async function command(page: Page, name: 'next-term' | 'previous-term'): Promise<void> {
  await page.bringToFront();
  const [worker] = browser.context.serviceWorkers();
  await worker?.evaluate(
    async ({ type, url }) => {
      type Chrome = {
        tabs: {
          query(q: object): Promise<Array<{ id?: number; url?: string }>>;
          sendMessage(id: number, m: object): Promise<unknown>;
        };
      };
      const { tabs } = (globalThis as unknown as { chrome: Chrome }).chrome;
      const tab = (await tabs.query({})).find((t) => t.url === url);
      if (tab?.id !== undefined) await tabs.sendMessage(tab.id, { type, payload: {} });
    },
    { type: name, url: page.url() },
  );
}

/** Sets synced settings the way the options page stores them, through the service worker. */
async function setSync(items: Record<string, unknown>): Promise<void> {
  const [worker] = browser.context.serviceWorkers();
  await worker?.evaluate(
    (i) =>
      (
        globalThis as unknown as { chrome: { storage: { sync: { set(i: object): Promise<void> } } } }
      ).chrome.storage.sync.set(i),
    items,
  );
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
  test('opens beside the term, on top, readable, with pinyin, English and source; nothing moves', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await expectMarks(page);
    const before = await page.evaluate(() => ({
      scroll: window.scrollY,
      body: document.body.getBoundingClientRect().height,
      active: document.activeElement?.tagName,
    }));
    const card = await hover(page, '一单制');
    expectReadable(card);
    const term = (await page.evaluate(textBox, '一单制')) as NonNullable<ReturnType<typeof textBox>>;
    expect(overlaps(card.box, term), 'the card never covers its term').toBe(false);
    const sichuan = entry('yi-dan-zhi-yi-xiang-zhi-sichuan');
    expect(card.pinyin[0]).toBe(sichuan.pinyin);
    expect(card.english[0]).toContain(sichuan.english.text);
    expect(card.sources[0]).toContain(sichuan.sources[0]?.title);
    expect(card.sources[0]).toContain(sichuan.sources[0]?.issuer);
    expect(card.text).toContain(sichuan.definition);
    await page.waitForFunction(
      () => document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-live')?.textContent,
    );
    expect((await page.evaluate(cardInfo))?.live).toContain(sichuan.term);
    // No layout shift, no scroll jump, no focus theft.
    expect(
      await page.evaluate(() => ({
        scroll: window.scrollY,
        body: document.body.getBoundingClientRect().height,
        active: document.activeElement?.tagName,
      })),
    ).toEqual(before);
    await screenshot(page, 'chromium-card-light.png');
    await page.close();
  });

  test('stays open while the pointer travels into the card, closes after it leaves, and on Escape', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    const card = await hover(page, '一单制');
    // Into the card, through the gap between term and card.
    await page.mouse.move(card.box.left + 40, card.box.top + 30, { steps: 6 });
    await page.waitForTimeout(600);
    expect(await page.evaluate(cardInfo)).not.toBeNull();
    // Away from both: closes after the close delay.
    await page.mouse.move(1100, 700, { steps: 3 });
    await waitClosed(page);
    await hover(page, '一单制');
    await page.keyboard.press('Escape');
    await waitClosed(page);
    await page.close();
  });

  test('closes when its term is scrolled out of view', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await hover(page, '一单制');
    await page.evaluate(() => window.scrollBy(0, 600));
    await waitClosed(page);
    await page.close();
  });

  test('pinned, it stays when the pointer leaves; a click elsewhere closes it', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await hover(page, '一单制');
    await click(page, '.pg-pin');
    expect(
      await page.evaluate(() =>
        document
          .querySelector('policy-glossary-card')
          ?.shadowRoot?.querySelector('.pg-pin')
          ?.getAttribute('aria-pressed'),
      ),
    ).toBe('true');
    await page.mouse.move(1100, 700, { steps: 3 });
    await page.waitForTimeout(700);
    expect(await page.evaluate(cardInfo)).not.toBeNull();
    await page.mouse.click(1100, 700);
    await waitClosed(page);
    await page.close();
  });
});

describe('meanings', () => {
  test('the site region ranks first: Sichuan on sc.gov.cn, Guangdong on gd.gov.cn', async () => {
    const sc = await openPage('card-meanings.html', 'www.sc.gov.cn');
    expect((await hover(sc, '一单制')).badges).toEqual(['四川省', '广东省']);
    await sc.close();
    const gd = await openPage('card-meanings.html', 'www.gd.gov.cn');
    expect((await hover(gd, '一单制')).badges).toEqual(['广东省', '四川省']);
    await gd.close();
  });

  test('a related term opens in the same card, with a back step', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    const first = await hover(page, '保交房');
    expect(first.text).toContain(entry('bao-jiao-fang').definition);
    await page.mouse.move(first.box.left + 30, first.box.top + 30, { steps: 5 });
    await click(page, `.pg-link`);
    await page.waitForFunction(() =>
      document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-back'),
    );
    const related = (await page.evaluate(cardInfo)) as CardInfo;
    expect(related.text).toContain(entry('bao-jiao-lou').definition);
    await click(page, '.pg-back');
    await page.waitForFunction(
      () => !document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-back'),
    );
    expect((await page.evaluate(cardInfo))?.text).toContain(entry('bao-jiao-fang').definition);
    await page.close();
  });
});

describe('actions', () => {
  test('copy citation puts the term, its definition and source on the clipboard', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    const card = await hover(page, '一单制');
    await page.mouse.move(card.box.left + 30, card.box.top + 30, { steps: 5 });
    await click(page, '.pg-copy');
    await page.waitForFunction(
      () => document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-status')?.textContent,
    );
    // Read it back on a secure origin (127.0.0.1), where the async Clipboard API exists.
    const reader = await browser.newPage();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: `http://127.0.0.1:${server.port}`,
    });
    await reader.goto(server.url('card-meanings.html', '127.0.0.1'));
    await reader.bringToFront();
    const text = await reader.evaluate(() => navigator.clipboard.readText());
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

  test('open in glossary opens the popup (or, where it cannot, a popup window)', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    const card = await hover(page, '一单制');
    await page.mouse.move(card.box.left + 30, card.box.top + 30, { steps: 5 });
    await click(page, '.pg-open');
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    const [worker] = browser.context.serviceWorkers();
    // The toolbar popup is not a page Playwright lists: ask the extension for its contexts.
    await expect
      .poll(async () => {
        const contexts = (await worker?.evaluate(() =>
          (
            globalThis as unknown as {
              chrome: { runtime: { getContexts(f: object): Promise<Array<{ documentUrl?: string }>> } };
            }
          ).chrome.runtime.getContexts({ contextTypes: ['POPUP', 'TAB'] }),
        )) as Array<{ documentUrl?: string }>;
        return contexts.some((c) => c.documentUrl?.startsWith(popupUrl));
      })
      .toBe(true);
    await page.close();
  });

  test('suggest a correction shows a prefilled text naming the entry and the page', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    const card = await hover(page, '一单制');
    await page.mouse.move(card.box.left + 30, card.box.top + 30, { steps: 5 });
    await click(page, '.pg-suggest');
    const text = await page.evaluate(
      () =>
        document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector<HTMLTextAreaElement>('.pg-suggestion')
          ?.value,
    );
    expect(text).toContain('yi-dan-zhi-yi-xiang-zhi-sichuan');
    expect(text).toContain('card-meanings.html');
    await page.close();
  });
});

describe('keyboard', () => {
  test('the commands move a focus ring through the terms; Enter opens, Tab reaches the buttons, Escape closes', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await command(page, 'next-term');
    await page.waitForFunction(focusRingText);
    expect((await page.evaluate(focusRingText))?.replace(/[“”]/g, '')).toBe('一单制');
    await command(page, 'next-term');
    await page.waitForFunction(focusRingIn, 'p-2');
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
    expect(await page.evaluate(() => document.activeElement?.tagName), 'focus returns to the page').toBe('BODY');
    await command(page, 'previous-term');
    await page.waitForFunction(focusRingIn, 'p-1');
    // With no card open, Escape removes the ring.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => {
      const h = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights.get(
        'policy-glossary-focus',
      );
      return !h?.size;
    });
    await page.close();
  });
  test('the ring keeps its place when the page is re-scanned under it', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await command(page, 'next-term');
    await page.waitForFunction(focusRingText);
    expect((await page.evaluate(focusRingText))?.replace(/[“”]/g, '')).toBe('一单制');
    // Remember the marks' ranges; a full re-scan (new layers) replaces every one of them.
    await page.evaluate(() => {
      const g = globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> }; before: unknown[] };
      g.before = [...(g.CSS.highlights.get('policy-glossary') ?? [])];
    });
    await setSync({ flagUnknown: false });
    await page.waitForFunction(() => {
      const g = globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> }; before: unknown[] };
      const now = [...(g.CSS.highlights.get('policy-glossary') ?? [])];
      return now.length > 0 && now.every((r) => !g.before.includes(r));
    });
    await command(page, 'next-term');
    await page.waitForFunction(focusRingIn, 'p-2');
    expect((await page.evaluate(focusRingText))?.replace(/[“”]/g, '')).toBe('四上企业');
    await setSync({ flagUnknown: true });
    await page.close();
  });
  test('a term marked while the pointer already rests on it opens its card, without the pointer moving', async () => {
    await setSync({ flagUnknown: false });
    const page = await openPage('unknown-slogan.html', 'www.shandong.gov.cn');
    // The unknown slogan is not marked with the flags off: find its text's place directly.
    const at = await page.evaluate(() => {
      const p = document.getElementById('p-slogans') as HTMLElement;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n.textContent ?? '').indexOf('三个十大');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i + 1);
        r.setEnd(n, i + 3);
        const b = r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
      return null;
    });
    if (!at) throw new Error('no 三个十大 in #p-slogans');
    await page.mouse.move(at.x - 30, at.y + 40);
    await page.mouse.move(at.x, at.y, { steps: 4 });
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => !!document.querySelector('policy-glossary-card'))).toBe(false);
    // Flags on: a re-scan marks the slogan under the resting pointer.
    await setSync({ flagUnknown: true });
    const card = await waitCard(page);
    expect(card.text).toContain('三个十大');
    await page.close();
  });

  test('a card still opens when the page is re-scanned while the pointer rests on its term', async () => {
    await setSync({ hoverDelay: 1500 });
    const page = await openPage('county.html');
    const { x, y } = await pointOf(page, '三高四新');
    await page.evaluate(() => {
      const g = globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> }; before: unknown[] };
      g.before = [...(g.CSS.highlights.get('policy-glossary') ?? [])];
    });
    await page.mouse.move(x - 30, y + 40);
    await page.mouse.move(x, y, { steps: 4 });
    // Within the hover delay, a full re-scan (new layers) replaces every match, the rested-on one too.
    await setSync({ flagUnknown: false });
    await page.waitForFunction(() => {
      const g = globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> }; before: unknown[] };
      const now = [...(g.CSS.highlights.get('policy-glossary') ?? [])];
      return now.length > 0 && now.every((r) => !g.before.includes(r));
    });
    const card = await waitCard(page);
    expect(card.text).toContain('三高四新');
    await setSync({ hoverDelay: 150, flagUnknown: true });
    await page.close();
  });
});

describe('hostile page, iframe, themes, settings', () => {
  test('hostile CSS and a full-screen overlay at the top z-index: the card is still on top and readable', async () => {
    const page = await openPage('card-hostile.html', 'www.hunan.gov.cn');
    await expectMarks(page);
    // The overlay catches the pointer, as a site's notice layer does: open from the keyboard.
    await command(page, 'next-term');
    await page.waitForFunction(focusRingText);
    await page.keyboard.press('Enter');
    const card = await waitCard(page);
    expectReadable(card);
    expect(card.direction).toBe('ltr');
    // The root's zoom: 1.25 is cancelled: the card keeps its own size (max-width 440px).
    expect(card.box.right - card.box.left).toBeLessThanOrEqual(442);
    expect(card.text).toContain(entry('san-gao-si-xin').pinyin);
    await screenshot(page, 'chromium-card-hostile.png');
    await page.close();
  });

  test('a term inside an iframe opens its card inside the frame, within the frame, beside the term', async () => {
    const page = await openPage('card-iframe.html', undefined, false);
    const frameEl = await page.waitForSelector('#frame');
    const frame = await frameEl.contentFrame();
    if (!frame) throw new Error('no frame');
    const handle = await frame.waitForFunction(markPoint, '四上企业');
    const inner = (await handle.jsonValue()) as Point;
    const box = (await frameEl.boundingBox()) as { x: number; y: number };
    await page.mouse.move(box.x + inner.x - 20, box.y + inner.y + 30);
    await page.mouse.move(box.x + inner.x + 2, box.y + inner.y + 2, { steps: 4 });
    await frame.waitForFunction(() =>
      document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card'),
    );
    await page.waitForTimeout(150);
    const card = (await frame.evaluate(cardInfo)) as CardInfo;
    expectReadable(card);
    const term = (await frame.evaluate(textBox, '四上')) as NonNullable<ReturnType<typeof textBox>>;
    expect(overlaps(card.box, term)).toBe(false);
    expect(card.box.bottom, 'flipped above the term: no room below it in the frame').toBeLessThanOrEqual(term.top);
    expect(await page.evaluate(() => document.querySelector('policy-glossary-card'))).toBeNull();
    await screenshot(page, 'chromium-card-iframe.png');
    await page.close();
  });

  test('dark: follows prefers-color-scheme, and the theme setting applies to an open card without a reload', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    const dark = await hover(page, '一单制');
    expect(dark.background).toBe('rgb(28, 25, 23)');
    expect(dark.animation, 'reduced motion: no fade').toBe('none');
    await screenshot(page, 'chromium-card-dark.png');
    await page.mouse.move(dark.box.left + 30, dark.box.top + 30, { steps: 4 });
    await click(page, '.pg-pin');
    const [worker] = browser.context.serviceWorkers();
    await setSync({ theme: 'light', showPinyin: false });
    await page.waitForFunction(() => {
      const card = document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card');
      return (
        card && getComputedStyle(card).backgroundColor === 'rgb(255, 255, 255)' && !card.querySelector('.pg-pinyin')
      );
    });
    await worker?.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { sync: { remove(k: string[]): Promise<void> } } } }
      ).chrome.storage.sync.remove(['theme', 'showPinyin']),
    );
    await page.close();
  });

  test('at 200% zoom (a 600×400 CSS-pixel viewport) the card still fits and stays readable', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    await page.setViewportSize({ width: 600, height: 400 });
    const card = await hover(page, '一单制');
    expectReadable(card);
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

// Last in the file: the other tests send commands through the worker this one stops.
describe('entries from the background', () => {
  test('a card opens after the browser stopped the idle service worker, which wakes to answer', async () => {
    const page = await openPage('card-meanings.html', 'www.sc.gov.cn');
    const cdp = await browser.context.newCDPSession(page);
    const status: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.endsWith('/background.js')) status.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => status.at(-1), { timeout: 10_000 }).toBe('stopped');
    const card = await hover(page, '保交房');
    expect(card.text).toContain(entry('bao-jiao-fang').definition);
    expect(status.slice(status.lastIndexOf('stopped'))).toContain('running');
    await page.close();
  });
});

test('the card made no request beyond the page and the extension itself', () => {
  expect(outsideRequests(browser.requests)).toEqual([]);
});
