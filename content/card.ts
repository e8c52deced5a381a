/**
 * The hover card feature: hover intent (open after the hover delay, close
 * about 300 ms after the pointer leaves the term and the card), pinning,
 * Escape and clicks elsewhere, scrolling away, and the one reused shadow-root
 * host, <policy-glossary-card>, mounted on first use. Keyboard navigation
 * (keyboard.ts) opens the same card.
 *
 * Frames: every frame runs its own content script (allFrames), so a term in
 * an iframe opens its card inside that iframe, in the frame's own coordinates
 * and top layer. The top frame cannot place a card over a cross-origin
 * frame's text without asking that frame where the term is on every scroll,
 * and the frame's hit test, marks and page definitions are all local to it.
 */
import { browser } from 'wxt/browser';
import { sendToExtension } from '@/common/messages';
import type { CardHandlers, CardView } from '@/components/CardRoot';
import { cardStrings } from '@/components/card-strings';
import type { CompiledEntry } from '@/engine/entry';
import { normalizeForm } from '@/engine/normalize';
import { rankEntries } from '@/engine/rank';
import { matchAtPoint } from '@/page/hit-test';
import type { PageMatch } from '@/page/scanner';
import type { ContentApp } from './app';
import type { CardUi, createCardView } from './card-view';
import { copyText } from './clipboard';
import { initKeyboard } from './keyboard';
import { findExplanation, scrollRangeIntoView } from './reveal';

/** Pointer must be away from the term (and card) this long before the card closes. */
const CLOSE_DELAY_MS = 300;
/** How long "find an explanation" flashes what it found. */
const FLASH_MS = 2000;
/** Wait before filling the live region, so that a region created with the card is announced too. */
const ANNOUNCE_DELAY_MS = 60;

export type OpenedBy = 'hover' | 'keyboard';

export interface CardController {
  /** Opens the card on a match once its entries are here (fetched from the background on first use). */
  open(match: PageMatch, by: OpenedBy): Promise<void>;
  close(): void;
  isOpen(): boolean;
  isOpenFor(match: PageMatch): boolean;
  isPinned(): boolean;
  /** Says `text` in the card's live region (screen readers). */
  announce(text: string): void;
  /** True if the event happened inside the card. */
  isOwnEvent(e: Event): boolean;
  readonly strings: ReturnType<typeof cardStrings>;
}

interface State {
  views: CardView[];
  match: PageMatch | null;
  anchor: Range | null;
  pinned: boolean;
  openedBy: OpenedBy | null;
  announcement: string;
}

const CLOSED: State = { views: [], match: null, anchor: null, pinned: false, openedBy: null, announcement: '' };

/** Quotes around a term as the page writes it: “四新” → 四新. */
const stripQuotes = (s: string) => s.replace(/^[“”"'‘’「」『』\s]+|[“”"'‘’「」『』\s]+$/g, '');

/** A match's text as the page writes it. */
const textOf = (match: PageMatch) => match.run.run.text.slice(match.start, match.end);

export function initCard(app: ContentApp): () => void {
  const { ctx, scanner, lookup } = app;
  const strings = cardStrings(navigator.language);
  let state: State = CLOSED;
  let ui: CardUi | null = null;
  let creating: Promise<CardUi> | null = null;
  /** Where keyboard focus was before a keyboard-opened card took it. */
  let returnFocus: HTMLElement | null = null;
  /** A term whose card the reader dismissed: hovering it again does not reopen it until the pointer leaves it. */
  let dismissed: PageMatch | null = null;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;

  let formIndex: Map<string, number> | null = null;
  /** The ids of the bundled entries a match stands for, best first (its heads, ranked for this site). */
  const idsFor = (match: PageMatch): string[] => {
    let pattern: number | undefined;
    if (match.kind === 'term') pattern = Number(match.key);
    else {
      formIndex ??= new Map(lookup.glossary.forms.map((f, i) => [f, i]));
      pattern = formIndex.get(normalizeForm(textOf(match), lookup.table));
    }
    if (pattern === undefined) return [];
    return rankEntries(lookup.headsOf(pattern), app.region, lookup.glossary.regions).map((h) => h.id);
  };

  /** Starts fetching a match's entries, and the card's code (the pointer came to rest on it: the card may open). */
  const prefetch = (match: PageMatch) => {
    void app.entries.load(idsFor(match)).catch(() => {});
    void loadViewCode().catch(() => {});
  };

  const viewFor = async (match: PageMatch): Promise<CardView | null> => {
    const text = textOf(match);
    const pageDefinitions = app.pageTerms.definitionsFor(normalizeForm(text, lookup.table));
    const ids = idsFor(match);
    try {
      await app.entries.load(ids);
    } catch (e) {
      // The extension was updated or removed under the page: what the page defines still shows.
      console.warn('policy-glossary: entries unavailable', e);
    }
    const entries = ids.map((id) => app.entries.get(id)).filter((e): e is CompiledEntry => !!e);
    if (match.kind !== 'unknown' && !pageDefinitions.length && !entries.length) return null;
    return { kind: 'match', text: stripQuotes(text), pageDefinitions, entries };
  };

  /** The card's UI code (entrypoints/content-card.ts, its own module), loaded once; tried again after a failure. */
  let viewCode: Promise<{ default: typeof createCardView }> | null = null;
  const loadViewCode = () => {
    viewCode ??= import(/* @vite-ignore */ browser.runtime.getURL('/content-card.js')).catch((e: unknown) => {
      viewCode = null;
      throw e;
    });
    return viewCode;
  };
  /** The card's UI, mounted on first use. */
  const mount = async (): Promise<CardUi> => {
    creating ??= loadViewCode()
      .then((code) => code.default(ctx))
      .catch((e: unknown) => {
        creating = null;
        throw e;
      });
    ui = await creating;
    return ui;
  };

  const handlers: CardHandlers = {
    close: () => close(),
    togglePin: () => set({ ...state, pinned: !state.pinned }),
    back: () => set({ ...state, views: state.views.slice(0, -1) }),
    openRelated: (entry) => {
      // Its own related links need their entries: fetch them (usually here already) before drawing.
      void app.entries
        .load([entry.id])
        .catch(() => {})
        .then(() => set({ ...state, views: [...state.views, { kind: 'entry', entry }] }));
    },
    reveal: (definition) => app.pageTerms.reveal(definition),
    copy: copyText,
    openEntry: (entry) => {
      // The background opens the popup on the entry (or, where it cannot, a popup window).
      void sendToExtension('open-entry', { id: entry.id }).catch(() => {});
    },
    findOnPage: (text) => {
      const found = findExplanation(document.body ?? document.documentElement, text, state.anchor);
      if (!found) return false;
      if (!state.pinned) set({ ...state, pinned: true });
      scrollRangeIntoView(found);
      app.marks.only('flash', new StaticRange(found));
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => app.marks.only('flash', null), FLASH_MS);
      return true;
    },
    anchorHidden: (hidden) => {
      // Scrolled away (or removed from the page): a pinned card waits, hidden, for its term to come back.
      if (hidden && !state.pinned) close();
    },
  };

  const draw = async () => {
    const { host, draw: drawCard } = await mount();
    const s = app.settings();
    // CSS zoom on the page's root reaches the card through its host: cancel it (docs/browser-bugs.md).
    const zoom = Number.parseFloat(getComputedStyle(document.documentElement).zoom) || 1;
    drawCard({
      views: state.views,
      anchor: state.anchor,
      options: {
        showPinyin: s.showPinyin,
        showEnglish: s.showEnglish,
        showParts: s.showParts,
        explanation: s.explanation,
      },
      theme: s.theme,
      strings,
      pinned: state.pinned,
      focusOnOpen: state.openedBy === 'keyboard',
      announcement: state.announcement,
      pageUrl: location.href,
      zoom: 1 / zoom,
      related: (id) => app.entries.get(id),
      on: handlers,
    });
    if (!state.views.length && returnFocus) {
      // Give focus back if the card had it (a hover-opened card never takes it).
      if (document.activeElement === host) returnFocus.focus({ preventScroll: true });
      returnFocus = null;
    }
  };
  const set = (next: State) => {
    state = next;
    // The card's code cannot load when the extension was updated or removed under the page.
    draw().catch((e: unknown) => console.warn('policy-glossary: the card cannot open', e));
  };

  const announceLater = (text: string) => {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => set({ ...state, announcement: text }), ANNOUNCE_DELAY_MS);
  };

  /** Bumped by every open and close: an open still fetching its entries gives up when a newer one came. */
  let opening = 0;
  const open = async (match: PageMatch, by: OpenedBy) => {
    const token = ++opening;
    const view = await viewFor(match);
    // A match the page re-scanned meanwhile is gone: the scan's listener below hit-tests the resting pointer again.
    if (!view || token !== opening || !match.run.live) return;
    if (by === 'keyboard' && !state.views.length && document.activeElement instanceof HTMLElement)
      returnFocus = document.activeElement;
    set({
      views: [view],
      match,
      anchor: scanner.liveRange(match),
      pinned: state.pinned && state.match === match,
      openedBy: by,
      announcement: '',
    });
    const first = view.kind === 'match' ? view.entries[0] : undefined;
    announceLater(
      strings.announce(
        first?.term ?? (view.kind === 'match' ? view.text : ''),
        first?.english.text ?? strings.notInGlossary,
      ),
    );
  };
  const close = () => {
    opening++;
    clearTimeout(announceTimer);
    if (state.views.length) set({ ...CLOSED });
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: PageMatch | null | undefined;
  const cancelPending = () => {
    clearTimeout(timer);
    pending = undefined;
  };
  const isOwnEvent = (e: Event) => !!ui && e.composedPath().includes(ui.host);

  /** Where the pointer last moved outside the card, not yet hit-tested. */
  let moved: { x: number; y: number } | null = null;
  /** Where the pointer is on the page (outside the card), while it is over the page. */
  let pointer: { x: number; y: number } | null = null;
  let moveFrame = 0;
  /** Hit-tests where the pointer is now: once a frame, however many pointermoves came (up to 1 kHz mice). */
  const hover = () => {
    moveFrame = 0;
    const at = moved;
    moved = null;
    if (!at || state.pinned) return;
    const match = matchAtPoint(scanner, document, at.x, at.y);
    if (dismissed && match === dismissed) return;
    dismissed = null;
    if (match === state.match || (!match && state.openedBy === 'keyboard')) {
      cancelPending();
      return;
    }
    if (match === pending) return;
    pending = match;
    clearTimeout(timer);
    if (match) prefetch(match);
    timer = setTimeout(
      () => {
        pending = undefined;
        if (match) void open(match, 'hover');
        else close();
      },
      match ? app.settings().hoverDelay : CLOSE_DELAY_MS,
    );
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerType === 'touch') return;
    // Decided now: the event's path is gone by the next frame.
    if (isOwnEvent(e)) {
      // Inside the card: keep it open.
      moved = null;
      cancelPending();
      return;
    }
    pointer = { x: e.clientX, y: e.clientY };
    if (state.pinned) return;
    moved = pointer;
    moveFrame ||= requestAnimationFrame(hover);
  };
  // The pointer left the window: the same as leaving the term.
  const onOut = (e: MouseEvent) => {
    if (!e.relatedTarget) pointer = null;
    if (e.relatedTarget || !state.views.length || state.pinned || state.openedBy !== 'hover') return;
    pending = null;
    clearTimeout(timer);
    timer = setTimeout(close, CLOSE_DELAY_MS);
  };
  const onDown = (e: PointerEvent) => {
    if (!state.views.length || isOwnEvent(e)) return;
    dismissed = state.match;
    cancelPending();
    close();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !state.views.length || e.isComposing) return;
    dismissed = state.match;
    cancelPending();
    close();
    // The page's own Escape handlers (closing its menus, leaving full screen) are not for this press.
    e.preventDefault();
    e.stopPropagation();
  };
  ctx.addEventListener(document, 'pointermove', onMove, { passive: true });
  ctx.addEventListener(document, 'mouseout', onOut, { passive: true });
  ctx.addEventListener(document, 'pointerdown', onDown, { capture: true, passive: true });
  ctx.addEventListener(document, 'keydown', onKey, { capture: true });

  const stopSettings = app.onSettings(() => {
    if (ui) void draw();
  });
  // A (re-)scan may have marked the text under a resting pointer, or replaced the match it
  // rests on (the page's own definitions were read, or the page changed): hit-test again, as
  // if the pointer had moved there. A card waiting for its hover delay waits for the new match.
  const stopScanned = app.onScanned(() => {
    if (!pointer || pending?.run.live || state.views.length || state.pinned) return;
    moved = pointer;
    moveFrame ||= requestAnimationFrame(hover);
  });

  const controller: CardController = {
    open,
    close,
    isOpen: () => state.views.length > 0,
    isOpenFor: (match) => state.views.length > 0 && state.match === match,
    isPinned: () => state.pinned,
    announce: (text) => {
      set({ ...state, announcement: '' });
      announceLater(text);
    },
    isOwnEvent,
    strings,
  };
  const stopKeyboard = initKeyboard(app, controller);

  return () => {
    stopKeyboard();
    stopSettings();
    stopScanned();
    cancelPending();
    cancelAnimationFrame(moveFrame);
    clearTimeout(flashTimer);
    clearTimeout(announceTimer);
    ui?.remove();
  };
}
