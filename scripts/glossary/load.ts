/**
 * Reads the glossary's YAML files, validates them, and reports every problem
 * with its file, line and entry id. Build-time code: Node only.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { RegionFile, type RegionRow, SourceEntry } from '../../engine/glossary-schema';

export interface Problem {
  file: string;
  line: number;
  id?: string;
  message: string;
}

export interface LoadedEntry {
  entry: SourceEntry;
  file: string;
  line: number;
}

export interface Loaded {
  entries: LoadedEntry[];
  regions: RegionRow[];
  problems: Problem[];
  /** Files read, relative to the root, with their text (for the format check). */
  files: Map<string, string>;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DATA_DIR = path.join(ROOT, 'glossary/data');
export const REGIONS_FILE = path.join(ROOT, 'glossary/regions.yaml');

export function listYaml(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, name.name);
    if (name.isDirectory()) out.push(...listYaml(p));
    else if (/\.ya?ml$/.test(name.name)) out.push(p);
  }
  return out.sort();
}

function rel(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** Parses one data file; problems are appended. */
export function loadFile(file: string, problems: Problem[]): LoadedEntry[] {
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const name = rel(file);
  const lineOf = (node: YamlNode | null | undefined): number => (node?.range ? lines.linePos(node.range[0]).line : 1);
  for (const err of doc.errors) {
    problems.push({ file: name, line: err.linePos?.[0]?.line ?? 1, message: `YAML: ${err.message.split('\n')[0]}` });
  }
  if (doc.errors.length) return [];
  const root = doc.contents;
  if (root === null) return [];
  if (!isSeq(root)) {
    problems.push({
      file: name,
      line: lineOf(root as YamlNode),
      message: 'the file must be a list of entries (each starting with "- id:")',
    });
    return [];
  }
  const out: LoadedEntry[] = [];
  root.items.forEach((item) => {
    const node = item as YamlNode;
    const line = lineOf(node);
    const raw = (node as { toJSON?: () => unknown }).toJSON?.() ?? null;
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    const result = v.safeParse(SourceEntry, raw);
    if (!result.success) {
      for (const issue of result.issues) {
        const keys = (issue.path ?? []).map((p) => p.key as string | number);
        let at = line;
        if (isMap(node) && keys.length) {
          const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === keys[0]);
          if (pair) at = lineOf((pair.value as YamlNode) ?? (pair.key as YamlNode));
        }
        const where = keys.length ? `${keys.join('.')}: ` : '';
        problems.push({ file: name, line: at, id, message: `${where}${issue.message}` });
      }
      return;
    }
    out.push({ entry: result.output, file: name, line });
  });
  return out;
}

export function loadRegions(problems: Problem[]): RegionRow[] {
  if (!fs.existsSync(REGIONS_FILE)) return [];
  const text = fs.readFileSync(REGIONS_FILE, 'utf8');
  const doc = parseDocument(text);
  const result = v.safeParse(RegionFile, doc.toJSON());
  if (!result.success) {
    for (const issue of result.issues) {
      const keys = (issue.path ?? []).map((p) => p.key).join('.');
      problems.push({ file: rel(REGIONS_FILE), line: 1, message: `${keys}: ${issue.message}` });
    }
    return [];
  }
  return result.output;
}

export function loadGlossary(dir = DATA_DIR): Loaded {
  const problems: Problem[] = [];
  const files = new Map<string, string>();
  const entries: LoadedEntry[] = [];
  for (const file of listYaml(dir)) {
    files.set(rel(file), fs.readFileSync(file, 'utf8'));
    entries.push(...loadFile(file, problems));
  }
  const regions = dir === DATA_DIR ? loadRegions(problems) : [];
  return { entries, regions, problems, files };
}
