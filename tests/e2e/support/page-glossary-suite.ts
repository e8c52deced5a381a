/**
 * The page's own glossary, end to end, written once and run by
 * tests/e2e/chromium/page-glossary.test.ts and
 * tests/e2e/firefox/page-glossary.test.ts against the built extension:
 *
 * - the seed's report as a page (fixtures/pages/report-jingzhou.html): all
 *   ten 名词解释 terms are marked where they occur in the body; reading
 *   them re-marks the blocks that use them without a frame in which a block
 *   is bare (the marks used to blink out for a few slices); each one's
 *   card shows the page's definition and a control that scrolls to it and
 *   flashes it; "Export this page's glossary" gives them as Markdown;
 * - unknown jargon (fixtures/pages/unknown-slogan.html): quoted slogans in no
 *   glossary are marked in their own style, their card says so, a slogan the
 *   page explains is marked as page-defined instead, and the flagUnknown
 *   setting switches the flags off.
 * - size and cost: the same report after 400,000 characters of other report
 *   text still has its definitions read; a page that defines nothing is
 *   scanned once (its marks are never replaced by a second scan).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sourceLines } from './big-page';
import { type BrowserName, launchBrowser, sleep, type TestBrowser, type TestPage, waitFor } from './driver';
import { checkExpectations } from './expectations';
import { readExpectations, readMarks, stripQuotes } from './page-probes';
import { FIXTURES, type FixtureServer, startServer } from './server';

/** The seed's report as a page, after `chars` characters of other report text in plain paragraphs. */
function longReport(chars: number): string {
  const html = fs.readFileSync(path.join(FIXTURES, 'report-jingzhou.html'), 'utf8');
  const lines = sourceLines();
  const filler: string[] = [];
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  for (let i = 0, n = 0; n < chars; i++) {
    const line = lines[i % lines.length] as string;
    filler.push(`<p>${esc(line)}</p>`);
    n += line.length;
  }
  return html.replace(/<body[^>]*>/, (body) => `${body}\n<div id="filler">${filler.join('\n')}</div>`);
}

/** The ten 名词解释 entries: where the body mentions each, the text to hover, and the opening of the page's definition. */
const SEED_TERMS = [
  { at: 'p-intro', hover: '三高四新', definition: '“三高”指国家重要先进制造业高地' },
  { at: 'p-intro', hover: '发展六仗', definition: '2023年湖南省政府工作报告提出' },
  { at: 'p-intro', hover: '五新四城', definition: '“五新”指着力打造内陆地区改革开放新高地' },
  { at: 'p-intro', hover: '靖州现象', definition: '努力打造“绿色生态、产业兴旺' },
  { at: 'p-intro', hover: '五区', definition: '实现乡村振兴样板区、生态文明示范区' },
  { at: 'p-firms', hover: '小巨人', definition: '指每年国家和省从“专精特新”企业中选出' },
  { at: 'p-firms', hover: '四上', definition: '指规模以上工业企业、房地产企业' },
  { at: 'p-industry', hover: '5+2', definition: '“5”指生物基新材料产业链' },
  { at: 'p-rural', hover: '十百千万', definition: '围绕落实“怀乡五百工程”指导要求' },
  { at: 'p-rural', hover: '四乡十村', definition: '因地制宜选择产业基础好' },
];

// ---------------------------------------------------------------------------
// Page functions (evaluated in the page's main world, or an extension page's: no closures).

/** The extension API as an extension page sees it (browser in Firefox, chrome in Chromium). */
interface ExtensionApi {
  storage: { sync: { set(items: Record<string, unknown>): Promise<void> } };
  tabs: {
    query(q: object): Promise<Array<{ id?: number; url?: string; index?: number }>>;
    getCurrent(): Promise<{ index?: number } | undefined>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
}

/** Scrolls the first mark inside #id whose text contains `text` to the middle of the viewport; a point inside it. */
function showMark(arg: { id: string; text: string }): { x: number; y: number } | null {
  const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights;
  for (const [name, set] of registry) {
    if (!name.startsWith('policy-glossary') || name.includes('flash') || name.includes('focus')) continue;
    for (const r of set) {
      if (r.startContainer.parentElement?.closest('[id]')?.id !== arg.id) continue;
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      if (
        !live
          .toString()
          .replace(/[“”"\s]/g, '')
          .includes(arg.text)
      )
        continue;
      r.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const b = live.getClientRects()[0];
      if (b) return { x: Math.round(b.left + Math.min(6, b.width / 2)), y: Math.round(b.top + b.height / 2) };
    }
  }
  return null;
}

/** The open card: its text and how many "show in page" controls it has. */
function cardState(): { text: string; reveal: number; unknown: boolean; find: boolean; pageFirst: boolean } | null {
  const card = document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector('.pg-card');
  if (!card) return null;
  return {
    text: card.textContent ?? '',
    // The page's own definitions come before the bundled entries.
    pageFirst: card.querySelector('.pg-page-defs, .pg-entry')?.classList.contains('pg-page-defs') === true,
    reveal: card.querySelectorAll('.pg-reveal').length,
    unknown: !!card.querySelector('.pg-unknown'),
    find: !!card.querySelector('.pg-find'),
  };
}

/** Clicks the card's first "show in page" control. */
function clickReveal(): boolean {
  const button = document
    .querySelector('policy-glossary-card')
    ?.shadowRoot?.querySelector<HTMLButtonElement>('.pg-card .pg-reveal');
  button?.click();
  return !!button;
}

/** The flashed range: its text and whether its start is in the viewport. */
function flashed(): { text: string; inView: boolean } | null {
  const h = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights.get(
    'policy-glossary-flash',
  );
  const r = h && [...h][0];
  if (!r) return null;
  const live = document.createRange();
  live.setStart(r.startContainer, r.startOffset);
  live.setEnd(r.endContainer, r.endOffset);
  const b = live.getClientRects()[0];
  return { text: live.toString(), inView: !!b && b.top >= 0 && b.top < innerHeight };
}

/** Each mark's kind (from its highlight's name), text and the id around it. */
function marksByKind(): Array<{ kind: string; text: string; at: string | null }> {
  const out: Array<{ kind: string; text: string; at: string | null }> = [];
  const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights;
  for (const [name, set] of registry) {
    if (!name.startsWith('policy-glossary')) continue;
    const kind = /-page/.test(name)
      ? 'page'
      : /-unknown/.test(name)
        ? 'unknown'
        : /-(flash|focus)/.test(name)
          ? 'other'
          : 'term';
    for (const r of set) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      out.push({ kind, text: live.toString(), at: r.startContainer.parentElement?.closest('[id]')?.id ?? null });
    }
  }
  return out;
}

/** In an extension page: sets one setting the way the options page stores it (sync storage, key without the area). */
function setSetting(arg: { key: string; value: unknown }): Promise<void> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
  return (g.browser ?? g.chrome).storage.sync.set({ [arg.key]: arg.value });
}

/**
 * In an extension page: asks the tab showing `url` for its exported glossary. Firefox does not show
 * tab URLs without the tabs permission: there, the tab opened just before this page's own is the one.
 */
async function exportFrom(url: string): Promise<string> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
  const api = g.browser ?? g.chrome;
  const tabs = await api.tabs.query({ currentWindow: true });
  const own = await api.tabs.getCurrent();
  const before = tabs.filter((t) => (t.index ?? 0) < (own?.index ?? 0)).sort((a, b) => (b.index ?? 0) - (a.index ?? 0));
  const tab = tabs.find((t) => t.url === url) ?? before[0];
  if (tab?.id === undefined) return `no tab for ${url}`;
  const reply = (await api.tabs.sendMessage(tab.id, { type: 'export-page-glossary', payload: {} }, { frameId: 0 })) as {
    markdown?: string;
  };
  return reply?.markdown ?? 'no reply';
}

/**
 * A page script for the report: at every task boundary and every frame until
 * 6 s after the page began, notes each block (by id) that had marks and has
 * none now, in `window.bare`. Marks the scanner replaces (a re-scan of the
 * blocks that mention the page's own terms) must never leave a block bare
 * that a paint could show. A message loop, not a timer: timers are clamped
 * to 4 ms, and a re-scan takes a few slices of 3 ms.
 */
const WATCH_BARE = `<script>(() => {
  const bare = (window.bare = []);
  let before = new Set();
  const look = () => {
    const now = new Set();
    for (const [name, set] of CSS.highlights) {
      if (!name.startsWith('policy-glossary') || /-(flash|focus)/.test(name)) continue;
      for (const r of set) {
        const id = r.startContainer.parentElement?.closest('[id]')?.id;
        if (id) now.add(id);
      }
    }
    for (const id of before) if (!now.has(id)) bare.push(id);
    before = now;
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    look();
    if (performance.now() < 6000) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  const frame = () => {
    look();
    if (performance.now() < 6000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();</script>`;

// ---------------------------------------------------------------------------

/** True when every data-expect term of the page lies inside some mark (what checkExpectations asserts). */
async function expectationsMet(page: TestPage): Promise<boolean> {
  const marks = await page.evaluate(readMarks);
  const wants = await page.evaluate(readExpectations);
  return wants.every(({ id, expect: want }) => {
    const inside = marks.filter((m) => m.at === id).map((m) => stripQuotes(m.text));
    if (want === 'none') return inside.length === 0;
    return want.split('|').every((t) => inside.some((m) => m.includes(stripQuotes(t))));
  });
}

/**
 * An extension page to run extension calls in. Over WebDriver BiDi, Firefox sometimes fails the first
 * wait on a moz-extension:// page while it is still navigating ("right-hand side of 'in' should be an
 * object"): one more try opens it.
 */
async function extensionPage(browser: TestBrowser): Promise<TestPage> {
  // The popup's own element, not 'body': about:blank, which the tab shows before it, has a body too.
  const own = 'input[type=search]';
  try {
    return await browser.openExtensionPage('popup.html', own);
  } catch {
    return browser.openExtensionPage('popup.html', own);
  }
}

async function hoverCard(page: TestPage, at: string, text: string, wanted: string) {
  // Away from the last card first: an open card may cover the next term, and hovering the card keeps it open.
  await page.mouseMove(2, 2);
  await waitFor(async () => (await page.evaluate(cardState)) === null, 'the card to close');
  // A smooth scroll (a reveal) may still be running: the point is measured once the page is still.
  let last = -1;
  await waitFor(async () => {
    const y = await page.evaluate(() => scrollY);
    if (y === last) return true;
    last = y;
    await sleep(150);
    return false;
  }, 'the page to stop scrolling');
  const point = await waitFor(() => page.evaluate(showMark, { id: at, text }), `a mark with ${text} in #${at}`);
  await page.mouseMove(point.x, point.y, 3);
  let seen = 'no card';
  return waitFor(async () => {
    const card = await page.evaluate(cardState);
    seen = card ? card.text.slice(0, 160) : 'no card';
    return card?.text.includes(wanted) ? card : null;
  }, `the card of ${text} with “${wanted}”`).catch((e: Error) => {
    throw new Error(`${e.message}; the card showed: ${seen}; hovered at ${JSON.stringify(point)}`);
  });
}

export function pageGlossaryTests(name: BrowserName): void {
  let server: FixtureServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    const report = fs.readFileSync(path.join(FIXTURES, 'report-jingzhou.html'), 'utf8');
    server = await startServer({
      '/long-report.html': () => longReport(400_000),
      '/report-watched.html': () => report.replace('<head>', `<head>${WATCH_BARE}`),
    });
    browser = await launchBrowser(name);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe("the seed's report as a page", () => {
    test('all ten 名词解释 terms are marked where they occur in the body', async () => {
      const page = await browser.open(server.url('report-jingzhou.html'));
      await waitFor(() => expectationsMet(page), 'the marks the page expects').catch(() => false);
      checkExpectations(await page.evaluate(readMarks), await page.evaluate(readExpectations));
      const marks = await page.evaluate(marksByKind);
      for (const t of SEED_TERMS) {
        const inBody = marks.filter(
          (m) => m.at === t.at && m.kind !== 'other' && stripQuotes(m.text).includes(t.hover),
        );
        expect(inBody.length, `${t.hover} marked in #${t.at}`).toBeGreaterThan(0);
      }
      await page.close();
    });

    test('reading the page’s definitions re-marks the blocks that use them without leaving any bare for a frame', async () => {
      const page = await browser.open(server.url('report-watched.html'));
      await waitFor(() => expectationsMet(page), 'the marks the page expects');
      // The re-mark is done when the 名词解释 section's terms are marked as the page's own.
      await waitFor(
        async () => (await page.evaluate(marksByKind)).some((m) => m.kind === 'page'),
        'page-defined marks',
      );
      await sleep(300);
      const bare = await page.evaluate(() => (globalThis as unknown as { bare: string[] }).bare);
      expect(bare, 'blocks whose marks went away and came back').toEqual([]);
      await page.close();
    });

    test("each term's card shows the page's definition first, with a control that scrolls to it", async () => {
      const page = await browser.open(server.url('report-jingzhou.html'));
      await waitFor(() => expectationsMet(page), 'the marks the page expects');
      for (const t of SEED_TERMS) {
        const card = await hoverCard(page, t.at, t.hover, t.definition);
        expect(card.reveal, `${t.hover}: a control that shows the definition in the page`).toBeGreaterThan(0);
        expect(card.pageFirst, `${t.hover}: the page's definition first`).toBe(true);
      }
      // "Show in page" scrolls to the 名词解释 entry and flashes it.
      for (const t of SEED_TERMS.filter((_, i) => i === 4 || i === 9)) {
        await hoverCard(page, t.at, t.hover, t.definition);
        expect(await page.evaluate(clickReveal)).toBe(true);
        const flash = await waitFor(async () => {
          const f = await page.evaluate(flashed);
          return f?.inView && stripQuotes(f.text).includes(t.hover) ? f : null;
        }, `the flashed definition of ${t.hover} in view`);
        expect(stripQuotes(flash.text)).toContain(stripQuotes(t.definition).slice(0, 8));
      }
      await page.screenshot('page-glossary-reveal');
      await page.close();
    });

    test("'Export this page's glossary' gives the page's definitions and the bundled terms as Markdown", async () => {
      const url = server.url('report-jingzhou.html');
      const page = await browser.open(url);
      await waitFor(() => expectationsMet(page), 'the marks the page expects');
      const ext = await extensionPage(browser);
      const markdown = await waitFor(async () => {
        const md = await ext.evaluate(exportFrom, url);
        return md.startsWith('# Glossary') ? md : null;
      }, 'the exported Markdown');
      const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Term'));
      for (const term of ['“三高四新”', '“五区”建设目标', '专精特新“小巨人”企业', '“四上”企业']) {
        const row = rows.find((r) => r.startsWith(`| ${term} |`) && r.includes('(名词解释)'));
        expect(row, `${term} with the page's definition`).toBeTruthy();
      }
      // The page's own definitions come first; bundled entries follow, with their sources.
      expect(rows[0]).toContain('(名词解释)');
      expect(rows.some((r) => !r.includes('(名词解释)') && !r.includes('inline explanation'))).toBe(true);
      await ext.close();
      await page.close();
    });
  });

  describe('unknown jargon', () => {
    test('quoted slogans in no glossary are marked in their own style; one the page explains is page-defined', async () => {
      const page = await browser.open(server.url('unknown-slogan.html', 'www.shandong.gov.cn'));
      const marks = await waitFor(async () => {
        const m = await page.evaluate(marksByKind);
        return m.filter((x) => x.kind === 'unknown').length >= 2 && m.some((x) => x.kind === 'page') ? m : null;
      }, 'unknown and page marks');
      const unknown = marks.filter((m) => m.kind === 'unknown');
      expect(unknown.map((m) => [m.at, m.text]).sort()).toEqual([
        ['p-slogans', '三个十大'],
        ['p-slogans', '十个新优势'],
      ]);
      expect(marks.filter((m) => m.kind === 'page').map((m) => stripQuotes(m.text))).toContain('六个不得');
      expect(marks.filter((m) => m.at === 'p-ordinal')).toEqual([]);
      // Bundled terms keep their ordinary mark.
      expect(marks.some((m) => m.kind === 'term' && m.text.includes('头号工程'))).toBe(true);

      // The unknown slogan's card: not in the glossary, find an explanation, suggest the term.
      const card = await hoverCard(page, 'p-slogans', '三个十大', '三个十大');
      expect(card.unknown).toBe(true);
      expect(card.find).toBe(true);
      // The slogan the page explains shows the page's definition.
      await hoverCard(page, 'p-defined', '六个不得', '即除法律法规和国家另有规定外');
      await page.close();
    });

    test('a term the page defines is marked in every block that mentions it, found from the text already read', async () => {
      // With the flags off nothing marks #p-defined-again before the read: only the read can say it needs re-marking.
      const ext = await extensionPage(browser);
      await ext.evaluate(setSetting, { key: 'flagUnknown', value: false });
      const page = await browser.open(server.url('unknown-slogan.html', 'www.shandong.gov.cn'));
      const marks = await waitFor(async () => {
        const m = (await page.evaluate(marksByKind)).filter((x) => x.kind === 'page');
        return m.some((x) => x.at === 'p-defined-again') ? m : null;
      }, 'page marks in #p-defined-again');
      expect(marks.filter((m) => m.at === 'p-defined-again').map((m) => stripQuotes(m.text))).toEqual(['六个不得']);
      expect(marks.some((m) => m.at === 'p-defined')).toBe(true);
      await ext.evaluate(setSetting, { key: 'flagUnknown', value: true });
      await ext.close();
      await page.close();
    });

    test('the flagUnknown setting switches the flags off, and on again', async () => {
      const page = await browser.open(server.url('unknown-slogan.html', 'www.shandong.gov.cn'));
      const count = async (kind: string) => (await page.evaluate(marksByKind)).filter((m) => m.kind === kind).length;
      await waitFor(async () => (await count('unknown')) >= 2, 'unknown marks');
      const ext = await extensionPage(browser);
      await ext.evaluate(setSetting, { key: 'flagUnknown', value: false });
      await waitFor(async () => (await count('unknown')) === 0, 'no unknown marks');
      expect(await count('page')).toBeGreaterThan(0);
      await ext.evaluate(setSetting, { key: 'flagUnknown', value: true });
      await waitFor(async () => (await count('unknown')) >= 2, 'unknown marks again');
      await ext.close();
      await page.close();
    });
  });

  describe('size and cost', () => {
    test('a report after 400,000 characters of other text still has its own definitions read', async () => {
      const page = await browser.open(server.url('long-report.html'));
      const t = SEED_TERMS[2] as (typeof SEED_TERMS)[number];
      // Marks are made near the viewport only: go to the report first.
      await page.evaluate((id) => document.getElementById(id)?.scrollIntoView({ block: 'center' }), t.at);
      // The bundled entry quotes the same definition: the page's own comes with a control that shows it in the page.
      const card = await waitFor(async () => {
        const c = await hoverCard(page, t.at, t.hover, t.definition);
        return c.reveal > 0 ? c : null;
      }, `the page's own definition of ${t.hover}`);
      expect(card.pageFirst).toBe(true);
      await page.close();
    });

    test('a page that defines nothing is scanned once: its marks are never replaced', async () => {
      const page = await browser.open(server.url('county.html'));
      await waitFor(() => expectationsMet(page), 'the marks the page expects');
      const keep = () => {
        const g = globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> }; first?: unknown[] };
        g.first = [...(g.CSS.highlights.get('policy-glossary') ?? [])];
        return g.first.length;
      };
      const kept = () => {
        const g = globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> }; first?: unknown[] };
        const now = [...(g.CSS.highlights.get('policy-glossary') ?? [])];
        return now.length === g.first?.length && now.every((r) => g.first?.includes(r));
      };
      expect(await page.evaluate(keep)).toBeGreaterThan(0);
      // The old second scan (new layers once the page's text was read) came within a second of the first.
      await sleep(2000);
      expect(await page.evaluate(kept)).toBe(true);
      await page.close();
    });
  });
}
