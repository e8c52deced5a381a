/**
 * "On this page": the glossary terms the content script found in the tab,
 * with how often each occurs, in page order or by count. Choosing a term
 * scrolls the page to its first occurrence and flashes it; choosing it again
 * goes to the next one. A listbox driven by ↑/↓/Home/End and Enter.
 */

import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { PageTermRow } from '@/common/messages';
import type { CompiledEntry } from '@/engine/entry';
import { ScopeBadge } from './ScopeBadge';
import type { PageTermsState } from './use-page-terms';

export type PageSort = 'page' | 'count';

/** Where the last reveal went: which term, which occurrence of how many. */
export interface Revealed {
  id: string;
  occurrence: number;
  count: number;
}

type Props = {
  state: PageTermsState;
  paused: boolean;
  entries: ReadonlyMap<string, CompiledEntry>;
  sort: PageSort;
  onSort: (sort: PageSort) => void;
  revealed: Revealed | null;
  onReveal: (id: string) => void;
};

export function sortRows(terms: readonly PageTermRow[], sort: PageSort): PageTermRow[] {
  const rows = [...terms];
  return sort === 'count'
    ? rows.sort((a, b) => b.count - a.count || a.first - b.first)
    : rows.sort((a, b) => a.first - b.first);
}

const rowId = (i: number) => `pg-page-${i}`;

export function OnThisPage({ state, paused, entries, sort, onSort, revealed, onReveal }: Props) {
  const [active, setActive] = useState(0);
  if (state.status === 'loading') return <p class="pg-note">{i18n.t('loading')}</p>;
  if (state.status === 'unavailable') {
    return <p class="pg-note">{paused ? i18n.t('pagePaused') : i18n.t('pageUnavailable')}</p>;
  }
  const rows = sortRows(state.terms, sort).filter((r) => entries.has(r.id));
  if (!rows.length) return <p class="pg-note">{i18n.t('pageNone')}</p>;
  const mentions = rows.reduce((n, r) => n + r.count, 0);
  const current = Math.min(active, rows.length - 1);

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: rows.length - 1,
    };
    if (e.key in moves) {
      setActive(Math.max(0, Math.min(rows.length - 1, moves[e.key] as number)));
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      const row = rows[current];
      if (row) onReveal(row.id);
      e.preventDefault();
    }
  };

  return (
    <section class="pg-page">
      <div class="pg-page-head">
        <p class="pg-note">{i18n.t('pageSummary', [String(rows.length), String(mentions)])}</p>
        <fieldset class="pg-sort">
          <legend class="pg-visually-hidden">{i18n.t('sortLabel')}</legend>
          {(['page', 'count'] as const).map((s) => (
            <button
              type="button"
              key={s}
              class="pg-chip"
              aria-pressed={sort === s}
              data-sort={s}
              onClick={() => onSort(s)}
            >
              {s === 'page' ? i18n.t('sortPage') : i18n.t('sortCount')}
            </button>
          ))}
        </fieldset>
      </div>
      <div
        class="pg-page-list"
        role="listbox"
        tabIndex={0}
        aria-label={i18n.t('pageListLabel')}
        aria-activedescendant={rowId(current)}
        onKeyDown={onKey}
      >
        {rows.map((row, i) => {
          const e = entries.get(row.id) as CompiledEntry;
          const here = revealed?.id === row.id ? revealed : null;
          return (
            // The listbox has the focus and the keys; aria-activedescendant names the active row.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
            // biome-ignore lint/a11y/useFocusableInteractive: see above.
            <div
              id={rowId(i)}
              key={row.id}
              role="option"
              aria-selected={i === current}
              class="pg-page-row"
              data-entry-id={row.id}
              onClick={() => {
                setActive(i);
                onReveal(row.id);
              }}
            >
              <span class="pg-result-term" lang="zh-CN">
                {e.term}
              </span>
              <ScopeBadge scope={e.scope} />
              <span class="pg-count">
                {here
                  ? i18n.t('pageOccurrence', [String(here.occurrence + 1), String(here.count)])
                  : i18n.t('pageCount', [String(row.count)])}
              </span>
              <span class="pg-result-english" lang="en">
                {e.english.text}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
