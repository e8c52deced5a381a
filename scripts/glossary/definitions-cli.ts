/**
 * `definitions <file|dir>…`: the definitions each document gives of its own
 * jargon (its 名词解释 section, notes, inline explanations), one JSON object
 * per line. Offsets are UTF-16 code units into the file's text, or, for
 * HTML, into its rendered text (runs joined by newlines, as `annotate`).
 */
import { extractDefinitions } from '../../engine/definitions';
import { documentText, listFiles } from './text-tools';

export function printDefinitions(
  args: readonly string[],
  out: (line: string) => void = (l) => process.stdout.write(l),
): number {
  const files = listFiles(args);
  if (!files.length) throw new Error('definitions needs at least one file or folder');
  let count = 0;
  for (const file of files) {
    const { text, html } = documentText(file);
    for (const d of extractDefinitions(text)) {
      out(
        `${JSON.stringify({
          file,
          term: d.term,
          definition: d.definition,
          kind: d.kind,
          start: d.start,
          end: d.end,
          offsets: html ? 'extracted-text' : 'file-text',
        })}\n`,
      );
      count++;
    }
  }
  return count;
}
