/**
 * The content script's body, an ES module that the content script
 * (content-loader.ts) imports from the extension, so that the browser
 * compiles it off the page's main thread. Built as ESM by the hook in
 * wxt.config.ts; its default export starts it.
 *
 * Everything is inside the function given to defineUnlistedScript: WXT
 * imports entrypoints when it prepares and builds, with that function's body
 * stripped, and the glossary data imported below may not be compiled yet then.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createApp, readSettings } from '@/content/app';
import { initCard } from '@/content/card';
import { PageContext } from '@/content/context';
import { initPageMessages } from '@/content/messages';
import { initPageGlossary } from '@/content/page-glossary';
import { yieldToMain } from '@/page/scanner';

export type StartContent = () => Promise<void>;

export default defineUnlistedScript(
  (): StartContent => async () => {
    // A task of its own: evaluating this module (and the polyfill's set-up in it) was one.
    await yieldToMain();
    // Stops an older instance of this script in the frame, and is invalidated in turn by a newer
    // one (content/context.ts), never by the page.
    const ctx = new PageContext();
    const settings = await readSettings();
    // The loader checked both before importing this; the pause may have come since.
    if (settings.paused) return;
    const app = await createApp(ctx, settings);
    const features = [initCard, initPageMessages, initPageGlossary];
    const stops = features.map((init) => init(app));
    ctx.onInvalidated(() => {
      for (const stop of stops) stop?.();
    });
    await app.start();
  },
);
