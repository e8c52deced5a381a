/**
 * The content script (declared in wxt.config.ts): runs in every frame of the
 * default sites (and of sites the user enabled), including the srcdoc and
 * about:blank frames their pages write. A same-origin iframe is scanned by
 * its own instance and shows its cards inside itself, where its coordinates are.
 *
 * It is only a loader: it imports the body (content-main.ts) as an ES module
 * from the extension. A content script is compiled on the page's main thread
 * in the task that runs it; an imported module is compiled off it
 * (scripts/bench-start.ts, docs/browser-bugs.md). Its two extension calls
 * (runtime.getURL, and storage for the global pause) are the same in every
 * browser it supports, so the loader does without webextension-polyfill,
 * whose set-up would cost every page a few milliseconds twice (the body
 * sets it up anyway).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PAUSED_KEY } from '@/common/paused';
import { highlightSupported } from '@/page/highlight';
import type { StartContent } from './content-main';

/** The two calls the loader makes, the same in every browser (promise-based storage: MV3, and Firefox's `browser`). */
interface Api {
  runtime: { getURL(path: string): string };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

export default defineUnlistedScript(async () => {
  // Without the Highlight API the extension stays inactive rather than rewrite the page.
  if (!highlightSupported()) return;
  const ext = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (ext.browser ?? ext.chrome) as Api;
  // Paused: the page gets this script and one storage read, nothing more.
  if ((await api.storage.local.get(PAUSED_KEY))[PAUSED_KEY] === true) return;
  const body: { default: StartContent } = await import(/* @vite-ignore */ api.runtime.getURL('/content-main.js'));
  await body.default();
});
