/**
 * Privacy and security rules, checked on the source: no innerHTML or
 * dangerouslySetInnerHTML (glossary and page text are rendered as text), no
 * eval or Function constructor, and no network calls to anything but the
 * extension's own files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CODE_DIRS = ['engine', 'page', 'components', 'content', 'common', 'entrypoints'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(p);
  }
  return out;
}

const files = CODE_DIRS.flatMap((d) => sources(path.join(ROOT, d)));

describe('source rules', () => {
  test('there is source to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  test.each([
    ['innerHTML / outerHTML / insertAdjacentHTML', /\b(innerHTML|outerHTML|insertAdjacentHTML)\b/],
    ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
    ['eval or the Function constructor', /\beval\s*\(|new\s+Function\s*\(/],
    ['document.write', /document\.write\s*\(/],
    ['remote URLs in fetch/XHR/WebSocket', /(fetch|XMLHttpRequest|WebSocket|sendBeacon)\s*\(\s*['"`]https?:/],
  ])('no %s', (_name, pattern) => {
    const hits = files.filter((f) => pattern.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(hits).toEqual([]);
  });

  test("dynamic imports load only the project's modules or the extension's own files", () => {
    const imports = files.flatMap((f) =>
      [...fs.readFileSync(f, 'utf8').matchAll(/\bimport\s*\(([^)]*\)?)/g)].map((m) => ({
        file: path.relative(ROOT, f),
        arg: (m[1] as string).trim(),
      })),
    );
    // The content script's modules are imported from the extension (wxt.config.ts).
    expect(imports.filter((i) => i.arg.includes('runtime.getURL')).length).toBeGreaterThanOrEqual(2);
    const other = imports.filter(
      // A literal module name or path is bundled at build time; a URL (https:, data:) would not be.
      (i) =>
        !/^['"`](?![a-z][\w+.-]*:)/i.test(i.arg) &&
        !/^\/\* @vite-ignore \*\/ [\w.() ?]*runtime\.getURL\(['"`]\//.test(i.arg),
    );
    expect(other).toEqual([]);
  });
});
