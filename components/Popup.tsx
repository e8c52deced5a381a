/**
 * The popup: fuzzy lookup over the whole glossary, the terms on the current
 * page, and where the glossary runs. The keyboard does everything: typing
 * goes to the search box from anywhere, ↑/↓ move through the results, Enter
 * opens an entry, Escape goes back (or closes the popup). An IME composition
 * keeps its keys: Enter and the arrows belong to the input method then.
 */

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { sendToTab } from '@/common/messages';
import { type PendingLookup, takePendingLookup, watchPendingLookup } from '@/common/pending-lookup';
import type { SearchData } from '@/common/search-data';
import type { CompiledEntry } from '@/engine/entry';
import { CardActions } from './CardActions';
import { cardStrings } from './card-strings';
import { EntryView } from './EntryView';
import { OnThisPage, type PageSort, type Revealed } from './OnThisPage';
import { type PopupGlossary, popupGlossary, popupSearch, prefetchPopupData } from './popup-data';
import { optionId, SearchResults } from './SearchResults';
import { SiteControl } from './SiteControl';
import { usePageTerms } from './use-page-terms';
import { useSettings, useTheme } from './use-settings';
import { useTargetTab } from './use-target-tab';

const RESULT_LIMIT = 20;
const RESULTS_ID = 'pg-results';
/** The popup shows an entry in full, whatever the card's settings. */
const VIEW_OPTIONS = { showPinyin: true, showEnglish: true, showParts: true, explanation: 'shown' } as const;

type Tab = 'search' | 'page';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A key that types a character (not a shortcut, not a composition). */
function isTyping(e: KeyboardEvent): boolean {
  return e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;
}

function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

type Props = { params?: URLSearchParams };

export function Popup(props: Props) {
  const params = useMemo(() => props.params ?? new URLSearchParams(location.search), [props.params]);
  /** The search data (results need nothing else), then the whole glossary; `failed` if either cannot be read. */
  const [data, setData] = useState<SearchData | null>(null);
  const [glossary, setGlossary] = useState<PopupGlossary | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [active, setActive] = useState(0);
  /** Entries opened, the last one shown: related terms push, Back and Escape pop. */
  const [trail, setTrail] = useState<CompiledEntry[]>([]);
  const [tab, setTab] = useState<Tab>('search');
  const [sort, setSort] = useState<PageSort>('page');
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const entryRef = useRef<HTMLElement>(null);
  const settings = useSettings();
  useTheme(settings?.theme);
  const target = useTargetTab(params);
  const pageTerms = usePageTerms(target?.id);
  const strings = useMemo(() => cardStrings(browser.i18n.getUILanguage()), []);

  // The data files are read while the popup's code loads and this first render runs, and
  // parsed after the first paint (effects run after it): the box is there and takes typing
  // at once, the results follow, then the whole entries (popup-data.ts).
  prefetchPopupData();
  useEffect(() => {
    let live = true;
    const fail = (error: unknown) => {
      console.error(error);
      if (live) setFailed(true);
    };
    popupSearch().then((loaded) => {
      if (!live) return;
      setData(loaded);
      // For the benchmark (scripts/bench-popup.ts): when the lookup can answer.
      performance.mark('policy-glossary:ready');
    }, fail);
    popupGlossary().then((loaded) => {
      if (!live) return;
      setGlossary(loaded);
      const wanted = params.get('entry');
      const entry = wanted ? loaded.byId.get(wanted) : undefined;
      if (entry) setTrail([entry]);
    }, fail);
    return () => {
      live = false;
    };
  }, [params]);

  // A lookup handed over by the background (context menu, "Open in glossary" in the card).
  useEffect(() => {
    const apply = (p: PendingLookup | null) => {
      if (!p) return;
      if (p.query !== undefined) {
        setQuery(p.query);
        setActive(0);
        setTrail([]);
        setTab('search');
      }
      if (p.entryId) {
        const id = p.entryId;
        void popupGlossary().then(({ byId }) => {
          const entry = byId.get(id);
          if (entry) setTrail([entry]);
        });
      }
    };
    void takePendingLookup().then(apply);
    return watchPendingLookup(apply);
  }, []);

  const results = useMemo(() => (data ? data.searcher.search(query, RESULT_LIMIT) : []), [data, query]);
  const open = trail[trail.length - 1] ?? null;

  const openEntry = (entry: CompiledEntry) => setTrail((t) => [...t, entry]);
  /** A search result: its whole entry is in the glossary, parsed just after the search data. */
  const openResult = (id: string) =>
    void popupGlossary().then(({ byId }) => {
      const entry = byId.get(id);
      if (entry) openEntry(entry);
    });
  const back = () => {
    setTrail((t) => t.slice(0, -1));
    searchRef.current?.focus();
  };
  const toSearch = () => {
    setTab('search');
    setTrail([]);
    searchRef.current?.focus();
  };

  useEffect(() => {
    if (open) entryRef.current?.focus();
  }, [open]);

  const reveal = (kind: 'entry' | 'page', id: string) => {
    if (target?.id == null) return;
    const occurrence = revealed?.kind === kind && revealed.id === id ? revealed.occurrence + 1 : 0;
    void sendToTab(target.id, 'reveal-term', { kind, id, occurrence }).then(
      (r) => setRevealed({ kind, id, ...r }),
      () => setRevealed(null),
    );
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.keyCode === 229 || e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        if (open) back();
        else window.close();
        return;
      }
      if (isTyping(e) && !inTextField(e.target) && !(e.key === ' ' && e.target instanceof HTMLButtonElement)) {
        // Focus moves before the key's default action, so the character lands in the box.
        if (tab !== 'search' || open) toSearch();
        else searchRef.current?.focus();
        return;
      }
      if (e.target !== searchRef.current || tab !== 'search' || open) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => Math.max(0, Math.min(results.length - 1, a + step)));
      } else if (e.key === 'Enter') {
        const hit = results[active];
        const doc = hit && data?.docs[hit.index];
        if (doc) {
          e.preventDefault();
          openResult(doc.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const pageCount = pageTerms.status === 'ready' ? pageTerms.terms.length : null;

  return (
    <main class="pg-popup">
      <input
        ref={searchRef}
        type="search"
        class="pg-search"
        role="combobox"
        aria-expanded={tab === 'search' && !open && results.length > 0}
        aria-autocomplete="list"
        placeholder={i18n.t('searchPlaceholder')}
        aria-label={i18n.t('searchLabel')}
        aria-controls={RESULTS_ID}
        aria-activedescendant={tab === 'search' && !open && results[active] ? optionId(active) : undefined}
        // biome-ignore lint/a11y/noAutofocus: the popup exists to type into; focus goes to the box at once.
        autoFocus
        spellcheck={false}
        autocomplete="off"
        value={query}
        onInput={(e) => {
          setQuery((e.target as HTMLInputElement).value);
          setActive(0);
          setTrail([]);
          setTab('search');
        }}
      />
      <div class="pg-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          id="pg-tab-search"
          aria-selected={tab === 'search'}
          aria-controls="pg-panel"
          onClick={toSearch}
        >
          {i18n.t('tabSearch')}
        </button>
        <button
          type="button"
          role="tab"
          id="pg-tab-page"
          aria-selected={tab === 'page'}
          aria-controls="pg-panel"
          onClick={() => {
            setTab('page');
            setTrail([]);
          }}
        >
          {pageCount !== null ? i18n.t('tabPageCount', [String(pageCount)]) : i18n.t('tabPage')}
        </button>
      </div>
      <div id="pg-panel" role="tabpanel" aria-labelledby={tab === 'search' ? 'pg-tab-search' : 'pg-tab-page'}>
        {open ? (
          <section class="pg-entry-view" ref={entryRef} tabIndex={-1} aria-label={i18n.t('entryLabel')}>
            <button type="button" class="pg-back" onClick={back}>
              ← {i18n.t('back')}
            </button>
            <EntryView
              entry={open}
              options={VIEW_OPTIONS}
              related={(id) => glossary?.byId.get(id)}
              onRelated={openEntry}
            >
              <CardActions entry={open} strings={strings} pageUrl={target?.url ?? ''} onCopy={copyText} />
            </EntryView>
          </section>
        ) : tab === 'page' ? (
          <OnThisPage
            state={pageTerms}
            paused={settings?.paused ?? false}
            entries={glossary?.byId ?? null}
            tabId={target?.id ?? null}
            sort={sort}
            onSort={setSort}
            revealed={revealed}
            onReveal={reveal}
          />
        ) : !data ? (
          <p class="pg-note">{failed ? i18n.t('loadFailed') : i18n.t('loading')}</p>
        ) : query.trim() && !results.length ? (
          <p class="pg-note">{i18n.t('noResults', [query.trim()])}</p>
        ) : !query.trim() ? (
          <p class="pg-note">{i18n.t('searchHint')}</p>
        ) : (
          <SearchResults
            id={RESULTS_ID}
            label={i18n.t('resultsLabel')}
            results={results}
            docs={data.docs}
            active={active}
            onActive={setActive}
            onOpen={openResult}
          />
        )}
      </div>
      <SiteControl tab={target} paused={settings?.paused ?? false} />
    </main>
  );
}
