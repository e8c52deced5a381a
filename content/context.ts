/**
 * The content script's lifetime: WXT's ContentScriptContext (timers, event
 * listeners and the card's shadow-root UI all end with it), told about a
 * newer instance of this script in the same frame by that instance itself,
 * through the extension's own JavaScript world.
 *
 * WXT's own handover is an event on the page's document, named after the
 * extension id and the entrypoint. Both are public, so a page that
 * dispatched that event would switch the extension off for itself. The page
 * cannot see or touch the content script's global object (Chrome's isolated
 * world, Firefox's sandbox), so a newer instance finds the older one there.
 * Where the older instance lives in a world the newer cannot see (Chrome,
 * after the extension was reloaded: it injects no new instance into open
 * pages anyway), WXT's check of `runtime.id` still ends it.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';

const CURRENT = '__policyGlossaryContext';

type Holder = { [CURRENT]?: ContentScriptContext };

export class PageContext extends ContentScriptContext {
  constructor() {
    super('content');
  }

  /** Called by the base constructor: ends the instance that ran before this one, and takes its place. */
  override stopOldScripts(): void {
    const holder = globalThis as Holder;
    const older = holder[CURRENT];
    holder[CURRENT] = this;
    older?.notifyInvalidated();
  }

  /** Never listens on the page's document: see the module comment. */
  override listenForNewerScripts(): void {}
}
