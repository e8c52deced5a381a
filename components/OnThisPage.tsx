/**
 * "On this page": the glossary terms the content script found in the tab and
 * the terms the page defines itself (its 名词解释 section, notes, inline
 * explanations), badged "defined on this page", each with how often it
 * occurs, in page order or by count. Choosing a term scrolls the page to its
 * first occurrence and flashes it; choosing it again goes to the next one.
 * A listbox driven by ↑/↓/Home/End and Enter. Below the heading, "Export
 * this page's glossary" (ExportButton).
 */

import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { PageTermRow } from '@/common/messages';
import type { CompiledEntry } from '@/engine/entry';
import { ExportButton, type ExportStrings } from './ExportButton';
import { ScopeBadge } from './ScopeBadge';
import type { PageTermsState } from './use-page-terms';

export type PageSort = 'page' | 'count';

/** Where the last reveal went: which row (its kind and id), which occurrence of how many. */
export interface Revealed {
  kind: 'entry' | 'page';
  id: string;
  occurrence: number;
  count: number;
}

type Props = {
  state: PageTermsState;
  paused: boolean;
  /** The bundled entries by id; null until the glossary is loaded. */
  entries: ReadonlyMap<string, CompiledEntry> | null;
  /** The tab the list is about (for the export). */
  tabId: number | null;
  sort: PageSort;
  onSort: (sort: PageSort) => void;
  revealed: Revealed | null;
  onReveal: (kind: 'entry' | 'page', id: string) => void;
};

export function sortRows<R extends Pick<PageTermRow, 'count' | 'first'>>(terms: readonly R[], sort: PageSort): R[] {
  const rows = [...terms];
  return sort === 'count'
    ? rows.sort((a, b) => b.count - a.count || a.first - b.first)
    : rows.sort((a, b) => a.first - b.first);
}

/** What `reveal-term` takes for a row: an entry's id, or a page-defined term. */
export function rowTarget(row: PageTermRow): { kind: 'entry' | 'page'; id: string } {
  return row.kind === 'entry' ? { kind: 'entry', id: row.id } : { kind: 'page', id: row.term };
}

const rowId = (i: number) => `pg-page-${i}`;

const exportStrings = (): ExportStrings => ({
  label: i18n.t('exportPage'),
  copied: i18n.t('exportCopied'),
  download: i18n.t('exportDownload'),
  failed: i18n.t('exportFailed'),
});

function DefinedBadge() {
  return <span class="pg-badge pg-badge-defined">{i18n.t('definedOnPage')}</span>;
}

export function OnThisPage({ state, paused, entries, tabId, sort, onSort, revealed, onReveal }: Props) {
  const [active, setActive] = useState(0);
  if (state.status === 'unavailable') {
    return <p class="pg-note">{paused ? i18n.t('pagePaused') : i18n.t('pageUnavailable')}</p>;
  }
  if (state.status === 'loading' || !entries) return <p class="pg-note">{i18n.t('loading')}</p>;
  const rows = sortRows(state.terms, sort).filter((r) => r.kind === 'page' || entries.has(r.id));
  if (!rows.length) return <p class="pg-note">{i18n.t('pageNone')}</p>;
  const mentions = rows.reduce((n, r) => n + r.count, 0);
  const current = Math.min(active, rows.length - 1);
  const choose = (row: PageTermRow) => {
    const { kind, id } = rowTarget(row);
    onReveal(kind, id);
  };

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
      if (row) choose(row);
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
        {tabId !== null && <ExportButton tabId={tabId} strings={exportStrings()} />}
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
          const target = rowTarget(row);
          const here = revealed?.kind === target.kind && revealed.id === target.id ? revealed : null;
          const entry = row.kind === 'entry' ? (entries.get(row.id) as CompiledEntry) : null;
          return (
            // The listbox has the focus and the keys; aria-activedescendant names the active row.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
            // biome-ignore lint/a11y/useFocusableInteractive: see above.
            <div
              id={rowId(i)}
              key={`${target.kind}:${target.id}`}
              role="option"
              aria-selected={i === current}
              class={`pg-page-row${row.kind === 'page' ? ' pg-page-defined' : ''}`}
              data-entry-id={row.kind === 'entry' ? row.id : undefined}
              data-page-term={row.kind === 'page' ? row.term : undefined}
              onClick={() => {
                setActive(i);
                choose(row);
              }}
            >
              <span class="pg-result-term" lang="zh-CN">
                {entry ? entry.term : row.kind === 'page' && row.term}
              </span>
              <span class="pg-badges">
                {entry && <ScopeBadge scope={entry.scope} />}
                {(row.kind === 'page' || row.defined) && <DefinedBadge />}
              </span>
              <span class="pg-count">
                {here
                  ? i18n.t('pageOccurrence', [String(here.occurrence + 1), String(here.count)])
                  : i18n.t('pageCount', [String(row.count)])}
              </span>
              {entry ? (
                <span class="pg-result-english" lang="en">
                  {entry.english.text}
                </span>
              ) : (
                <span class="pg-result-english pg-page-definition" lang="zh-CN">
                  {row.kind === 'page' && row.definition}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
