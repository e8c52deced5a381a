/**
 * The hover card feature: hover intent (open after the hover delay, close
 * after the pointer leaves), Escape, and the card's one reused shadow-root
 * host, <policy-glossary-card>, mounted on first use.
 */
import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { CardRoot, type CardState } from '@/components/CardRoot';
import { rankEntries } from '@/engine/rank';
import { matchAtPoint } from '@/page/hit-test';
import type { PageMatch } from '@/page/scanner';
import type { ContentApp } from './app';

/** Pointer must be away from the term (and card) this long before the card closes. */
const CLOSE_DELAY_MS = 300;

export function initCard(app: ContentApp): () => void {
  const { ctx, scanner, lookup } = app;
  let state: CardState = { match: null, entries: [], settings: app.settings() };
  let ui: ShadowRootContentScriptUi<void> | null = null;

  const draw = async () => {
    ui ??= await createShadowRootUi(ctx, {
      name: 'policy-glossary-card',
      position: 'overlay',
      anchor: 'html',
      append: 'last',
      onMount: () => {},
    });
    if (!ui.shadowHost.isConnected) {
      ui.shadowHost.setAttribute('data-policy-glossary-ui', '');
      ui.mount();
    }
    render(
      <CardRoot state={state} related={(id) => lookup.byId.get(id)} update={(next) => set(next)} />,
      ui.uiContainer,
    );
  };
  const set = (next: CardState) => {
    state = next;
    void draw();
  };

  const open = (match: PageMatch) => {
    if (match.kind !== 'term') return;
    const entries = rankEntries(lookup.entriesOf(Number(match.key)), app.region, lookup.glossary.regions);
    set({ ...state, match, entries, anchor: scanner.liveRange(match) });
  };
  const close = () => {
    if (state.match) set({ ...state, match: null, entries: [] });
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: PageMatch | null | undefined;
  const onMove = (e: PointerEvent) => {
    if (e.target instanceof Element && e.target.hasAttribute('data-policy-glossary-ui')) {
      // Inside the card: keep it open.
      clearTimeout(timer);
      pending = undefined;
      return;
    }
    const match = matchAtPoint(scanner, document, e.clientX, e.clientY);
    if (match === state.match) {
      clearTimeout(timer);
      pending = undefined;
      return;
    }
    if (match === pending) return;
    pending = match;
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        pending = undefined;
        if (match) open(match);
        else close();
      },
      match ? app.settings().hoverDelay : CLOSE_DELAY_MS,
    );
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
  };
  ctx.addEventListener(document, 'pointermove', onMove, { passive: true });
  ctx.addEventListener(document, 'keydown', onKey);
  const stop = app.onSettings((s) => {
    state = { ...state, settings: s };
    if (state.match) void draw();
  });
  return () => {
    stop();
    clearTimeout(timer);
    ui?.remove();
  };
}
