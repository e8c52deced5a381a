/**
 * The content script's body, an ES module that the content script (content/
 * index.ts) imports from the extension. Loaded that way, the browser compiles
 * it off the page's main thread, and its chunks (the card's UI) load only
 * when wanted; the content script itself stays a few kilobytes.
 * Built as ESM by the hook in wxt.config.ts; its default export starts it.
 */

import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createApp, readSettings } from '@/content/app';
import { initCard } from '@/content/card';
import { initPageMessages } from '@/content/messages';
import { initPageGlossary } from '@/content/page-glossary';
import { highlightSupported } from '@/page/highlight';

export type StartContent = (ctx: ContentScriptContext) => Promise<void>;

const start: StartContent = async (ctx) => {
  const settings = await readSettings();
  if (settings.paused || !highlightSupported()) return;
  const app = await createApp(ctx, settings);
  const features = [initCard, initPageMessages, initPageGlossary];
  const stops = features.map((init) => init(app));
  ctx.onInvalidated(() => {
    for (const stop of stops) stop?.();
  });
  await app.start();
};

export default defineUnlistedScript(() => start);
