import { defineConfig } from 'wxt';
import { DEFAULT_SITES } from './common/sites';

/**
 * The content script's modules: its body and the hover card's UI, which the
 * content script imports from the extension (entrypoints/content-main.ts,
 * content-card.ts). Each is one self-contained file: Chrome refuses a module's
 * relative imports when the module came from a dynamic URL.
 */
const CONTENT_MODULES = ['content-main', 'content-card'];

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
    // The content script's modules are built as ES modules (the content script imports them,
    // so the browser compiles them off the page's main thread), minified like the rest.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => CONTENT_MODULES.includes(e.name))) return;
      if (config.build?.lib) config.build.lib.formats = ['es'];
      const output = config.build?.rollupOptions?.output;
      // Vite keeps an ES library's whitespace; these are not libraries.
      if (output && !Array.isArray(output)) Object.assign(output, { minify: true });
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
          // The content script's modules, on every site it may run on (the default sites
          // and those users enable). A dynamic URL: pages cannot probe for them.
          web_accessible_resources: [
            { resources: CONTENT_MODULES.map((m) => `${m}.js`), matches: ['*://*/*'], use_dynamic_url: true },
          ],
        }
      : {
          optional_permissions: ['*://*/*'],
          // MV2 has no use_dynamic_url; Firefox's extension URLs hold a random per-install id instead.
          web_accessible_resources: CONTENT_MODULES.map((m) => `${m}.js`),
        }),
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
