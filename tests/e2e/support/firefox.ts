/**
 * Real Firefox ESR (Debian's, or FIREFOX_PATH) over WebDriver BiDi with
 * puppeteer-core, the built MV2 extension installed as a temporary add-on.
 * Government host names resolve to 127.0.0.1 through a pref. If Firefox
 * cannot start, this throws: the run fails, it never skips.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** The built extension; PG_FIREFOX_EXT points elsewhere (another build, as PG_CHROME_EXT does for Chromium). */
export const FIREFOX_EXT =
  process.env.PG_FIREFOX_EXT ?? path.resolve(import.meta.dirname, '../../../.output/firefox-mv2');

export interface FirefoxSession {
  browser: Browser;
  extensionId: string;
  /** The internal UUID of moz-extension:// URLs (fixed through a pref, see launchFirefox). */
  extensionUuid: string;
  /** A page of the extension: moz-extension://<uuid>/<file>. */
  extensionUrl(file: string): string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** `prefs`: extra Firefox prefs for one suite (e.g. the optional-permission test pref). */
export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<FirefoxSession> {
  if (!fs.existsSync(path.join(FIREFOX_EXT, 'manifest.json')))
    throw new Error(`no build at ${FIREFOX_EXT}: run npm run build first`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-firefox-'));
  // Firefox gives each add-on a random internal UUID for its moz-extension://
  // URLs, unrelated to the add-on id that installExtension returns, and
  // exposes no background target over BiDi to read it from. It takes the
  // UUID from this pref when one is set for the id, so we choose it.
  const manifest = JSON.parse(fs.readFileSync(path.join(FIREFOX_EXT, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id ?? '';
  const extensionUuid = crypto.randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'network.proxy.type': 0,
      'network.dns.disablePrefetch': true,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.update.enabled': false,
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'layout.css.devPixelsPerPx': '1.0',
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: extensionUuid }),
      ...prefs,
    },
  });
  const extensionId = await browser.installExtension(FIREFOX_EXT);
  return {
    browser,
    extensionId,
    extensionUuid,
    extensionUrl: (file) => `moz-extension://${extensionUuid}/${file.replace(/^\//, '')}`,
    newPage: async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 800 });
      return page;
    },
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
