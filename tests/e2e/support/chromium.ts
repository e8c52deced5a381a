/**
 * Real Chromium (Debian's, or CHROMIUM_PATH) with the built extension loaded,
 * through playwright-core. If Chromium cannot start, this throws: the run
 * fails, it never skips.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** The built extension; PG_CHROME_EXT points elsewhere (scripts/bench-page.ts compares builds). */
export const CHROME_EXT = process.env.PG_CHROME_EXT ?? path.resolve(import.meta.dirname, '../../../.output/chrome-mv3');
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../../test-results');

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  /** Every URL any page or worker of the context requested. */
  requests: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export interface ChromiumOptions {
  colorScheme?: 'light' | 'dark';
  locale?: string;
  /** Load the built extension (default true); false gives the same browser without it, for baselines. */
  extension?: boolean;
  /** Another unpacked extension to load instead of the build (a benchmark's baseline). */
  extensionDir?: string;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const withExtension = options.extension ?? true;
  const dir = options.extensionDir ?? CHROME_EXT;
  if (withExtension && !fs.existsSync(path.join(dir, 'manifest.json')))
    throw new Error(`no build at ${dir}: run npm run build first`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    viewport: { width: 1200, height: 800 },
    args: [
      ...(withExtension ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP *.gov.cn 127.0.0.1, MAP *.example.org 127.0.0.1',
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  let extensionId = '';
  if (withExtension) {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    requests,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  return file;
}
