import { defineConfig } from 'wxt';
import { DEFAULT_SITES } from './common/sites';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Explicit imports everywhere: easier to read, and lint sees every dependency.
  imports: false,
  // Firefox gets MV2: its MV3 asks users to grant host permissions after
  // install, which would leave the default sites unmarked until they do; MV2
  // grants the listed hosts at install, and every API we use exists there.
  hooks: {
    // The marks' ::highlight() rules go in the manifest's content-script CSS:
    // the browser applies them to the page without a <style> element in its DOM.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) script.css = [...(script.css ?? []), 'marks.css'];
    },
    // `wxt build` compiles the glossary first, so a plain build is never stale.
    'build:before': async () => {
      const { compile } = await import('./scripts/glossary-cli');
      compile();
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Each permission's reason is in README.md (Permissions). No <all_urls> at install:
    // other sites are one optional host permission each, asked for from the popup.
    permissions: ['storage', 'contextMenus', 'activeTab', ...(manifestVersion === 3 ? ['scripting'] : [])],
    ...(manifestVersion === 3
      ? {
          host_permissions: DEFAULT_SITES,
          optional_host_permissions: ['*://*/*'],
          // The card's stylesheet, which its shadow root fetches, on the sites users enable
          // (WXT adds the default sites itself). A dynamic URL: pages cannot probe for it.
          web_accessible_resources: [
            { resources: ['content-scripts/content.css'], matches: ['*://*/*'], use_dynamic_url: true },
          ],
        }
      : { optional_permissions: ['*://*/*'] }),
    commands: {
      // MV2 (Firefox) names the popup's command after browser_action.
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_cmdOpenPopup__',
      },
      'next-term': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_cmdNextTerm__' },
      'previous-term': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_cmdPreviousTerm__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'policy-glossary@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions arrived in Firefox for Android 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
