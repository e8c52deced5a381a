import { defineConfig } from 'wxt';
import { DEFAULT_SITES } from './common/sites';

/**
 * The content script's modules: its body and the hover card's UI, which the
 * content script imports from the extension (entrypoints/content-main.ts,
 * content-card.ts). Each is one self-contained file: Chrome refuses a module's
 * relative imports when the module came from a dynamic URL.
 */
const CONTENT_MODULES = ['content-main', 'content-card'];
/** The content script's files, frames and timing (site-access.ts registers the same for the sites users enable). */
const CONTENT_SCRIPT = {
  js: ['content-loader.js'],
  // The marks' ::highlight() rules: the browser applies them to the page without a <style> in its DOM.
  css: ['marks.css'],
  all_frames: true,
  // Frames a page writes itself (srcdoc, about:blank) belong to the page's origin: scan them too.
  match_about_blank: true,
  run_at: 'document_idle',
};

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Explicit imports everywhere: easier to read, and lint sees every dependency.
  imports: false,
  // Firefox gets MV2: its MV3 asks users to grant host permissions after
  // install, which would leave the default sites unmarked until they do; MV2
  // grants the listed hosts at install, and every API we use exists there.
  hooks: {
    // The content script's modules are built as ES modules (the content script imports them,
    // so the browser compiles them off the page's main thread), minified like the rest.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => CONTENT_MODULES.includes(e.name))) return;
      if (config.build?.lib) config.build.lib.formats = ['es'];
      const output = config.build?.rollupOptions?.output;
      // One file each, dynamic imports inlined (see CONTENT_MODULES); and minified: Vite
      // keeps an ES library's whitespace, and these are not libraries.
      if (output && !Array.isArray(output)) Object.assign(output, { codeSplitting: false, minify: true });
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
    // The content script is a loader (entrypoints/content-loader.ts), an unlisted script
    // declared here: a WXT content-script entrypoint would bundle the polyfill into it.
    content_scripts: [{ matches: DEFAULT_SITES, ...CONTENT_SCRIPT }],
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
