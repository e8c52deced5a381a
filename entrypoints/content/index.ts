/**
 * The content script. Runs in every frame of the default sites (and of sites
 * the user enabled), including the srcdoc and about:blank frames their pages
 * write: a same-origin iframe is scanned by its own instance and shows its
 * cards inside itself, where its coordinates are.
 *
 * It is only a loader: it imports the body (entrypoints/content-main.ts) as a
 * module from the extension. A content script is compiled on the page's main
 * thread in the task that runs it; an imported module is compiled off it, so
 * the page never waits for our code to compile (scripts/bench-start.ts).
 */

import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { DEFAULT_SITES } from '@/common/sites';
import type { StartContent } from '../content-main';

export default defineContentScript({
  matches: DEFAULT_SITES,
  allFrames: true,
  // Frames a page writes itself (srcdoc, about:blank) belong to the page's origin: scan them too.
  matchAboutBlank: true,
  runAt: 'document_idle',
  // The card's shadow root gets its stylesheet from the card's chunk (content/card-view.tsx).
  cssInjectionMode: 'manual',
  async main(ctx) {
    const body: { default: StartContent } = await import(/* @vite-ignore */ browser.runtime.getURL('/content-main.js'));
    await body.default(ctx);
  },
});
