/**
 * Invariants of the glossary data beyond the schema: unique ids, resolvable
 * related ids, no surface form claimed twice in one scope without a distinct
 * meaning, and canonical order and format.
 */
import { buildCharTable, normalizeForm } from '../../engine/normalize';
import { formatFile } from './format';
import type { Loaded, Problem } from './load';

export function checkGlossary(loaded: Loaded, tradPairs = ''): Problem[] {
  const problems = [...loaded.problems];
  const table = buildCharTable(tradPairs);
  const byId = new Map<string, { file: string; line: number }>();
  for (const { entry, file, line } of loaded.entries) {
    const seen = byId.get(entry.id);
    if (seen) problems.push({ file, line, id: entry.id, message: `duplicate id (also at ${seen.file}:${seen.line})` });
    else byId.set(entry.id, { file, line });
  }
  const formOwners = new Map<string, { id: string; years?: string; file: string; line: number }>();
  for (const { entry, file, line } of loaded.entries) {
    for (const r of entry.related ?? []) {
      if (!byId.has(r)) problems.push({ file, line, id: entry.id, message: `related id "${r}" does not exist` });
      if (r === entry.id) problems.push({ file, line, id: entry.id, message: 'an entry cannot be related to itself' });
    }
    const forms = new Set([entry.term, ...(entry.variants ?? [])].map((f) => normalizeForm(f, table)));
    for (const form of forms) {
      if (!form) {
        problems.push({ file, line, id: entry.id, message: 'a surface form is empty after normalisation' });
        continue;
      }
      const key = `${entry.scope.level}|${entry.scope.region}|${form}`;
      const other = formOwners.get(key);
      // Two meanings of one form in one scope must be told apart by their period.
      if (other && other.years === entry.years) {
        problems.push({
          file,
          line,
          id: entry.id,
          message: `surface form "${form}" is also claimed in ${entry.scope.region} by "${other.id}" (${other.file}:${other.line}); if the meanings differ, give each its years`,
        });
      } else if (!other) formOwners.set(key, { id: entry.id, years: entry.years, file, line });
    }
    if ((entry.variants ?? []).includes(entry.term)) {
      problems.push({ file, line, id: entry.id, message: 'variants repeat the term' });
    }
  }
  // Order and format: each file must equal its canonical rendering.
  const byFile = new Map<string, typeof loaded.entries>();
  for (const e of loaded.entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, text] of loaded.files) {
    if (problems.some((p) => p.file === file)) continue;
    const entries = byFile.get(file) ?? [];
    const ids = entries.map((e) => e.entry.id);
    const sorted = [...ids].sort();
    const firstOut = ids.findIndex((id, i) => id !== sorted[i]);
    if (firstOut >= 0) {
      const e = entries[firstOut];
      problems.push({
        file,
        line: e?.line ?? 1,
        id: e?.entry.id,
        message: 'entries are not sorted by id (run: npm run -s glossary -- format)',
      });
      continue;
    }
    const canonical = formatFile(entries.map((e) => e.entry));
    if (canonical !== text) {
      const a = text.split('\n');
      const b = canonical.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]) + 1 || a.length;
      // The entry the first differing line belongs to: the last one starting at or before it.
      const owner = entries.filter((e) => e.line <= line).pop();
      problems.push({
        file,
        line,
        id: owner?.entry.id,
        message: `not in canonical format (expected: ${JSON.stringify(b[line - 1] ?? '')}; run: npm run -s glossary -- format)`,
      });
    }
  }
  return problems;
}
