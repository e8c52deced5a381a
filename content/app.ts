/**
 * The content script's shared state, handed to each feature. A feature is a
 * module with `init(app)` that returns its cleanup; the entrypoint starts the
 * features, and `entrypoints/content-main.ts` stays a list of them.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadMatching } from '@/common/glossary-data';
import { readSettings, type Settings, watchSettings } from '@/common/settings';
import type { PageDefinition, RegionRow } from '@/engine/entry';
import type { Matching } from '@/engine/lookup';
import { regionForHost } from '@/engine/rank';
import { Marks, styleShadowRoot } from '@/page/highlight';
import { observeChanges } from '@/page/observe';
import { type Layer, PageScanner, yieldToMain } from '@/page/scanner';
import { createEntryStore, type EntryStore } from './entries';

export interface ContentApp {
  ctx: ContentScriptContext;
  /** The matcher, the forms and the entries' heads (whole entries come from `entries`). */
  lookup: Matching;
  entries: EntryStore;
  /** The page's region, from its host name, for ranking meanings. */
  region: RegionRow | null;
  scanner: PageScanner;
  marks: Marks;
  settings(): Settings;
  /** Calls `fn` after every settings change; returns the unsubscribe function. */
  onSettings(fn: (s: Settings) => void): () => void;
  /** Calls `fn` after every (re)scan of the page. */
  onScanned(fn: () => void): () => void;
  /**
   * Replaces the layers (bundled terms first) and re-scans the page, or only
   * the given blocks when the caller knows the new layers change nothing
   * elsewhere. Before `start`, only replaces them.
   */
  setLayers(layers: Layer[], only?: Element[]): Promise<void>;
  /** Scans the page for the first time; call once the features are set up (they may add layers first). */
  start(): Promise<void>;
  /** The layer of bundled glossary terms: a span's key is the matcher's pattern index. */
  termLayer: Layer;
  /** The page's own glossary; empty until the page-glossary feature fills it in. */
  pageTerms: PageTerms;
}

/** Terms the page defines itself (its 名词解释 section, notes, inline explanations). */
export interface PageTerms {
  /** The page's definitions of a term, by its normalised form (normalizeForm with the lookup's table). */
  definitionsFor(form: string): PageDefinition[];
  /** Scrolls to the definition in the page and flashes it. */
  reveal(definition: PageDefinition): void;
}

export type Feature = (app: ContentApp) => (() => void) | undefined;

export async function createApp(ctx: ContentScriptContext, initial: Settings): Promise<ContentApp> {
  const lookup = loadMatching();
  const region = regionForHost(location.hostname, lookup.glossary.regions);
  let current = initial;
  const settingsListeners = new Set<(s: Settings) => void>();
  const scanListeners = new Set<() => void>();
  const termLayer: Layer = {
    kind: 'term',
    find: (text) => {
      const spans: Array<{ start: number; end: number; key: string }> = [];
      lookup.matcher.scan(text, (start, end, pattern) => spans.push({ start, end, key: String(pattern) }));
      return spans;
    },
  };
  const marks = new Marks(initial.markStyle);
  const scanner = new PageScanner(document, [termLayer], marks, () => {
    for (const fn of scanListeners) fn();
  });
  const stopWatching = watchSettings((s) => {
    current = s;
    marks.setStyle(s.markStyle);
    for (const fn of settingsListeners) fn(s);
  });
  // Watch before scanning: changes made while a long page is being scanned
  // queue a re-scan behind the scan. Shadow roots are watched as scans find them.
  const watcher = observeChanges(document.body ?? document.documentElement, (containers) => {
    void scanner.rescan(containers);
  });
  const seenRoots = new Set<ShadowRoot>();
  scanListeners.add(() => {
    for (const root of scanner.shadowRoots) {
      if (seenRoots.has(root)) continue;
      seenRoots.add(root);
      watcher.watch(root);
      styleShadowRoot(root);
    }
  });
  let started = false;
  ctx.onInvalidated(() => {
    watcher.stop();
    stopWatching();
    scanner.stop();
    marks.clear();
  });
  return {
    ctx,
    lookup,
    entries: createEntryStore(),
    region,
    scanner,
    marks,
    termLayer,
    pageTerms: { definitionsFor: () => [], reveal: () => {} },
    settings: () => current,
    onSettings: (fn) => {
      settingsListeners.add(fn);
      return () => settingsListeners.delete(fn);
    },
    onScanned: (fn) => {
      scanListeners.add(fn);
      return () => scanListeners.delete(fn);
    },
    setLayers: async (layers, only) => {
      scanner.setLayers(layers);
      if (!started) return;
      await (only ? scanner.rescan(only) : scanner.scan());
    },
    start: async () => {
      started = true;
      // The glossary was just loaded in this task: scan from the next one.
      await yieldToMain();
      await scanner.scan();
    },
  };
}

export { readSettings };
