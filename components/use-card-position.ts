/**
 * Shows the card in the top layer and keeps it beside its term.
 *
 * Top layer: `showPopover()` (Popover API, Chrome 114+, Firefox 125+) puts the
 * card above everything the page draws, whatever the page's z-index, its
 * full-screen overlays, or transforms and filters on <html>/<body> (a top-layer
 * element's containing block is the viewport). Where the API is missing, the
 * card falls back to position: fixed at the top z-index (card.css).
 *
 * Placement: floating-ui, below the term first, flipping above and shifting
 * sideways to stay in the viewport, never over the term; `size` caps the
 * height to the room left, `hide` reports when the term has scrolled away.
 */
import { autoUpdate, computePosition, flip, hide, offset, shift, size } from '@floating-ui/dom';
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** Gap between the term and the card, and the card's distance from the viewport edges. */
const GAP = 6;
const EDGE = 8;
/** The card never gets shorter than this; below it, it scrolls inside. */
const MIN_HEIGHT = 120;

export function useCardPosition(
  ref: RefObject<HTMLElement>,
  anchor: Range | null,
  onAnchorHidden: (hidden: boolean) => void,
): void {
  // The latest callback, without re-running the effect when it changes.
  const hiddenRef = useRef(onAnchorHidden);
  hiddenRef.current = onAnchorHidden;

  useLayoutEffect(() => {
    const card = ref.current;
    if (!card || !anchor) return;
    if (typeof card.showPopover === 'function' && !card.matches(':popover-open')) card.showPopover();
    const contextElement =
      anchor.startContainer instanceof Element
        ? anchor.startContainer
        : (anchor.startContainer.parentElement ?? undefined);
    const reference = {
      getBoundingClientRect: () => anchor.getBoundingClientRect(),
      getClientRects: () => anchor.getClientRects(),
      contextElement,
    };
    let wasHidden = false;
    const update = () => {
      void computePosition(reference, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(GAP),
          flip({ padding: EDGE }),
          shift({ padding: EDGE }),
          size({
            padding: EDGE,
            apply: ({ availableHeight }) => {
              card.style.maxHeight = `${Math.max(MIN_HEIGHT, Math.min(520, Math.floor(availableHeight)))}px`;
            },
          }),
          hide({ strategy: 'referenceHidden' }),
        ],
      }).then(({ x, y, middlewareData }) => {
        card.style.left = `${Math.round(x)}px`;
        card.style.top = `${Math.round(y)}px`;
        const hidden = !!middlewareData.hide?.referenceHidden;
        card.style.visibility = hidden ? 'hidden' : '';
        if (hidden !== wasHidden) {
          wasHidden = hidden;
          hiddenRef.current(hidden);
        }
      });
    };
    return autoUpdate(reference, card, update);
  }, [ref, anchor]);
}
