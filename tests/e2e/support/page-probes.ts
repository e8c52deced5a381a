/**
 * Functions evaluated inside the page (main world) by both browsers' tests.
 * Written as plain functions with no closure, so they serialise.
 */

export interface MarkInfo {
  name: string;
  text: string;
  /** id of the nearest element with an id around the mark's start. */
  at: string | null;
  rect: { x: number; y: number; width: number; height: number } | null;
}

/** Every mark in the page's highlight registry under a policy-glossary… name. */
export function readMarks(): MarkInfo[] {
  const out: MarkInfo[] = [];
  const registry = (globalThis as unknown as { CSS?: { highlights?: Map<string, Set<AbstractRange>> } }).CSS
    ?.highlights;
  if (!registry) return out;
  for (const [name, set] of registry) {
    if (!name.startsWith('policy-glossary')) continue;
    for (const r of set) {
      const live = document.createRange();
      // A StaticRange does not follow DOM changes: until the page is re-scanned it may point past its text.
      try {
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
      } catch {
        continue;
      }
      const el = r.startContainer.parentElement?.closest('[id]') ?? null;
      const b = live.getClientRects()[0];
      out.push({
        name,
        text: live.toString(),
        at: el ? el.id : null,
        rect: b ? { x: b.left, y: b.top, width: b.width, height: b.height } : null,
      });
    }
  }
  return out;
}

/** The data-expect attributes of the fixture page: element id → expected terms, or 'none'. */
export function readExpectations(): Array<{ id: string; expect: string }> {
  return [...document.querySelectorAll('[data-expect]')].map((el) => ({
    id: el.id,
    expect: el.getAttribute('data-expect') ?? '',
  }));
}

/** The hover card's text, or null when there is no card. */
export function cardText(): string | null {
  const host = document.querySelector('policy-glossary-card');
  const root = host?.shadowRoot;
  const card = root?.querySelector('.pg-card');
  return card ? (card.textContent ?? '') : null;
}

export const stripQuotes = (s: string): string => s.replace(/[“”‘’"'「」『』\s]/g, '');
