/**
 * A translator's glossary as Markdown: one table row per term, with its
 * pinyin, English, definition and source. Used by "Export this page's
 * glossary" (the page's own definitions first, then the bundled entries
 * found on the page) and by `glossary -- annotate --markdown`.
 */
import type { CompiledEntry, PageDefinition } from './entry';

export interface GlossaryRow {
  term: string;
  pinyin: string;
  english: string;
  definition: string;
  source: string;
}

/** A table cell: no pipes, no line breaks. */
function cell(s: string): string {
  return s
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

export function glossaryTable(rows: GlossaryRow[]): string {
  const lines = ['| Term | Pinyin | English | Definition | Source |', '|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(
      `| ${cell(r.term)} | ${cell(r.pinyin)} | ${cell(r.english)} | ${cell(r.definition)} | ${cell(r.source)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A bundled entry's row: its first source, marked when the definition quotes it. */
export function entryRow(entry: CompiledEntry): GlossaryRow {
  const src = entry.sources[0];
  const source = src ? `${src.title}, ${src.issuer}, ${src.date}${entry.quoted !== null ? ' (quoted)' : ''}` : '';
  return { term: entry.term, pinyin: entry.pinyin, english: entry.english.text, definition: entry.definition, source };
}

const KIND_LABEL: Record<PageDefinition['kind'], string> = {
  section: '名词解释',
  note: '注释',
  inline: 'inline explanation',
};

/** A page definition's row; the source is the page itself (its title, and the part that gives the definition). */
export function pageDefinitionRow(d: PageDefinition, page: { title: string; url: string }): GlossaryRow {
  const where = page.title ? `${page.title} (${KIND_LABEL[d.kind]})` : `this page (${KIND_LABEL[d.kind]})`;
  return { term: d.term, pinyin: '', english: '', definition: d.definition, source: `${where}, ${page.url}` };
}

/** The terms found by `annotate`: bundled entries only. */
export function glossaryMarkdown(found: Array<{ entry: CompiledEntry; count: number }>): string {
  return glossaryTable(found.map(({ entry }) => entryRow(entry)));
}

export interface PageGlossaryExport {
  title: string;
  url: string;
  /** The page's own definitions, in page order. */
  definitions: PageDefinition[];
  /** The bundled entries whose terms occur on the page, in order of first occurrence. */
  entries: CompiledEntry[];
  /** ISO date of the export. */
  date: string;
}

/**
 * The whole export: a heading naming the page, the table (the page's own
 * definitions first: they are what the document itself means), and a line
 * saying where the rest comes from.
 */
export function pageGlossaryMarkdown(x: PageGlossaryExport): string {
  const seen = new Set<string>();
  const rows: GlossaryRow[] = [];
  for (const d of x.definitions) {
    const key = `${d.term}\u0001${d.definition}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(pageDefinitionRow(d, x));
  }
  const ids = new Set<string>();
  for (const e of x.entries) {
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    rows.push(entryRow(e));
  }
  const title = cell(x.title || x.url);
  const head = [
    `# Glossary: ${title}`,
    '',
    `Page: <${x.url}>  `,
    `Exported: ${x.date}. Definitions given by the page itself come first; the other rows are from the Policy Glossary's bundled entries, with their sources.`,
    '',
  ];
  if (!rows.length) return `${head.join('\n')}\nNo glossary terms were found on this page.\n`;
  return `${head.join('\n')}\n${glossaryTable(rows)}`;
}
