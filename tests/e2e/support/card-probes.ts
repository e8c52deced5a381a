/**
 * Page functions for the hover-card tests in both browsers, evaluated in the
 * page's main world (or a frame's). Plain functions without closures, so
 * that they serialise.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A point inside the first mark whose text contains `text` (after quotes are dropped), or null. */
export function markPoint(text: string): Point | null {
  const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights;
  for (const [name, set] of registry) {
    if (!name.startsWith('policy-glossary') || name.includes('focus') || name.includes('flash')) continue;
    for (const r of set) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      if (!live.toString().replace(/[“”"]/g, '').includes(text)) continue;
      const b = live.getClientRects()[0];
      if (b) return { x: Math.round(b.left + Math.min(6, b.width / 2)), y: Math.round(b.top + b.height / 2) };
    }
  }
  return null;
}

/** The box of the first occurrence of `text` in the page's text. */
export function textBox(text: string): Box | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n.textContent ?? '').indexOf(text);
    if (at < 0) continue;
    const r = document.createRange();
    r.setStart(n, at);
    r.setEnd(n, at + text.length);
    const b = r.getBoundingClientRect();
    return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
  }
  return null;
}

export interface CardInfo {
  open: boolean;
  popoverOpen: boolean;
  box: Box;
  viewport: { width: number; height: number };
  /** document.elementFromPoint at the card's centre is the card's host. */
  hostOnTop: boolean;
  /** Smallest computed font-size of any element in the card that has text of its own. */
  minFontPx: number;
  role: string | null;
  label: string | null;
  text: string;
  /** Scope badge of each entry, in order. */
  badges: string[];
  pinyin: string[];
  english: string[];
  sources: string[];
  live: string;
  background: string;
  direction: string;
  animation: string;
  /** The focused element inside the card: its class, or null when focus is elsewhere. */
  focused: string | null;
  hosts: number;
}

export function cardInfo(): CardInfo | null {
  const hosts = document.querySelectorAll('policy-glossary-card');
  const host = hosts[0];
  const root = host?.shadowRoot;
  const card = root?.querySelector<HTMLElement>('.pg-card');
  if (!host || !root || !card) return null;
  const b = card.getBoundingClientRect();
  const atCentre = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
  let minFontPx = Number.POSITIVE_INFINITY;
  for (const el of card.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim());
    if (own) minFontPx = Math.min(minFontPx, Number.parseFloat(getComputedStyle(el).fontSize));
  }
  const texts = (sel: string) => [...card.querySelectorAll(sel)].map((e) => e.textContent ?? '');
  const style = getComputedStyle(card);
  return {
    open: true,
    popoverOpen: card.matches(':popover-open'),
    box: { left: b.left, top: b.top, right: b.right, bottom: b.bottom },
    viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
    hostOnTop: atCentre === host,
    minFontPx,
    role: card.getAttribute('role'),
    label: card.getAttribute('aria-label'),
    text: card.textContent ?? '',
    badges: [...card.querySelectorAll('.pg-entry')].map((e) => e.querySelector('.pg-badge')?.textContent ?? ''),
    pinyin: texts('.pg-pinyin'),
    english: texts('.pg-english'),
    sources: texts('.pg-source'),
    live: root.querySelector('.pg-live')?.textContent ?? '',
    background: style.backgroundColor,
    direction: style.direction,
    animation: style.animationName,
    focused: root.activeElement ? (root.activeElement.getAttribute('class') ?? root.activeElement.tagName) : null,
    hosts: hosts.length,
  };
}

/** The text under the keyboard focus ring, or null. */
export function focusRingText(): string | null {
  const h = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights.get(
    'policy-glossary-focus',
  );
  const r = h ? [...h][0] : undefined;
  if (!r) return null;
  const live = document.createRange();
  live.setStart(r.startContainer, r.startOffset);
  live.setEnd(r.endContainer, r.endOffset);
  return live.toString();
}

/** Whether the keyboard focus ring is on a term in the element with this id. */
export function focusRingIn(id: string): boolean {
  const h = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights.get(
    'policy-glossary-focus',
  );
  const r = h ? [...h][0] : undefined;
  return r?.startContainer.parentElement?.id === id;
}

/** The centre of a control in the card, for a real click (which needs coordinates). */
export function cardControlPoint(selector: string): Point | null {
  const el = document.querySelector('policy-glossary-card')?.shadowRoot?.querySelector(selector);
  if (!el) return null;
  const b = el.getBoundingClientRect();
  return { x: Math.round(b.left + b.width / 2), y: Math.round(b.top + b.height / 2) };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
