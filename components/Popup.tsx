/**
 * The popup: fuzzy lookup over the whole glossary. Typing goes to the search
 * box at once; ↑/↓ move through the results, Enter opens an entry, Escape
 * goes back (or closes the popup).
 */
import { useMemo, useState } from 'preact/hooks';
import { loadLookup } from '@/common/glossary-data';
import { loadSearcher } from '@/common/search-data';
import type { CompiledEntry } from '@/engine/entry';
import { EntryView } from './EntryView';
import { ScopeBadge } from './ScopeBadge';

const VIEW_OPTIONS = { showPinyin: true, showEnglish: true, showParts: true, explanation: 'shown' } as const;

function Emphasised({ text, ranges }: { text: string; ranges: Array<[number, number]> }) {
  if (!ranges.length) return <>{text}</>;
  const out = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push(text.slice(at, s));
    out.push(<mark key={s}>{text.slice(s, e)}</mark>);
    at = e;
  }
  out.push(text.slice(at));
  return <>{out}</>;
}

export function Popup() {
  const lookup = useMemo(loadLookup, []);
  const searcher = useMemo(loadSearcher, []);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState<CompiledEntry | null>(null);
  const results = useMemo(() => searcher.search(query, 20), [searcher, query]);
  const entryAt = (i: number) => lookup.glossary.entries[i] as CompiledEntry;

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      setActive((a) => Math.min(a + 1, results.length - 1));
      e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      setActive((a) => Math.max(a - 1, 0));
      e.preventDefault();
    } else if (e.key === 'Enter' && results[active]) {
      setOpen(entryAt(results[active].index));
    } else if (e.key === 'Escape') {
      if (open) setOpen(null);
      else window.close();
      e.preventDefault();
    }
  };

  return (
    <main class="pg-popup" onKeyDown={onKey}>
      <input
        type="search"
        class="pg-search"
        placeholder="三高四新 · sgsx · liang ge que li · Belt and Road"
        aria-label="Search the glossary"
        aria-controls="pg-results"
        aria-activedescendant={results[active] ? `pg-opt-${active}` : undefined}
        // biome-ignore lint/a11y/noAutofocus: the popup exists to type into; focus goes to the box at once.
        autoFocus
        value={query}
        onInput={(e) => {
          setQuery((e.target as HTMLInputElement).value);
          setActive(0);
          setOpen(null);
        }}
      />
      {open ? (
        <section class="pg-entry-view">
          <EntryView entry={open} options={VIEW_OPTIONS} related={(id) => lookup.byId.get(id)} onRelated={setOpen} />
        </section>
      ) : (
        <ul id="pg-results" role="listbox" class="pg-results" aria-label="Results">
          {results.map((r, i) => {
            const e = entryAt(r.index);
            return (
              <li
                id={`pg-opt-${i}`}
                key={e.id}
                role="option"
                aria-selected={i === active}
                class="pg-result"
                onClick={() => setOpen(e)}
                onKeyDown={() => {}}
              >
                <span class="pg-result-term" lang="zh-CN">
                  <Emphasised text={e.term} ranges={r.highlight} />
                </span>
                <ScopeBadge scope={e.scope} />
                <span class="pg-result-pinyin">{e.pinyin}</span>
                <span class="pg-result-english" lang="en">
                  {e.english.text}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
