/**
 * The background script: the toolbar badge for the global pause, and the
 * context-menu lookup. Everything else runs where it is used.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { settings } from '@/common/settings';

export default defineBackground(() => {
  const action = browser.action ?? browser.browserAction;
  const showPause = (paused: boolean) => {
    void action.setBadgeText({ text: paused ? '||' : '' });
    void action.setBadgeBackgroundColor({ color: '#78716c' });
  };
  void settings.paused.getValue().then(showPause);
  settings.paused.watch(showPause);
});
