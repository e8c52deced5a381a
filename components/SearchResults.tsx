/**
 * The search results: a listbox, best match first. Each row shows the term
 * (the characters the query matched emphasised), its scope, pinyin and
 * English, from the search data (the whole glossary may not be parsed yet).
 * Presentational: the popup owns the query and the active row, and focus
 * stays in the search box (aria-activedescendant points at the row).
 */
import type { SearchResult, ShippedSearchDoc } from '@/engine/search';
import { ScopeBadge } from './ScopeBadge';

export const optionId = (i: number) => `pg-opt-${i}`;

/** The text with [start, end) ranges wrapped in <mark>. */
export function Emphasised({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  if (!ranges.length) return <>{text}</>;
  const out = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at || e <= s) continue;
    if (s > at) out.push(text.slice(at, s));
    out.push(<mark key={s}>{text.slice(s, e)}</mark>);
    at = e;
  }
  out.push(text.slice(at));
  return <>{out}</>;
}

type Props = {
  id: string;
  label: string;
  results: SearchResult[];
  /** A result's `index` points here. */
  docs: readonly ShippedSearchDoc[];
  active: number;
  onActive: (index: number) => void;
  onOpen: (id: string) => void;
};

export function SearchResults({ id, label, results, docs, active, onActive, onOpen }: Props) {
  return (
    <div id={id} role="listbox" class="pg-results" aria-label={label}>
      {results.map((r, i) => {
        const e = docs[r.index];
        if (!e) return null;
        return (
          // Keyboard selection lives in the search box (↑/↓/Enter); the row answers the pointer.
          // Options are not focusable by design: focus stays in the search box, which points at
          // the active one with aria-activedescendant and handles ↑/↓/Enter for them.
          // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
          // biome-ignore lint/a11y/useFocusableInteractive: see above.
          <div
            id={optionId(i)}
            key={e.id}
            role="option"
            aria-selected={i === active}
            class="pg-result"
            data-entry-id={e.id}
            onClick={() => onOpen(e.id)}
            onMouseMove={() => i !== active && onActive(i)}
          >
            <span class="pg-result-term" lang="zh-CN">
              <Emphasised text={e.term} ranges={r.highlight} />
            </span>
            <ScopeBadge scope={e.scope} />
            <span class="pg-result-pinyin" lang="zh-Latn-pinyin">
              {e.pinyin}
            </span>
            <span class="pg-result-english" lang="en">
              {e.english}
            </span>
          </div>
        );
      })}
    </div>
  );
}
