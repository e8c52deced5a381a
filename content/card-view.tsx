/**
 * The card's UI: the one shadow-root host, <policy-glossary-card>, and the
 * Preact tree drawn into it. Built as its own module (entrypoints/content-
 * card.ts) that card.ts imports when the pointer first rests on a term, so
 * that Preact, the components and their stylesheet cost a page nothing until
 * a card is wanted. The stylesheet travels inside the module as a string.
 */

import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { type Props as CardProps, CardRoot } from '@/components/CardRoot';
import cardCss from '@/components/card.css?inline';
import entryCss from '@/components/entry.css?inline';

export interface CardUi {
  readonly host: HTMLElement;
  draw(props: CardProps): void;
  remove(): void;
}

export async function createCardView(ctx: ContentScriptContext): Promise<CardUi> {
  const ui = await createShadowRootUi(ctx, {
    name: 'policy-glossary-card',
    position: 'overlay',
    anchor: 'html',
    append: 'last',
    css: `${entryCss}\n${cardCss}`,
    onMount: () => {},
  });
  // Our own UI: the page scanner and the mutation observer skip it.
  ui.shadowHost.setAttribute('data-policy-glossary-ui', '');
  ui.mount();
  return {
    host: ui.shadowHost,
    draw: (props) => render(<CardRoot {...props} />, ui.uiContainer),
    remove: () => ui.remove(),
  };
}
