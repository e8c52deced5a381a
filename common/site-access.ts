/**
 * Where the content script runs. The default sites (common/sites.ts) are in
 * the manifest; any other site is opt-in: an optional host permission for
 * that one host, then a dynamically registered content script for it. The
 * hosts the user enabled are kept in settings.extraSites, so the background
 * can register them again at startup (Firefox's MV2 registrations last only
 * as long as the background page; Chrome's persist, and are re-checked).
 */
import { browser } from 'wxt/browser';
import { settings } from './settings';
import { DEFAULT_SITES } from './sites';

/** The match pattern that enables one host, both schemes: *://example.org/*. Null for non-web URLs. */
export function sitePattern(url: string | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // Letters, digits, dots and hyphens (the URL parser has punycoded any IDN), or an IPv6 literal.
  // Chromium's parser lets some characters through that no host has (a typed "not a site").
  if (!/^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(parsed.hostname)) return null;
  return `*://${parsed.hostname}/*`;
}

/** A user's typing in the options page (example.org, https://example.org/page) → its pattern, or null. */
export function patternFromInput(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return sitePattern(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
}

/** The host a pattern names, for display: *://example.org/* → example.org. */
export function patternHost(pattern: string): string {
  return pattern.replace(/^[^:]+:\/\//, '').replace(/\/.*$/, '');
}

/**
 * Whether a match pattern (scheme://host/path, host may start with *.)
 * covers a URL. Only the forms this extension uses: path is always /*.
 */
export function patternMatches(pattern: string, url: string): boolean {
  const m = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host] = m as unknown as [string, string, string];
  if (scheme === '*' ? u.protocol !== 'http:' && u.protocol !== 'https:' : u.protocol !== `${scheme}:`) return false;
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return u.hostname === base || u.hostname.endsWith(`.${base}`);
  }
  return u.hostname === host;
}

export function isDefaultSite(url: string): boolean {
  return DEFAULT_SITES.some((p) => patternMatches(p, url));
}

export type SiteState =
  /** Not a web page (browser pages, the extension's own, file:). */
  | 'unsupported'
  /** On the built-in list of government and state-media sites. */
  | 'default'
  /** Enabled by the user, with the permission granted. */
  | 'enabled'
  /** Enabled by the user, but the permission was revoked (or not granted on this device). */
  | 'needs-permission'
  | 'off';

export async function siteState(url: string | undefined): Promise<SiteState> {
  const pattern = sitePattern(url);
  if (!url || !pattern) return 'unsupported';
  if (isDefaultSite(url)) return 'default';
  const extra = await settings.extraSites.getValue();
  if (!extra.includes(pattern)) return 'off';
  return (await hasPermission(pattern)) ? 'enabled' : 'needs-permission';
}

export function hasPermission(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [pattern] });
}

/**
 * Asks for one host. Must be the first await of a click handler: both
 * browsers refuse permission requests outside a user gesture, and an earlier
 * await can end it (MDN, permissions.request: only inside a user-action handler).
 */
export function requestPermission(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] });
}

/** Adds a host to the enabled list (after its permission was granted). */
export async function addSite(pattern: string): Promise<void> {
  const list = await settings.extraSites.getValue();
  if (!list.includes(pattern)) await settings.extraSites.setValue([...list, pattern].sort());
}

/** Removes a host from the list and gives its permission back. */
export async function removeSite(pattern: string): Promise<void> {
  const list = await settings.extraSites.getValue();
  await settings.extraSites.setValue(list.filter((p) => p !== pattern));
  // The permission is ours to drop: holding it unused would be a permission we do not need.
  if (await hasPermission(pattern)) await browser.permissions.remove({ origins: [pattern] });
}

// ---------------------------------------------------------------------------
// Registration (background only)

const SCRIPT_ID = 'policy-glossary-extra-sites';

interface ManifestScript {
  js?: string[];
  css?: string[];
  all_frames?: boolean;
  match_about_blank?: boolean;
  run_at?: string;
}

/** Firefox MV2: contentScripts.register, whose handle unregisters (absent from Chrome's types). */
interface FirefoxContentScripts {
  register(options: {
    matches: string[];
    js: Array<{ file: string }>;
    css: Array<{ file: string }>;
    allFrames: boolean;
    matchAboutBlank: boolean;
    runAt: string;
  }): Promise<{ unregister(): Promise<void> }>;
}

let firefoxRegistration: { unregister(): Promise<void> } | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** The enabled hosts whose permission is still granted. */
async function grantedSites(): Promise<string[]> {
  const list = await settings.extraSites.getValue();
  const granted = await Promise.all(list.map(hasPermission));
  return list.filter((_, i) => granted[i]);
}

async function register(matches: string[]): Promise<void> {
  // The same files, frames and timing as the manifest's content script.
  const script = (browser.runtime.getManifest().content_scripts?.[0] ?? {}) as ManifestScript;
  // Firefox's getManifest() gives the files as absolute moz-extension:// URLs; both APIs want paths.
  const toPath = (file: string) => new URL(file, browser.runtime.getURL('/')).pathname.replace(/^\//, '');
  const js = (script.js ?? []).map(toPath);
  const css = (script.css ?? []).map(toPath);
  const allFrames = script.all_frames ?? true;
  // Frames the page writes itself (srcdoc, about:blank), as on the default sites.
  const aboutBlank = script.match_about_blank ?? false;
  const runAt = script.run_at ?? 'document_idle';
  const scripting = (browser as { scripting?: typeof browser.scripting }).scripting;
  if (scripting?.registerContentScripts) {
    const existing = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (!matches.length) return;
    await scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches,
        js,
        css,
        allFrames,
        runAt: runAt as 'document_idle',
        persistAcrossSessions: true,
        // Chrome's name for match_about_blank in registered scripts (and more: data: and blob: frames).
        matchOriginAsFallback: aboutBlank,
      },
    ]);
    return;
  }
  // Firefox MV2 has no scripting.registerContentScripts; its contentScripts.register
  // lasts while the registering page lives, so the background does it at every start.
  const contentScripts = (browser as unknown as { contentScripts?: FirefoxContentScripts }).contentScripts;
  if (!contentScripts) throw new Error('no API to register content scripts');
  await firefoxRegistration?.unregister();
  firefoxRegistration = null;
  if (!matches.length) return;
  firefoxRegistration = await contentScripts.register({
    matches,
    js: js.map((file) => ({ file })),
    css: css.map((file) => ({ file })),
    allFrames,
    matchAboutBlank: aboutBlank,
    runAt,
  });
}

/** Registers the content script for exactly the enabled, granted hosts. Calls are serialised. */
export function syncContentScripts(): Promise<string[]> {
  const run = queue.then(async () => {
    const sites = await grantedSites();
    await register(sites);
    return sites;
  });
  queue = run.catch(() => undefined);
  return run;
}
