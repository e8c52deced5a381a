/**
 * One small interface over both browsers' drivers (playwright-core for
 * Chromium, puppeteer-core over WebDriver BiDi for Firefox), so that a test
 * body is written once and run in each browser's test file. It covers what
 * the page-level tests need: evaluate a probe in the page or a frame, move
 * the mouse, wait, screenshot. Waiting polls from Node, which behaves the
 * same in both.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Frame as PwFrame, Page as PwPage } from 'playwright-core';
import type { Frame as PpFrame, Page as PpPage } from 'puppeteer-core';
import { ARTIFACTS, launchChromium } from './chromium';
import { launchFirefox } from './firefox';

export type BrowserName = 'chromium' | 'firefox';

export interface TestFrame {
  url(): string;
  /** Runs a probe (a plain function without closures) in the frame's main world. */
  evaluate<R, A = undefined>(fn: (arg: A) => R, arg?: A): Promise<Awaited<R>>;
}

export interface TestPage extends TestFrame {
  frames(): TestFrame[];
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  /** Types `text` into the field matched by `selector`, replacing its value. */
  fill(selector: string, text: string): Promise<void>;
  /** Saves test-results/<browser>-<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestBrowser {
  name: BrowserName;
  /** The extension's id, as `runtime.id` gives it (public: a page can know it too). */
  extensionId: string;
  /** Opens a fixture (or any http) URL and waits for its load event. */
  open(url: string): Promise<TestPage>;
  /** Opens a page of the extension (popup.html …) and waits for `selector` in it. */
  openExtensionPage(file: string, selector: string): Promise<TestPage>;
  close(): Promise<void>;
}

function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

function wrapPlaywright(page: PwPage): TestPage {
  const frame = (f: PwFrame): TestFrame => ({
    url: () => f.url(),
    evaluate: (fn, arg) => f.evaluate(fn as never, arg) as never,
  });
  return {
    ...frame(page.mainFrame()),
    frames: () => page.frames().map(frame),
    mouseMove: (x, y, steps = 1) => page.mouse.move(x, y, { steps }),
    fill: (selector, text) => page.locator(selector).fill(text),
    screenshot: async (name) => {
      const file = artifact(`chromium-${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: () => page.close(),
  };
}

export function wrapPuppeteer(page: PpPage): TestPage {
  const frame = (f: PpFrame): TestFrame => ({
    url: () => f.url(),
    evaluate: (fn, arg) => f.evaluate(fn as never, arg) as never,
  });
  return {
    ...frame(page.mainFrame()),
    frames: () => page.frames().map(frame),
    mouseMove: (x, y, steps = 1) => page.mouse.move(x, y, { steps }),
    fill: (selector, text) => page.locator(selector).fill(text),
    screenshot: async (name) => {
      const file = artifact(`firefox-${name}.png`);
      await page.screenshot({ path: file as `${string}.png` });
      return file;
    },
    close: () => page.close(),
  };
}

export async function launchBrowser(name: BrowserName): Promise<TestBrowser> {
  if (name === 'chromium') {
    const session = await launchChromium();
    return {
      name,
      extensionId: session.extensionId,
      open: async (url) => {
        const page = await session.newPage();
        await page.goto(url);
        return wrapPlaywright(page);
      },
      openExtensionPage: async (file, selector) => {
        const page = await session.newPage();
        await page.goto(`chrome-extension://${session.extensionId}/${file}`);
        await page.waitForSelector(selector);
        return wrapPlaywright(page);
      },
      close: () => session.close(),
    };
  }
  const session = await launchFirefox();
  return {
    name,
    extensionId: session.extensionId,
    open: async (url) => {
      const page = await session.newPage();
      await page.goto(url);
      return wrapPuppeteer(page);
    },
    openExtensionPage: async (file, selector) => {
      const page = await session.newPage();
      // Navigating to a moz-extension:// page over BiDi may never report its
      // load: start it without waiting, then wait for the page's content.
      void page.goto(session.extensionUrl(file)).catch(() => {});
      // Polled by hand: a wait that spans the switch from about:blank fails with a protocol error.
      await waitFor(
        () => page.evaluate((sel) => document.querySelector(sel) !== null, selector).catch(() => false),
        `${selector} in ${file}`,
      );
      return wrapPuppeteer(page);
    },
    close: () => session.close(),
  };
}

/** Polls `get` until it returns something truthy (and returns that), or fails after `timeout` ms. */
export async function waitFor<R>(get: () => Promise<R>, what: string, timeout = 20_000): Promise<NonNullable<R>> {
  const end = Date.now() + timeout;
  let last: R | undefined;
  for (;;) {
    last = await get();
    if (last) return last as NonNullable<R>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
