/** `annotate` and `coverage`: the engine run over documents from the command line. */
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { findCandidates } from '../../engine/candidates';
import type { CompiledEntry } from '../../engine/entry';
import { glossaryMarkdown } from '../../engine/export-markdown';
import { createLookup, type Lookup } from '../../engine/lookup';
import { normalizeForm } from '../../engine/normalize';
import { extractText } from '../../page/collect';
import { compileGlossary } from './compile';
import type { Loaded } from './load';

/**
 * A document's text: the file itself for plain text; for HTML, the rendered
 * text as the extension collects it (runs joined by newlines). `ranges` are
 * the stretches to match in: each run of an HTML page on its own, as the
 * extension matches them (no term across a block or table-cell boundary);
 * the whole of a plain-text file, whose line breaks may fall inside words.
 */
export function documentText(file: string): { text: string; html: boolean; ranges: Array<[number, number]> } {
  const raw = fs.readFileSync(file, 'utf8');
  const html = /\.x?html?$/i.test(file) || /^\s*<(!doctype|html|div|body|p)\b/i.test(raw);
  if (!html) return { text: raw, html, ranges: [[0, raw.length]] };
  // Nothing is fetched or run: saved pages reference scripts, styles and frames.
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  window.document.write(raw);
  // happy-dom's node types are its own; the walk only uses the standard DOM subset.
  const { text, runs } = extractText((window.document.body ?? window.document) as unknown as Node);
  void window.happyDOM.close();
  return { text, html, ranges: runs.map(({ run, offset }) => [offset, offset + run.text.length]) };
}

function lookupOf(loaded: Loaded): Lookup {
  return createLookup(
    compileGlossary(
      loaded.entries.map((e) => e.entry),
      loaded.regions,
    ),
  );
}

export function listFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (!fs.existsSync(a)) throw new Error(`no such file or folder: ${a}`);
    if (fs.statSync(a).isDirectory()) {
      for (const name of fs.readdirSync(a).sort()) {
        const p = path.join(a, name);
        if (fs.statSync(p).isDirectory()) out.push(...listFiles([p]));
        else if (/\.(txt|html?|md)$/i.test(name)) out.push(p);
      }
    } else out.push(a);
  }
  return out;
}

export function annotateFiles(args: string[], loaded: Loaded): void {
  const markdown = args.includes('--markdown');
  const files = listFiles(args.filter((a) => a !== '--markdown'));
  if (!files.length) throw new Error('annotate needs at least one file');
  const lookup = lookupOf(loaded);
  const seen = new Map<string, { entry: CompiledEntry; count: number }>();
  for (const file of files) {
    const { text, html, ranges } = documentText(file);
    const onMatch = (start: number, end: number, pattern: number) => {
      const entries = lookup.entriesOf(pattern);
      for (const entry of entries) {
        const s = seen.get(entry.id);
        if (s) s.count++;
        else seen.set(entry.id, { entry, count: 1 });
      }
      if (markdown) return;
      const first = entries[0] as CompiledEntry;
      process.stdout.write(
        `${JSON.stringify({
          file,
          id: first.id,
          ids: entries.map((e) => e.id),
          term: first.term,
          text: text.slice(start, end),
          start,
          end,
          offsets: html ? 'extracted-text' : 'file-text',
        })}\n`,
      );
    };
    for (const [from, to] of ranges) lookup.matcher.scan(text, onMatch, from, to);
  }
  if (markdown) process.stdout.write(glossaryMarkdown([...seen.values()]));
}

export function coverage(args: string[], loaded: Loaded): void {
  const files = listFiles(args);
  if (!files.length) throw new Error('coverage needs at least one file or folder');
  const lookup = lookupOf(loaded);
  const counts = new Map<string, { count: number; kind: string; files: Set<string> }>();
  for (const file of files) {
    const { text } = documentText(file);
    for (const c of findCandidates(text)) {
      // Recognised when a glossary form covers the candidate exactly.
      const form = normalizeForm(c.text, lookup.table);
      let known = false;
      lookup.matcher.scan(c.text, (s, e) => {
        if (s === 0 && e === c.text.length) known = true;
      });
      if (known || !form) continue;
      const row = counts.get(form) ?? { count: 0, kind: c.kind, files: new Set<string>() };
      row.count++;
      row.files.add(path.basename(file));
      counts.set(form, row);
    }
  }
  const rows = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  for (const [text, row] of rows) {
    process.stdout.write(`${JSON.stringify({ text, count: row.count, kind: row.kind, files: row.files.size })}\n`);
  }
}
