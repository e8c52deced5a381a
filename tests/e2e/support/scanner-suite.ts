/**
 * The page scanner's end-to-end tests, written once and run by
 * tests/e2e/chromium/scanner.test.ts and tests/e2e/firefox/scanner.test.ts
 * against the built extension: text collection (split terms, <br>,
 * letter-spaced PDF text, tables, lists, skipped and editable content), open
 * shadow roots, a same-origin iframe, content changed after load, an
 * unmutated page DOM, marks that follow the viewport on a 1 MB page, a page
 * that mutates every 4 ms, a page that impersonates a newer instance of the
 * content script, and the hit test behind the hover card.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompiledGlossary } from '@/engine/entry';
import { MAX_RESCANS_PER_SECOND } from '../../../page/observe';
import { bigPage } from './big-page';
import {
  type BrowserName,
  launchBrowser,
  sleep,
  type TestBrowser,
  type TestFrame,
  type TestPage,
  waitFor,
} from './driver';
import { checkExpectations, marksFor } from './expectations';
import { cardText, type MarkInfo, readExpectations, readMarks, stripQuotes } from './page-probes';
import { besideEnd, jumpTo, markCount, markSpread, recordedMutations, sampleStorm } from './scanner-probes';
import { type FixtureServer, startServer } from './server';

const GLOSSARY = path.resolve(import.meta.dirname, '../../../.generated/glossary.json');

/** Elements of scanner-page.html that its script changes 600 ms after load. */
const DYNAMIC = ['late', 'p-change', 'p-remove'];

function definitionOf(term: string): string {
  const glossary = JSON.parse(fs.readFileSync(GLOSSARY, 'utf8')) as CompiledGlossary;
  const entry = glossary.entries.find((e) => stripQuotes(e.term) === term);
  if (!entry) throw new Error(`no entry ${term} in the built glossary`);
  return entry.definition;
}

const marksAt = (marks: MarkInfo[], id: string) => marks.filter((m) => m.at === id).map((m) => stripQuotes(m.text));

/** A point inside the first mark with `text` whose nearest element with an id is `id`. */
function markPointIn(arg: { id: string; text: string }): { x: number; y: number } | null {
  const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights;
  for (const [name, set] of registry) {
    if (!name.startsWith('policy-glossary')) continue;
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
      const b = live.getClientRects()[0];
      if (b) return { x: Math.round(b.left + Math.min(6, b.width / 2)), y: Math.round(b.top + b.height / 2) };
    }
  }
  return null;
}

/** The selectors of ::highlight() rules adopted by #shadow-host's shadow root, or null. */
function shadowHighlightRules(): string[] | null {
  const root = document.getElementById('shadow-host')?.shadowRoot;
  const selectors = [...(root?.adoptedStyleSheets ?? [])]
    .flatMap((sheet) => [...sheet.cssRules])
    .map((rule) => (rule as CSSStyleRule).selectorText ?? '')
    .filter((s) => s.includes('::highlight('));
  return selectors.length ? selectors : null;
}

/**
 * In the page: what WXT's ContentScriptContext does when a newer instance of
 * a content script starts (an event on the document and a message to the
 * window, named after the extension id and the entrypoint), as a page could
 * do it; then a paragraph with a term is added, for a live extension to mark.
 */
function impersonateNewerInstance(extensionId: string): void {
  const type = `${extensionId}:content-main:wxt:content-script-started`;
  const detail = { contentScriptName: 'content', messageId: 'from-the-page' };
  document.dispatchEvent(new CustomEvent(type, { detail }));
  window.postMessage({ type, ...detail }, '*');
  const p = document.createElement('p');
  p.id = 'p-after';
  p.textContent = '坚持“放管服”改革，推进“六稳六保”。';
  document.getElementById('later')?.append(p);
}

export function scannerTests(name: BrowserName): void {
  let server: FixtureServer;
  let browser: TestBrowser;
  let big: ReturnType<typeof bigPage> | undefined;

  beforeAll(async () => {
    server = await startServer({
      // Built from the corpus's reports (or the committed excerpt) when first asked for.
      '/scanner-1mb.html': () => {
        big ??= bigPage(1_000_000, { termEvery: 40 });
        return big.html;
      },
    });
    browser = await launchBrowser(name);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openMarked(file: string, frame?: (page: TestPage) => TestFrame): Promise<TestPage> {
    const page = await browser.open(server.url(file));
    await waitFor(() => (frame ? frame(page) : page).evaluate(markCount), `marks on ${file}`);
    return page;
  }

  describe('text collection', () => {
    test('matches terms split by inline markup, <br> and letter spacing; never across cells, items, skipped or editable content', async () => {
      const page = await openMarked('scanner-page.html');
      const expectations = (await page.evaluate(readExpectations)).filter((e) => !DYNAMIC.includes(e.id));
      const marks = await marksFor(page, expectations);
      checkExpectations(marks, expectations);
      // Each list item alone is a term; the two together are another, which must not be matched across them.
      expect(marksAt(marks, 'li-a')).toEqual(['六稳']);
      expect(marksAt(marks, 'li-b')).toEqual(['六保']);
      // Hidden content: <noscript>, <template>, <script>.
      expect(marks.filter((m) => m.at === 'ns' || m.at === 'tpl' || m.at === 'p-skip')).toEqual([]);
      await page.close();
    });

    test('marks inside an open shadow root', async () => {
      const page = await openMarked('scanner-page.html');
      const marks = await waitFor(async () => {
        const all = await page.evaluate(readMarks);
        return marksAt(all, 'in-shadow').length ? all : null;
      }, 'a mark in the shadow root');
      expect(marksAt(marks, 'in-shadow').some((t) => t.includes('放管服'))).toBe(true);
      // The document's ::highlight() rules do not reach into the shadow tree: the root gets its own.
      const rules = await waitFor(
        () => page.evaluate(shadowHighlightRules),
        'the ::highlight() rules in the shadow root',
      );
      expect(rules).toContain('::highlight(policy-glossary)');
      await page.close();
    });

    test('marks a same-origin iframe', async () => {
      const frameOf = (page: TestPage) => {
        const f = page.frames().find((x) => x.url().endsWith('/scanner-frame.html'));
        if (!f) throw new Error('no scanner-frame.html frame');
        return f;
      };
      const page = await openMarked('scanner-page.html', frameOf);
      const frame = frameOf(page);
      const expectations = await frame.evaluate(readExpectations);
      checkExpectations(await marksFor(frame, expectations), expectations);
      await page.close();
    });

    test('marks a frame the page wrote itself (srcdoc)', async () => {
      const frameOf = (page: TestPage) => {
        const f = page.frames().find((x) => x.url() === 'about:srcdoc');
        if (!f) throw new Error('no srcdoc frame');
        return f;
      };
      const page = await openMarked('scanner-page.html', frameOf);
      const frame = frameOf(page);
      const expectations = await frame.evaluate(readExpectations);
      expect(expectations.map((e) => e.id)).toEqual(['srcdoc-p']);
      checkExpectations(await marksFor(frame, expectations), expectations);
      await page.close();
    });
  });

  describe('dynamic pages', () => {
    test('re-scans what changes after load, and never changes the page DOM itself', async () => {
      const page = await openMarked('scanner-page.html');
      // The page's script inserts #late, rewrites #p-change and removes the term from #p-remove.
      const marks = await waitFor(async () => {
        const all = await page.evaluate(readMarks);
        const done = marksAt(all, 'late').length && marksAt(all, 'p-change').length && !marksAt(all, 'p-remove').length;
        return done ? all : null;
      }, 'marks after the page changed');
      const expectations = (await page.evaluate(readExpectations)).filter((e) => DYNAMIC.includes(e.id));
      expect(expectations.map((e) => e.id).sort()).toEqual([...DYNAMIC].sort());
      checkExpectations(marks, expectations);
      // Every DOM change since DOMContentLoaded is one of the page's own three.
      const own = [
        /^childList div#late-slot \+\[p#late\]/,
        /^childList p#p-change /,
        /^characterData #text<p#p-remove /,
      ];
      const changes = await page.evaluate(recordedMutations);
      expect(changes.length).toBeGreaterThanOrEqual(3);
      expect(changes.filter((c) => !own.some((re) => re.test(c)))).toEqual([]);
      await page.close();
    });

    test('a page that mutates every 4 ms: re-scans stay throttled and the stable marks stay', async () => {
      const page = await openMarked('scanner-storm.html');
      const expectations = await page.evaluate(readExpectations);
      checkExpectations(await marksFor(page, expectations), expectations);
      const seconds = 3;
      const sample = await page.evaluate(sampleStorm, seconds * 1000);
      // The page kept running its own timer (a frozen page would not tick).
      expect(sample.ticks).toBeGreaterThan(20);
      // Each re-scan of the ticker replaces its mark: at most the throttle's rate, and not starved either.
      expect(sample.tickerRanges).toBeGreaterThanOrEqual(2);
      expect(sample.tickerRanges).toBeLessThanOrEqual(MAX_RESCANS_PER_SECOND * seconds + 1);
      expect(sample.framesWithoutStable).toBe(0);
      await page.close();
    });
  });

  describe('a hostile page', () => {
    test('cannot switch the extension off by announcing a newer instance, nor see it announce one', async () => {
      const page = await openMarked('scanner-hostile.html');
      const expectations = await page.evaluate(readExpectations);
      checkExpectations(await marksFor(page, expectations), expectations);
      await page.evaluate(impersonateNewerInstance, browser.extensionId);
      const marks = await waitFor(async () => {
        const all = await page.evaluate(readMarks);
        return marksAt(all, 'p-after').length === 2 ? all : null;
      }, 'the marks of a paragraph added after the announcement');
      // The glossary may mark a longer form (“放管服”改革).
      expect(marksAt(marks, 'p-after')).toEqual([
        expect.stringContaining('放管服'),
        expect.stringContaining('六稳六保'),
      ]);
      checkExpectations(marks, expectations);
      // Nothing of the extension's start reached the page (the page's own message is the only one).
      const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toContain('from-the-page');
      await page.close();
    });
  });

  describe('viewport', () => {
    test('on a 1 MB page, marks only about a screen around the viewport, and the end after a jump', async () => {
      const page = await openMarked('scanner-1mb.html');
      const atFirst = await waitFor(async () => {
        const at = marksAt(await page.evaluate(readMarks), 'big-first');
        return at.length ? at : null;
      }, 'marks at the top');
      expect(atFirst.length).toBeGreaterThan(0);
      const top = await page.evaluate(markSpread);
      expect(top.onScreen).toBeGreaterThan(0);
      // Marked: a margin of 1.5 screens, plus the rest of any block that reaches into it.
      expect(top.maxScreens).toBeLessThan(4);
      expect(top.count).toBeLessThan((big?.inserted ?? 0) / 10);

      expect(await page.evaluate(jumpTo, 'big-last')).toBeGreaterThan(0);
      const atLast = await waitFor(async () => {
        const at = marksAt(await page.evaluate(readMarks), 'big-last');
        return at.length ? at : null;
      }, 'marks at the end');
      expect(atLast.some((t) => t.includes('三高四新'))).toBe(true);
      const end = await page.evaluate(markSpread);
      expect(end.onScreen).toBeGreaterThan(0);
      expect(end.minScreens).toBeGreaterThan(-3);
      expect(marksAt(await page.evaluate(readMarks), 'big-first')).toEqual([]);
      await page.close();
    });
  });

  describe('hit testing (what term is under this point?)', () => {
    test('hovering a split term opens its card; pointing beside its last glyph opens none', async () => {
      const page = await openMarked('scanner-page.html');
      // Beside the end of a line that ends with a term: the caret snaps to the term's end, the glyph check says no.
      const beside = await page.evaluate(besideEnd, { id: 'p-edge', dx: 40 });
      expect(beside).not.toBeNull();
      await page.mouseMove((beside?.x ?? 0) + 20, (beside?.y ?? 0) + 30);
      await page.mouseMove(beside?.x ?? 0, beside?.y ?? 0, 3);
      await sleep(800);
      expect(await page.evaluate(cardText)).toBeNull();

      const p = await waitFor(() => page.evaluate(markPointIn, { id: 'p-strong', text: '三高四新' }), 'the split term');
      await page.mouseMove(p.x, p.y, 4);
      const text = await waitFor(() => page.evaluate(cardText), 'the card');
      expect(stripQuotes(text)).toContain(stripQuotes(definitionOf('三高四新')).slice(0, 30));
      await page.close();
    });

    test('hovering a term inside a shadow root opens its card', async () => {
      const page = await openMarked('scanner-page.html');
      expect(await page.evaluate(jumpTo, 'shadow-host')).toBeGreaterThan(0);
      const p = await waitFor(() => page.evaluate(markPointIn, { id: 'in-shadow', text: '放管服' }), 'the term');
      await page.mouseMove(p.x - 30, p.y + 30);
      await page.mouseMove(p.x, p.y, 4);
      const text = await waitFor(() => page.evaluate(cardText), 'the card');
      expect(stripQuotes(text)).toContain(stripQuotes(definitionOf('放管服')).slice(0, 20));
      await page.screenshot('scanner-shadow-card');
      await page.close();
    });
  });
}
