/**
 * The content script's side of the popup: "On this page" (the bundled terms
 * found here and the terms the page defines itself, with counts, in page
 * order; scroll to one and flash it) and site control (stop marking when the
 * user disables this site or pauses).
 *
 * The popup asks the top frame only: same-origin iframes run their own
 * instance, and their terms are not listed (the popup could not scroll to
 * them across frames anyway).
 */
import { onMessages, type PageTermRow, ROW_DEFINITION_MAX, ROW_TERM_MAX, sendToExtension } from '@/common/messages';
import { rankEntries } from '@/engine/rank';
import type { PageMatch } from '@/page/scanner';
import type { ContentApp } from './app';
import { pageDefinedMatches, pageDefinedRows, pageDefinitionOf } from './page-glossary';

/** How long a revealed term stays flashed. */
const FLASH_MS = 1600;
/** Re-scans come in bursts (an infinite-scroll page); tell the popup once per burst. */
const NOTIFY_MS = 250;

/** Scrolls the range to the middle of the viewport, through any scrolling containers around it. */
function scrollToRange(range: Range): void {
  range.startContainer.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const rect = range.getBoundingClientRect();
  window.scrollBy({ top: rect.top + rect.height / 2 - window.innerHeight / 2, behavior: 'instant' });
}

/** The first `max` UTF-16 units of `text`, never half a surrogate pair. */
function cut(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

export function initPageMessages(app: ContentApp): () => void {
  const { scanner, lookup, marks } = app;
  const stop = () => app.ctx.notifyInvalidated();
  // Pausing clears the marks at once, in every frame; resuming marks pages as they load.
  const stopSettings = app.onSettings((s) => {
    if (s.paused) stop();
  });

  if (window !== window.top) {
    const stopFrame = onMessages({ 'stop-marking': () => stop() });
    return () => {
      stopSettings();
      stopFrame();
    };
  }

  // The entry a match stands for: the best-ranked one for this site's region, as the card shows first.
  const idByPattern = new Map<string, string | undefined>();
  const entryIdOf = (m: PageMatch): string | undefined => {
    if (!idByPattern.has(m.key)) {
      const ranked = rankEntries(lookup.headsOf(Number(m.key)), app.region, lookup.glossary.regions);
      idByPattern.set(m.key, ranked[0]?.id);
    }
    return idByPattern.get(m.key);
  };
  const termMatches = () => scanner.allMatches().filter((m) => m.kind === 'term');

  /** Bundled rows from the term marks; page-defined rows from the page marks (content/page-glossary.ts). */
  const pageTermRows = (): PageTermRow[] => {
    const matches = scanner.allMatches();
    const rows = new Map<string, PageTermRow & { kind: 'entry' }>();
    matches.forEach((m, order) => {
      if (m.kind !== 'term') return;
      const id = entryIdOf(m);
      if (!id) return;
      const defined = pageDefinitionOf(app, m) !== undefined;
      const row = rows.get(id);
      if (row) {
        row.count++;
        row.defined ||= defined;
      } else rows.set(id, { kind: 'entry', id, count: 1, first: order, defined });
    });
    const defined = pageDefinedRows(app, matches)
      // Page text can be anything: a row carries the start of it (the card shows the rest).
      .filter((r) => r.term.length <= ROW_TERM_MAX)
      .map((r): PageTermRow => ({ kind: 'page', ...r, definition: cut(r.definition, ROW_DEFINITION_MAX) }));
    return [...rows.values(), ...defined];
  };

  let watched = false;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  let notifyTimer: ReturnType<typeof setTimeout> | undefined;

  const stopMessages = onMessages({
    'page-terms': () => {
      watched = true;
      return { terms: pageTermRows() };
    },
    'reveal-term': ({ kind, id, occurrence }) => {
      const found = kind === 'page' ? pageDefinedMatches(app, id) : termMatches().filter((m) => entryIdOf(m) === id);
      if (!found.length) return { occurrence: 0, count: 0 };
      const index = occurrence % found.length;
      const match = found[index] as PageMatch;
      scrollToRange(scanner.liveRange(match));
      marks.only('flash', match.range ?? scanner.rangeOf(match));
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => marks.only('flash', null), FLASH_MS);
      return { occurrence: index, count: found.length };
    },
    'stop-marking': () => stop(),
  });

  const stopScanned = app.onScanned(() => {
    if (!watched) return;
    clearTimeout(notifyTimer);
    // No popup open is the usual case: nobody answers, and that is fine.
    notifyTimer = setTimeout(() => void sendToExtension('page-terms-changed', {}).catch(() => {}), NOTIFY_MS);
  });

  return () => {
    stopSettings();
    stopMessages();
    stopScanned();
    clearTimeout(flashTimer);
    clearTimeout(notifyTimer);
  };
}
