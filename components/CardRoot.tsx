/**
 * The hover card: a popover (top layer, where site overlays and z-index
 * fights cannot cover it) placed beside the term with floating-ui, flipping
 * and shifting to stay in the viewport without covering the term.
 */
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { useEffect, useRef } from 'preact/hooks';
import type { Settings } from '@/common/settings';
import type { CompiledEntry } from '@/engine/entry';
import type { PageMatch } from '@/page/scanner';
import { EntryView } from './EntryView';

export type CardState = {
  match: PageMatch | null;
  entries: CompiledEntry[];
  anchor?: Range;
  settings: Settings;
};

type Props = {
  state: CardState;
  update: (next: CardState) => void;
  related?: (id: string) => CompiledEntry | undefined;
};

export function CardRoot({ state, related = () => undefined }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { match, entries, anchor, settings } = state;

  useEffect(() => {
    const card = ref.current;
    if (!card || !anchor) return;
    if (typeof card.showPopover === 'function' && !card.matches(':popover-open')) card.showPopover();
    const reference = {
      getBoundingClientRect: () => anchor.getBoundingClientRect(),
      getClientRects: () => anchor.getClientRects(),
    };
    return autoUpdate(reference, card, () => {
      void computePosition(reference, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [offset(6), flip(), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        card.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    });
  }, [anchor, match]);

  if (!match || !entries.length) return null;
  const first = entries[0] as CompiledEntry;
  return (
    <div ref={ref} class="pg-card" popover="manual" role="dialog" aria-label={`${first.term}：${first.english.text}`}>
      <div aria-live="polite">
        {entries.map((entry) => (
          <EntryView
            key={entry.id}
            entry={entry}
            options={{
              showPinyin: settings.showPinyin,
              showEnglish: settings.showEnglish,
              showParts: settings.showParts,
              explanation: settings.explanation,
            }}
            related={related}
          />
        ))}
      </div>
    </div>
  );
}
