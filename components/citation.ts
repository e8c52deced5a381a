/**
 * Plain-text renderings of an entry for the card's copy actions: a citation
 * (term, definition, sources) and a prefilled correction or new-term
 * suggestion. Plain text, because it goes to the clipboard and from there to
 * a document, an e-mail or an issue; nothing is ever sent from here.
 */
import type { CompiledEntry, Source } from '@/engine/entry';

export function sourceLine(s: Source): string {
  return `${s.title}，${s.issuer}，${s.date}${s.note ? `（${s.note}）` : ''}${s.url ? ` ${s.url}` : ''}`;
}

/** Term (pinyin; English), definition, then one line per source. */
export function citationText(entry: CompiledEntry): string {
  const lines = [
    `${entry.term}（${entry.pinyin}; ${entry.english.text}）`,
    entry.definition,
    ...entry.sources.map((s) => `${s.quote ? '引自' : '来源'}：${sourceLine(s)}`),
  ];
  return lines.join('\n');
}

/** A correction report for an entry, to paste into an issue or an e-mail. */
export function correctionText(entry: CompiledEntry, pageUrl: string): string {
  return [
    `Correction for glossary entry ${entry.id} (${entry.term})`,
    `Seen on: ${pageUrl}`,
    `Current definition: ${entry.definition}`,
    'What is wrong: ',
    'Suggested text: ',
    'Source (document, issuer, date): ',
  ].join('\n');
}

/** A new-term suggestion for jargon the glossary lacks. */
export function suggestTermText(term: string, pageUrl: string): string {
  return [
    `New term for the glossary: ${term}`,
    `Seen on: ${pageUrl}`,
    'Meaning: ',
    'Source (document, issuer, date): ',
  ].join('\n');
}
