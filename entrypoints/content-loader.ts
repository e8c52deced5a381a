/**
 * The content script (declared in wxt.config.ts): runs in every frame of the
 * default sites (and of sites the user enabled), including the srcdoc and
 * about:blank frames their pages write. A same-origin iframe is scanned by
 * its own instance and shows its cards inside itself, where its coordinates are.
 *
 * It is only a loader: it imports the body (content-main.ts) as an ES module
 * from the extension. A content script is compiled on the page's main thread
 * in the task that runs it; an imported module is compiled off it
 * (scripts/bench-start.ts, docs/browser-bugs.md). Its one extension call,
 * runtime.getURL, is synchronous and the same in every browser, so the loader
 * does without webextension-polyfill, whose set-up would cost every page a
 * few milliseconds twice (the body sets it up anyway).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { StartContent } from './content-main';

interface Runtime {
  runtime: { getURL(path: string): string };
}

export default defineUnlistedScript(async () => {
  const ext = globalThis as unknown as { browser?: Runtime; chrome?: Runtime };
  const api = (ext.browser ?? ext.chrome) as Runtime;
  const body: { default: StartContent } = await import(/* @vite-ignore */ api.runtime.getURL('/content-main.js'));
  await body.default();
});
