/**
 * The hover card's UI (content/card-view.tsx: Preact, the components and
 * their stylesheet), an ES module that the content script imports from the
 * extension the first time the pointer rests on a term. Built as ESM by the
 * hook in wxt.config.ts; its default export creates the card's UI.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createCardView } from '@/content/card-view';

export default defineUnlistedScript(() => createCardView);
