/**
 * Keyboard navigation through the page's marked terms. The next-term and
 * previous-term commands (manifest `commands`, so the reader can rebind them
 * in the browser's shortcut settings) reach every frame of the tab through
 * the background; the frame that has keyboard focus moves a visible focus
 * ring (the `policy-glossary-focus` highlight) to the next or previous mark.
 * Enter opens the card for it, with focus inside; Escape closes the card,
 * and a second Escape removes the ring.
 */
import { onMessages } from '@/common/messages';
import type { PageMatch } from '@/page/scanner';
import type { ContentApp } from './app';
import type { CardController } from './card';
import { scrollRangeIntoView } from './reveal';

/**
 * Whether this frame should act on a command sent to every frame of the tab:
 * the innermost frame with focus, or the top frame when no frame has it. A
 * document's hasFocus() is also true while one of its iframes has focus, so
 * a frame whose focused element is a frame leaves the command to that frame.
 */
function ownsKeyboard(): boolean {
  if (!document.hasFocus()) return window === window.top;
  const active = document.activeElement;
  return !(active instanceof HTMLIFrameElement || active instanceof HTMLFrameElement);
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/** The index of the first match that ends below the viewport's top (matches are in document order). */
function firstInView(list: PageMatch[], rectOf: (m: PageMatch) => DOMRect): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rectOf(list[mid] as PageMatch).bottom <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where the ring's match is in the list: itself, or, after a re-scan replaced
 * the page's matches (new layers, a changed block), the match now at the same
 * place in the same text.
 */
function indexOfMatch(list: PageMatch[], m: PageMatch): number {
  const i = list.indexOf(m);
  if (i >= 0 || !m.run.first.isConnected) return i;
  return list.findIndex((x) => x.run.first === m.run.first && x.start === m.start && x.end === m.end);
}

export function initKeyboard(app: ContentApp, card: CardController): () => void {
  const { scanner, marks, ctx } = app;
  let current: PageMatch | null = null;
  const rectOf = (m: PageMatch) => scanner.liveRange(m).getBoundingClientRect();

  const focus = (m: PageMatch, index: number, count: number) => {
    current = m;
    marks.only('focus', m.range ?? scanner.rangeOf(m));
    scrollRangeIntoView(scanner.liveRange(m));
    const text = m.run.run.text.slice(m.start, m.end);
    card.announce(card.strings.focusAnnounce(text, index + 1, count));
  };
  const clear = () => {
    current = null;
    marks.only('focus', null);
  };

  const move = (direction: 'next' | 'previous') => {
    const list = scanner.allMatches();
    if (!list.length) return;
    let i = current ? indexOfMatch(list, current) : -1;
    if (i >= 0) i = (i + (direction === 'next' ? 1 : -1) + list.length) % list.length;
    else {
      // No ring yet (or its term was re-scanned away): start from what is on screen.
      const first = firstInView(list, rectOf);
      i = direction === 'next' ? first % list.length : (first - 1 + list.length) % list.length;
      if (direction === 'previous' && first < list.length && rectOf(list[first] as PageMatch).top < innerHeight) {
        // The last term that starts on screen.
        let last = first;
        while (last + 1 < list.length && rectOf(list[last + 1] as PageMatch).top < innerHeight) last++;
        i = last;
      }
    }
    if (card.isOpen() && !card.isPinned()) card.close();
    focus(list[i] as PageMatch, i, list.length);
  };

  // The background sends the commands to every frame of the tab; only the focused one acts.
  const stopMessages = onMessages({
    'next-term': () => {
      if (ownsKeyboard()) move('next');
      return undefined;
    },
    'previous-term': () => {
      if (ownsKeyboard()) move('previous');
      return undefined;
    },
  });

  const onKey = (e: KeyboardEvent) => {
    if (!current || e.isComposing || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (card.isOwnEvent(e) || isEditable(e.composedPath()[0] ?? null)) return;
    if (e.key === 'Enter' && !card.isOpenFor(current)) {
      void card.open(current, 'keyboard');
      // Enter also activates a focused link or button in the page: this press was for the term.
      e.preventDefault();
      e.stopPropagation();
    } else if (e.key === 'Escape' && !card.isOpen()) {
      clear();
    }
  };
  // On window, in the capture phase: before the card's own Escape handler (on document) closes it.
  ctx.addEventListener(window, 'keydown', onKey, { capture: true });
  const onDown = (e: PointerEvent) => {
    if (current && !card.isOwnEvent(e)) clear();
  };
  ctx.addEventListener(window, 'pointerdown', onDown, { capture: true, passive: true });

  return () => {
    stopMessages();
    clear();
  };
}
