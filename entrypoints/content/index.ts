/**
 * The content script. Runs in every frame of the default sites (and of sites
 * the user enabled), including the srcdoc and about:blank frames their pages
 * write: a same-origin iframe is scanned by its own instance and shows its
 * cards inside itself, where its coordinates are.
 */
import '@/components/entry.css';
import '@/components/card.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { DEFAULT_SITES } from '@/common/sites';
import { createApp, readSettings } from '@/content/app';
import { initCard } from '@/content/card';
import { initPageMessages } from '@/content/messages';
import { initPageGlossary } from '@/content/page-glossary';
import { highlightSupported } from '@/page/highlight';

export default defineContentScript({
  matches: DEFAULT_SITES,
  allFrames: true,
  // Frames a page writes itself (srcdoc, about:blank) belong to the page's origin: scan them too.
  matchAboutBlank: true,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const settings = await readSettings();
    if (settings.paused || !highlightSupported()) return;
    const app = await createApp(ctx, settings);
    const features = [initCard, initPageMessages, initPageGlossary];
    const stops = features.map((init) => init(app));
    ctx.onInvalidated(() => {
      for (const stop of stops) stop?.();
    });
    await app.start();
  },
});
