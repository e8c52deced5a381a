/**
 * The card's actions for one entry: copy a citation, open the entry in the
 * glossary, and a prefilled correction to copy (nothing is sent: the
 * extension makes no network requests). Presentational: copying and opening
 * are the caller's.
 */
import { useState } from 'preact/hooks';
import type { CompiledEntry } from '@/engine/entry';
import type { CardStrings } from './card-strings';
import { citationText, correctionText } from './citation';

export type CopyFn = (text: string) => Promise<boolean>;

type Props = {
  entry: CompiledEntry;
  strings: CardStrings;
  pageUrl: string;
  onCopy: CopyFn;
  onOpenEntry?: (entry: CompiledEntry) => void;
};

export function CardActions({ entry, strings, pageUrl, onCopy, onOpenEntry }: Props) {
  const [status, setStatus] = useState('');
  const copy = async () => setStatus((await onCopy(citationText(entry))) ? strings.copied : strings.copyFailed);
  return (
    <div class="pg-actions" lang={strings.lang}>
      <div class="pg-buttons">
        <button type="button" class="pg-action pg-copy" onClick={copy}>
          {strings.copyCitation}
        </button>
        {onOpenEntry && (
          <button type="button" class="pg-action pg-open" onClick={() => onOpenEntry(entry)}>
            {strings.openInGlossary}
          </button>
        )}
        <CopyPanel
          label={strings.suggestCorrection}
          text={correctionText(entry, pageUrl)}
          strings={strings}
          onCopy={onCopy}
        />
      </div>
      <p class="pg-status" role="status">
        {status}
      </p>
    </div>
  );
}

type PanelProps = { label: string; text: string; strings: CardStrings; onCopy: CopyFn };

/** A button that shows a prefilled text with its own Copy button. */
export function CopyPanel({ label, text, strings, onCopy }: PanelProps) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  return (
    <>
      <button
        type="button"
        class="pg-action pg-suggest"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          setStatus('');
        }}
      >
        {label}
      </button>
      {open && (
        <div class="pg-panel" lang={strings.lang}>
          <p class="pg-hint">{strings.suggestionHint}</p>
          <textarea class="pg-suggestion" readOnly rows={5} aria-label={label} value={text} />
          <button
            type="button"
            class="pg-action pg-copy-suggestion"
            onClick={async () => setStatus((await onCopy(text)) ? strings.copied : strings.copyFailed)}
          >
            {strings.copyText}
          </button>
          <span class="pg-status" role="status">
            {status}
          </span>
        </div>
      )}
    </>
  );
}
