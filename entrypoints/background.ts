/**
 * The background script: the toolbar badge for the global pause, the
 * context-menu lookup, the content-script registrations for the sites the
 * user enabled, and whole entries for the content script (which ships only
 * what matching needs). Everything else runs where it is used.
 */

import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { i18n } from '#i18n';
import { entriesWithRelated } from '@/common/entries-source';
import { onMessages, sendToTab } from '@/common/messages';
import { type PendingLookup, setPendingLookup } from '@/common/pending-lookup';
import { settings } from '@/common/settings';
import { syncContentScripts } from '@/common/site-access';

const MENU_LOOKUP = 'lookup-selection';
/** Longest selection taken into the search box: a term, not a paragraph. */
const MAX_QUERY = 100;

/**
 * Opens the popup on a lookup. The popup reads the lookup from session
 * storage as it opens. `openPopup` is called before any await: Firefox allows
 * it only inside the user's click. Where it is refused (no focused window,
 * or no user action), the lookup opens in a small window of its own, which
 * carries the tab it is about in its URL.
 */
function openLookup(lookup: Omit<PendingLookup, 'at'>): void {
  const action = browser.action ?? browser.browserAction;
  const stored = setPendingLookup(lookup);
  const opened =
    typeof action.openPopup === 'function' ? action.openPopup() : Promise.reject(new Error('no openPopup'));
  void Promise.resolve(opened).catch(async () => {
    await stored;
    const params = new URLSearchParams();
    if (lookup.query) params.set('q', lookup.query);
    if (lookup.entryId) params.set('entry', lookup.entryId);
    if (lookup.tabId !== undefined) params.set('tab', String(lookup.tabId));
    if (lookup.url) params.set('url', lookup.url);
    await browser.windows.create({
      url: browser.runtime.getURL(`/popup.html?${params}`),
      type: 'popup',
      width: 460,
      height: 640,
    });
  });
}

export default defineBackground(() => {
  const action = browser.action ?? browser.browserAction;
  const showPause = (paused: boolean) => {
    void action.setBadgeText({ text: paused ? '||' : '' });
    void action.setBadgeBackgroundColor({ color: '#78716c' });
    void action.setTitle({ title: paused ? `${i18n.t('extName')} — ${i18n.t('pausedTitle')}` : i18n.t('extName') });
  };
  void settings.paused.getValue().then(showPause);
  settings.paused.watch(showPause);

  // Menus are re-created at every start: Firefox's MV2 menus live as long as the
  // background page, and removeAll first keeps Chrome from reporting a duplicate id.
  void browser.contextMenus
    .removeAll()
    .then(() => browser.contextMenus.create({ id: MENU_LOOKUP, title: i18n.t('menuLookup'), contexts: ['selection'] }));
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_LOOKUP) return;
    const query = (info.selectionText ?? '').trim().replace(/\s+/g, ' ').slice(0, MAX_QUERY);
    openLookup({ query, tabId: tab?.id, url: info.pageUrl ?? tab?.url });
  });

  onMessages({
    'sync-sites': async () => ({ registered: await syncContentScripts() }),
    entries: async ({ ids }) => ({ entries: await entriesWithRelated(ids) }),
    'open-entry': ({ id }, sender) => {
      openLookup({ entryId: id, tabId: sender.tabId });
    },
  });

  // Keyboard navigation: the commands go to every frame of the active tab, and the
  // frame that has focus moves its focus ring (content/keyboard.ts).
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'next-term' && command !== 'previous-term') return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) return sendToTab(tab.id, command, {}, 'all').catch(() => {});
    });
  });

  // Registrations follow the enabled list and the permissions, whichever changes
  // (the user can revoke a host in the browser's own extension settings).
  void syncContentScripts().catch((e) => console.error('policy-glossary: registering sites failed', e));
  const resync = () => void syncContentScripts().catch(() => {});
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  settings.extraSites.watch(resync);
});
