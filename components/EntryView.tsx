/**
 * One glossary entry, fully: header (term, pinyin, English, scope), the
 * definition (official quotes shown as quotes), the parts of a numbered
 * slogan, the English explanation, sources and status, related terms and
 * actions. Presentational: the hover card and the popup's entry view both
 * render it, with their own settings and handlers (no extension API here).
 */
import type { ComponentChildren } from 'preact';
import type { CompiledEntry } from '@/engine/entry';
import { ScopeBadge } from './ScopeBadge';

export type EntryViewOptions = {
  showPinyin: boolean;
  showEnglish: boolean;
  showParts: boolean;
  explanation: 'shown' | 'collapsed' | 'hidden';
};

type Props = {
  entry: CompiledEntry;
  options: EntryViewOptions;
  /** Resolves related ids to entries (missing ones are skipped). */
  related: (id: string) => CompiledEntry | undefined;
  onRelated?: (entry: CompiledEntry) => void;
  headingLevel?: 2 | 3;
  /** Rendered after the related terms: the card's and the popup's own actions. */
  children?: ComponentChildren;
};

export function EntryView({ entry, options, related, onRelated, headingLevel = 2, children }: Props) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const quotedSource = entry.quoted !== null ? entry.sources[entry.quoted] : undefined;
  const links = entry.related.map(related).filter((e): e is CompiledEntry => !!e);
  return (
    <article class="pg-entry" lang="zh-CN" data-entry-id={entry.id}>
      <header class="pg-head">
        <H class="pg-term">{entry.term}</H>
        <ScopeBadge scope={entry.scope} />
        {entry.status === 'retired' && (
          <span class="pg-retired" lang="en">
            retired{entry.years ? ` · ${entry.years}` : ''}
          </span>
        )}
      </header>
      {options.showPinyin && (
        <p class="pg-pinyin" lang="zh-Latn-pinyin">
          {entry.pinyin}
        </p>
      )}
      {options.showEnglish && (
        <p class="pg-english" lang="en">
          {entry.english.text}
          {entry.english.by === 'official' && <span class="pg-official"> (official)</span>}
        </p>
      )}
      {quotedSource ? (
        <blockquote class="pg-definition pg-quote" cite={quotedSource.url}>
          {/* Quotation marks, unless the text already opens with one (“一单制”是指…). */}
          <p>{/^[“「『"]/.test(entry.definition) ? entry.definition : `“${entry.definition}”`}</p>
        </blockquote>
      ) : (
        <p class="pg-definition">{entry.definition}</p>
      )}
      {options.showParts && entry.parts.length > 0 && (
        <ol class="pg-parts">
          {entry.parts.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ol>
      )}
      {options.explanation === 'shown' && (
        <p class="pg-explanation" lang="en">
          {entry.explanation}
        </p>
      )}
      {options.explanation === 'collapsed' && (
        <details class="pg-explanation" lang="en">
          <summary>English explanation</summary>
          {entry.explanation}
        </details>
      )}
      <footer class="pg-sources">
        {entry.origin && <p class="pg-origin">{entry.origin}</p>}
        {entry.sources.map((s) => (
          <p class="pg-source" key={`${s.title}${s.date}`}>
            {s.quote ? '引自' : '来源'}：
            {s.url ? (
              // A new tab: in the hover card a plain link would navigate the page being read.
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
            ) : (
              s.title
            )}
            ，{s.issuer}，{s.date}
            {s.note ? `（${s.note}）` : ''}
          </p>
        ))}
      </footer>
      {links.length > 0 && (
        <nav class="pg-related" aria-label="Related terms">
          {links.map((r) => (
            <button type="button" class="pg-link" key={r.id} onClick={() => onRelated?.(r)}>
              {r.term}
            </button>
          ))}
        </nav>
      )}
      {children}
    </article>
  );
}
