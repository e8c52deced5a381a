/**
 * The content script: wires the engine (matcher over the bundled glossary),
 * the page layer (scanner, marks, hit testing, change observer) and the hover
 * card together. Runs in every frame of the default sites (and of sites the
 * user enabled), so a same-origin iframe is scanned by its own instance and
 * shows its cards inside itself, where its coordinates are.
 */
import '@/components/entry.css';
import '@/components/card.css';
import { render } from 'preact';
import { DEFAULT_SITES } from '@/common/sites';
import { loadLookup } from '@/common/glossary-data';
import { readSettings, watchSettings } from '@/common/settings';
import { CardRoot, type CardState } from '@/components/CardRoot';
import { rankEntries, regionForHost } from '@/engine/rank';
import { Marks, highlightSupported } from '@/page/highlight';
import { matchAtPoint } from '@/page/hit-test';
import { observeChanges } from '@/page/observe';
import { type Layer, PageScanner, type PageMatch } from '@/page/scanner';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export default defineContentScript({
  matches: DEFAULT_SITES,
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const settings = await readSettings();
    if (settings.paused || !highlightSupported()) return;
    const lookup = loadLookup();
    const region = regionForHost(location.hostname, lookup.glossary.regions);
    const termLayer: Layer = {
      kind: 'term',
      find: (text) => {
        const spans: Array<{ start: number; end: number; key: string }> = [];
        lookup.matcher.scan(text, (start, end, pattern) => spans.push({ start, end, key: String(pattern) }));
        return spans;
      },
    };
    const marks = new Marks(settings.markStyle);
    const scanner = new PageScanner(document, [termLayer], marks);
    await scanner.scan();
    const stopObserving = observeChanges(document.body ?? document.documentElement, (containers) => {
      void scanner.rescan(containers);
    });

    let state: CardState = { match: null, entries: [], settings };
    let ui: ShadowRootContentScriptUi<void> | null = null;
    const renderCard = async () => {
      ui ??= await mountCard(ctx, () => state, (next) => {
        state = next;
        void renderCard();
      });
      render(<CardRoot state={state} update={(next) => { state = next; void renderCard(); }} />, ui.uiContainer);
    };

    const open = (match: PageMatch) => {
      const entries = rankEntries(lookup.entriesOf(Number(match.key)), region, lookup.glossary.regions);
      state = { ...state, match, entries, anchor: scanner.liveRange(match) };
      void renderCard();
    };
    const close = () => {
      if (!state.match) return;
      state = { ...state, match: null, entries: [] };
      void renderCard();
    };

    let hoverTimer: ReturnType<typeof setTimeout> | undefined;
    let pending: PageMatch | null = null;
    const onMove = (e: PointerEvent) => {
      if (e.target instanceof Element && e.target.tagName === 'POLICY-GLOSSARY-CARD') {
        clearTimeout(hoverTimer);
        return;
      }
      const match = matchAtPoint(scanner, document, e.clientX, e.clientY);
      if (match === state.match) {
        clearTimeout(hoverTimer);
        return;
      }
      if (match === pending) return;
      pending = match;
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(
        () => {
          pending = null;
          if (match) open(match);
          else close();
        },
        match ? state.settings.hoverDelay : 300,
      );
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    ctx.addEventListener(document, 'pointermove', onMove, { passive: true });
    ctx.addEventListener(document, 'keydown', onKey);
    const stopWatching = watchSettings((s) => {
      marks.setStyle(s.markStyle);
      state = { ...state, settings: s };
      if (state.match) void renderCard();
    });
    ctx.onInvalidated(() => {
      stopObserving();
      stopWatching();
      scanner.stop();
      marks.clear();
    });
  },
});

async function mountCard(
  ctx: ContentScriptContext,
  _get: () => CardState,
  _set: (s: CardState) => void,
): Promise<ShadowRootContentScriptUi<void>> {
  const ui = await createShadowRootUi(ctx, {
    name: 'policy-glossary-card',
    position: 'overlay',
    anchor: 'html',
    append: 'last',
    onMount: () => {},
  });
  ui.shadowHost.setAttribute('data-policy-glossary-ui', '');
  ui.mount();
  return ui;
}
