/**
 * The hover card: what a marked term means, where the reader is. The page's
 * own definitions first, then the glossary's meanings (already ranked by the
 * page's region), or, for a slogan nobody defines, a short "not in the
 * glossary" card. Related terms open in the same card, with a back step.
 *
 * Presentational: the controller (content/card.ts) owns the state and passes
 * handlers; this renders, places the card (use-card-position.ts) and moves
 * focus into it only when the reader opened it from the keyboard.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Theme } from '@/common/settings';
import type { CompiledEntry, PageDefinition } from '@/engine/entry';
import { CardActions, type CopyFn, CopyPanel } from './CardActions';
import type { CardStrings } from './card-strings';
import { suggestTermText } from './citation';
import { EntryView, type EntryViewOptions } from './EntryView';
import { useCardPosition } from './use-card-position';

/** What the card shows: a marked term, or an entry reached through a related link. */
export type CardView =
  | { kind: 'match'; text: string; pageDefinitions: PageDefinition[]; entries: CompiledEntry[] }
  | { kind: 'entry'; entry: CompiledEntry };

export interface CardHandlers {
  close(): void;
  togglePin(): void;
  back(): void;
  openRelated(entry: CompiledEntry): void;
  reveal(definition: PageDefinition): void;
  copy: CopyFn;
  openEntry(entry: CompiledEntry): void;
  /** Shows the best explanation of `text` elsewhere in the page; false if there is none. */
  findOnPage(text: string): boolean;
  anchorHidden(hidden: boolean): void;
}

export type Props = {
  /** The views opened so far; the last one shows. Empty: the card is closed. */
  views: CardView[];
  anchor: Range | null;
  options: EntryViewOptions;
  theme: Theme;
  strings: CardStrings;
  pinned: boolean;
  /** Opened from the keyboard: focus goes into the card (never on hover). */
  focusOnOpen: boolean;
  /** What the live region says (the term when the card opens, the focused term when navigating). */
  announcement: string;
  pageUrl: string;
  /** Cancels a CSS zoom on the page's root element, which the card would otherwise inherit. */
  zoom: number;
  related: (id: string) => CompiledEntry | undefined;
  on: CardHandlers;
};

export function CardRoot(props: Props) {
  const { views, announcement } = props;
  const view = views[views.length - 1];
  return (
    <>
      {/* Outside the popover and never display:none, so screen readers announce it whether or not the card is open. */}
      <p class="pg-live" role="status" aria-live="polite">
        {announcement}
      </p>
      {view && <Card {...props} view={view} />}
    </>
  );
}

function titleOf(view: CardView): string {
  return view.kind === 'entry' ? view.entry.term : view.text;
}

function Card({
  view,
  views,
  anchor,
  options,
  theme,
  strings,
  pinned,
  focusOnOpen,
  pageUrl,
  zoom,
  related,
  on,
}: Props & { view: CardView }) {
  const ref = useRef<HTMLDivElement>(null);
  useCardPosition(ref, anchor, on.anchorHidden);
  useEffect(() => {
    if (focusOnOpen) ref.current?.focus({ preventScroll: true });
  }, [focusOnOpen, anchor]);

  const entryView = (entry: CompiledEntry, level: 2 | 3) => (
    <EntryView
      key={entry.id}
      entry={entry}
      options={options}
      related={related}
      onRelated={on.openRelated}
      headingLevel={level}
    >
      <CardActions entry={entry} strings={strings} pageUrl={pageUrl} onCopy={on.copy} onOpenEntry={on.openEntry} />
    </EntryView>
  );

  return (
    <div
      ref={ref}
      class="pg-card"
      popover="manual"
      role="dialog"
      aria-label={strings.dialogLabel(titleOf(view))}
      tabIndex={-1}
      lang={strings.lang}
      data-theme={theme}
      style={zoom !== 1 ? { zoom } : undefined}
    >
      <div class="pg-toolbar">
        {views.length > 1 && (
          <button type="button" class="pg-tool pg-back" onClick={on.back}>
            ‹ {strings.back}
          </button>
        )}
        <button
          type="button"
          class="pg-tool pg-pin"
          aria-pressed={pinned}
          aria-label={strings.pin}
          title={strings.pin}
          onClick={on.togglePin}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M10 1l5 5-2 1-3 3 .5 3.5L9 15l-3-3-4 4-1-1 4-4-3-3 1.5-1.5L7 7l3-3z" fill="currentColor" />
          </svg>
        </button>
        <button
          type="button"
          class="pg-tool pg-close"
          aria-label={strings.close}
          title={strings.close}
          onClick={on.close}
        >
          ×
        </button>
      </div>
      {view.kind === 'entry' ? entryView(view.entry, 2) : <MatchView {...{ view, strings, pageUrl, on, entryView }} />}
    </div>
  );
}

type MatchProps = {
  view: Extract<CardView, { kind: 'match' }>;
  strings: CardStrings;
  pageUrl: string;
  on: CardHandlers;
  entryView: (entry: CompiledEntry, level: 2 | 3) => preact.JSX.Element;
};

function MatchView({ view, strings, pageUrl, on, entryView }: MatchProps) {
  const { pageDefinitions, entries, text } = view;
  if (!pageDefinitions.length && !entries.length) return <UnknownView text={text} {...{ strings, pageUrl, on }} />;
  const level = pageDefinitions.length ? 3 : 2;
  return (
    <>
      {pageDefinitions.length > 0 && (
        <section class="pg-page-defs">
          <h2 class="pg-section">{strings.definedOnPage}</h2>
          {pageDefinitions.map((d) => (
            <div class="pg-page-def" key={`${d.start}:${d.term}`}>
              <p class="pg-definition" lang="zh-CN">
                <strong>{d.term}</strong>　{d.definition}
              </p>
              <button type="button" class="pg-action pg-reveal" onClick={() => on.reveal(d)}>
                {strings.showInPage}
              </button>
            </div>
          ))}
        </section>
      )}
      {pageDefinitions.length > 0 && entries.length > 0 && <h2 class="pg-section">{strings.glossary}</h2>}
      {entries.length > 1 && <p class="pg-meanings">{strings.meanings(entries.length)}</p>}
      {entries.map((e) => entryView(e, level))}
    </>
  );
}

function UnknownView({
  text,
  strings,
  pageUrl,
  on,
}: {
  text: string;
  strings: CardStrings;
  pageUrl: string;
  on: CardHandlers;
}) {
  const [status, setStatus] = useState('');
  return (
    <section class="pg-entry pg-unknown">
      <header class="pg-head">
        <h2 class="pg-term" lang="zh-CN">
          {text}
        </h2>
        <span class="pg-badge pg-badge-unknown">{strings.notInGlossary}</span>
      </header>
      <p class="pg-hint">{strings.notInGlossaryBody}</p>
      <div class="pg-buttons">
        <button
          type="button"
          class="pg-action pg-find"
          onClick={() => setStatus(on.findOnPage(text) ? strings.foundOnPage : strings.notFoundOnPage)}
        >
          {strings.findOnPage}
        </button>
        <CopyPanel
          label={strings.suggestTerm}
          text={suggestTermText(text, pageUrl)}
          strings={strings}
          onCopy={on.copy}
        />
      </div>
      <p class="pg-status" role="status">
        {status}
      </p>
    </section>
  );
}
