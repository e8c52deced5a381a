/**
 * Marks, drawn with the CSS Custom Highlight API: the page's DOM is never
 * touched, and `::highlight()` rules in the content script's stylesheet
 * (public/marks.css) style them. One `Highlight` per kind of mark, registered
 * under a name that starts with `policy-glossary` (a stable hook for tests).
 *
 * The mark style setting is applied by registering the same `Highlight` under
 * the name whose rule draws that style, so changing it needs no re-scan.
 * The ranges are live `Range`s, so that the registry's ranges stringify to
 * their text for whoever reads them; the scanner keeps them only for matches
 * near the viewport, since live ranges slow the page's DOM edits.
 */
import type { MarkStyle } from '@/common/settings';
import marksCss from '@/public/marks.css?raw';

export type MarkKind = 'term' | 'page' | 'unknown' | 'focus' | 'flash';

export const HIGHLIGHT_PREFIX = 'policy-glossary';

export function highlightName(kind: MarkKind, style: MarkStyle): string {
  if (kind === 'focus' || kind === 'flash') return `${HIGHLIGHT_PREFIX}-${kind}`;
  const base = kind === 'term' ? HIGHLIGHT_PREFIX : `${HIGHLIGHT_PREFIX}-${kind}`;
  return style === 'underline' ? base : `${base}-${style}`;
}

export function highlightSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** The marks' rules as a constructed sheet, for shadow roots (made on first use). */
let shadowSheet: CSSStyleSheet | null = null;

/**
 * Styles the marks inside an open shadow root. The manifest's stylesheet
 * (marks.css) is the document's, and selectors, ::highlight() included, do
 * not reach into shadow trees (docs/browser-bugs.md): Firefox draws nothing
 * there, Chromium not the orange underline. A
 * constructed sheet in the root's adoptedStyleSheets adds no node to the
 * page's DOM.
 */
export function styleShadowRoot(root: ShadowRoot): void {
  try {
    if (!shadowSheet) {
      shadowSheet = new CSSStyleSheet();
      shadowSheet.replaceSync(marksCss);
    }
    if (!root.adoptedStyleSheets.includes(shadowSheet)) root.adoptedStyleSheets.push(shadowSheet);
  } catch {
    // A page that froze its adoptedStyleSheets, or a browser without constructable sheets: the marks still work, unstyled.
  }
}

export class Marks {
  private readonly sets = new Map<MarkKind, Highlight>();
  private style: MarkStyle;
  private closed = false;

  constructor(style: MarkStyle) {
    this.style = style;
  }

  private set(kind: MarkKind): Highlight {
    let h = this.sets.get(kind);
    if (!h) {
      h = new Highlight();
      // Focus and flash draw over the ordinary marks.
      if (kind === 'focus' || kind === 'flash') h.priority = 2;
      else if (kind === 'term') h.priority = 1;
      this.sets.set(kind, h);
      // Closed (this instance of the content script was stopped): never registered, so late
      // work of an old instance cannot take the names back from a newer one.
      if (!this.closed) CSS.highlights.set(highlightName(kind, this.style), h);
    }
    return h;
  }

  /** Removes a name from the registry if it still holds our highlight (a newer instance may have taken it). */
  private unregister(kind: MarkKind, h: Highlight): void {
    const name = highlightName(kind, this.style);
    if (CSS.highlights.get(name) === h) CSS.highlights.delete(name);
  }

  add(kind: MarkKind, range: AbstractRange): void {
    this.set(kind).add(range);
  }

  delete(kind: MarkKind, range: AbstractRange): void {
    this.sets.get(kind)?.delete(range);
  }

  /** Replaces the whole set (focus ring, flash). */
  only(kind: MarkKind, range: AbstractRange | null): void {
    const h = this.set(kind);
    h.clear();
    if (range) h.add(range);
  }

  setStyle(style: MarkStyle): void {
    if (style === this.style || this.closed) return;
    for (const [kind, h] of this.sets) {
      this.unregister(kind, h);
      CSS.highlights.set(highlightName(kind, style), h);
    }
    this.style = style;
  }

  size(kind: MarkKind): number {
    return this.sets.get(kind)?.size ?? 0;
  }

  /** Unregisters every mark for good: this instance of the content script stops. */
  clear(): void {
    for (const [kind, h] of this.sets) this.unregister(kind, h);
    this.sets.clear();
    this.closed = true;
  }
}
