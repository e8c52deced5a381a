/**
 * The command line as users run it: `npm run -s glossary -- <verb>` in a
 * child process, on temporary files, on the glossary fixtures, and on the
 * whole developer corpus when ../shared/corpus is there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCharTable, normalizeForm } from '../../engine/normalize';
import { traditionalPairs } from '../../scripts/glossary/compile';
import { ROOT } from '../../scripts/glossary/load';
import { documentText } from '../../scripts/glossary/text-tools';

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const hasCorpus = fs.existsSync(CORPUS);
const FIXTURES = path.join(ROOT, 'tests/fixtures/glossary');
const NPM = fs.existsSync(path.join(path.dirname(process.execPath), 'npm'))
  ? path.join(path.dirname(process.execPath), 'npm')
  : 'npm';
const SLOW = 180_000;

function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(NPM, ['run', '-s', 'glossary', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: SLOW,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Annotation {
  file: string;
  id: string;
  ids: string[];
  term: string;
  text: string;
  start: number;
  end: number;
  offsets: 'file-text' | 'extracted-text';
}

function jsonLines<T>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Each annotation's offsets slice its text out of the file (plain text) or the extracted text (HTML). */
function expectOffsetsSliceBack(found: readonly Annotation[]): void {
  const texts = new Map<string, { text: string; html: boolean }>();
  for (const a of found) {
    let doc = texts.get(a.file);
    if (!doc) {
      doc = documentText(a.file);
      texts.set(a.file, doc);
    }
    expect(a.offsets).toBe(doc.html ? 'extracted-text' : 'file-text');
    if (!doc.html) expect(fs.readFileSync(a.file, 'utf8').slice(a.start, a.end)).toBe(a.text);
    expect(doc.text.slice(a.start, a.end)).toBe(a.text);
  }
}

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('glossary annotate, on temporary files', () => {
  it(
    'prints one JSON object per match, with offsets into the file (text) or the extracted text (HTML)',
    () => {
      const plain = write(
        'plain.txt',
        '第一行\n大力实施“三高\n四新”战略，新增“四上”企业30家。\n落 实 三 高 四 新 战 略\n培育專精特新企業\n',
      );
      const page = write(
        'page.html',
        '<!doctype html><html><head><title>三高四新</title>' +
          '<script src="https://example.invalid/a.js"></script><link rel="stylesheet" href="https://example.invalid/a.css">' +
          '</head><body><h1>关于<span>“三高</span><br>四新”的通知</h1><p>新增“四上”企业</p>' +
          '<table><tr><td>三高</td><td>四新</td></tr></table><script>document.write("四上企业")</script></body></html>',
      );
      const { status, stdout, stderr } = cli('annotate', plain, page);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const found = jsonLines<Annotation>(stdout);
      for (const a of found) {
        expect(a).toMatchObject({ id: expect.any(String), text: expect.any(String) });
        expect(a.ids).toContain(a.id);
      }
      expectOffsetsSliceBack(found);

      const inPlain = found.filter((a) => a.file === plain);
      expect(inPlain.map((a) => [a.id, a.text])).toEqual(
        expect.arrayContaining([
          ['san-gao-si-xin', '三高\n四新'],
          ['si-shang-qi-ye', '四上”企业'],
          ['san-gao-si-xin', '三 高 四 新'],
        ]),
      );
      expect(inPlain.some((a) => a.text.includes('專精特新'))).toBe(true);

      // HTML: the rendered text, not the markup; one run per block, so nothing across table cells.
      const { text } = documentText(page);
      expect(text).toBe('关于“三高四新”的通知\n新增“四上”企业\n三高\n四新');
      const inPage = found.filter((a) => a.file === page);
      expect(inPage.map((a) => [a.id, a.text, a.start, a.end])).toEqual([
        ['san-gao-si-xin', '三高四新', 3, 7],
        ['si-shang-qi-ye', '四上”企业', 15, 20],
      ]);
    },
    SLOW,
  );

  it(
    'with --markdown prints a glossary of the terms found, for translators’ footnotes',
    () => {
      const plain = write('notes.txt', '大力实施“三高四新”战略，新增“四上”企业30家，三高四新。');
      const { status, stdout } = cli('annotate', '--markdown', plain);
      expect(status).toBe(0);
      const lines = stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^\|.*Term.*\|/);
      expect(lines[1]).toMatch(/^\|[-| :]+\|$/);
      const rows = lines.slice(2);
      // One row per entry, however often it occurs.
      const terms = rows.map((r) => r.split('|')[1]?.trim() ?? '');
      expect(terms.filter((t) => t.includes('三高四新'))).toHaveLength(1);
      expect(terms.some((t) => t.includes('四上'))).toBe(true);
      for (const r of rows) expect(r.startsWith('|') && r.endsWith('|')).toBe(true);
    },
    SLOW,
  );

  it(
    'fails with a message and a non-zero exit for a missing file',
    () => {
      const { status, stderr, stdout } = cli('annotate', path.join(dir, 'missing.txt'));
      expect(status).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/no such file/);
    },
    SLOW,
  );
});

describe('glossary export and coverage, on temporary files', () => {
  it(
    'export prints every compiled entry as one JSON object per line',
    () => {
      const { status, stdout } = cli('export');
      expect(status).toBe(0);
      const entries = jsonLines<{ id: string; term: string; variants: string[]; pinyin: string }>(stdout);
      const ids = entries.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(['san-gao-si-xin', 'si-shang-qi-ye']));
      const sgsx = entries.find((e) => e.id === 'san-gao-si-xin');
      expect(sgsx?.pinyin).toBe('sān gāo sì xīn');
    },
    SLOW,
  );

  it(
    'coverage lists candidate jargon the glossary does not recognise, and not what it does',
    () => {
      const file = write(
        'coverage.txt',
        '深入实施“三高四新”战略，推进“七个一律”行动和“双百双千”工程，落实“七个一律”。',
      );
      const { status, stdout } = cli('coverage', file);
      expect(status).toBe(0);
      const rows = jsonLines<{ text: string; count: number; kind: string; files: number }>(stdout);
      for (const r of rows) expect(r).toMatchObject({ count: expect.any(Number), files: 1 });
      const table = buildCharTable(traditionalPairs());
      expect(rows.map((r) => r.text)).not.toContain(normalizeForm('三高四新', table));
      // An invented slogan, made up for this test.
      expect(rows.find((r) => r.text === '七个一律')).toMatchObject({ count: 2, kind: 'numbered' });
    },
    SLOW,
  );
});

describe('glossary check, on the fixture glossaries', () => {
  it(
    'accepts the valid fixture',
    () => {
      const { status, stderr } = cli('check', path.join(FIXTURES, 'valid'));
      expect(status).toBe(0);
      expect(stderr).toMatch(/3 entries in 2 files, no problems/);
    },
    SLOW,
  );

  /** Fixture dir → what its one problem says, and the entry it names. */
  const INVALID: Array<[string, string, RegExp]> = [
    ['invalid-schema', 'Si_Shang', /id: a lowercase ASCII slug/],
    ['invalid-duplicate-id', 'si-shang-qi-ye', /duplicate id \(also at .*economy\.yaml:\d+\)/],
    ['invalid-related', 'liu-wen-liu-bao', /related id "liu-wen" does not exist/],
    ['invalid-form-claimed', 'si-shang-qi-ye', /surface form "四上" is also claimed in 全国 by "si-shang"/],
    ['invalid-unsorted', 'si-shang-qi-ye', /not sorted by id \(run: npm run -s glossary -- format\)/],
    ['invalid-format', 'liu-wen-liu-bao', /not in canonical format \(expected: .*scope/],
    ['invalid-missing-source', 'liu-wen-liu-bao', /sources: every entry needs at least one source/],
  ];
  for (const [name, id, message] of INVALID) {
    it(
      `rejects ${name} with file:line [id] messages and a non-zero exit`,
      () => {
        const { status, stderr } = cli('check', path.join(FIXTURES, name));
        expect(status).not.toBe(0);
        const problems = stderr.split('\n').filter((l) => l.includes('.yaml:'));
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems)
          expect(p).toMatch(new RegExp(`^tests/fixtures/glossary/${name}/\\S+\\.yaml:\\d+ \\[[^\\]]+\\]: `));
        const hit = problems.find((p) => message.test(p));
        expect(hit, stderr).toBeDefined();
        expect(hit).toContain(`[${id}]`);
        expect(stderr).toMatch(/glossary: \d+ problem\(s\)/);
      },
      SLOW,
    );
  }
});

describe('the corpus', () => {
  it('is present when CI runs, and the mode is reported either way', () => {
    if (hasCorpus) console.info(`corpus tests: running on ${CORPUS}`);
    else console.warn(`corpus tests: SKIPPED, ${CORPUS} is absent (set up ../shared/corpus to run them)`);
    // In CI the corpus tests must run, not be skipped.
    expect(hasCorpus || !process.env.CI, `CI must have the corpus at ${CORPUS}`).toBe(true);
    if (hasCorpus) expect(fs.existsSync(path.join(CORPUS, 'seed/jingzhou-zhengbao-2024-01.txt'))).toBe(true);
  });
});

describe.runIf(hasCorpus)('glossary annotate and coverage, on the whole corpus', () => {
  let found: Annotation[] = [];
  beforeAll(() => {
    const { status, stdout, stderr } = cli('annotate', CORPUS);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    found = jsonLines<Annotation>(stdout);
  }, SLOW);

  it(
    'annotates every kind of document, and every offset slices back to the matched text',
    () => {
      const files = new Set(found.map((a) => path.relative(CORPUS, a.file).split(path.sep)[0]));
      expect([...files].sort()).toEqual(expect.arrayContaining(['fragments', 'pages', 'policies', 'reports', 'seed']));
      // Extracts every HTML file's text again: over 5 s when the machine is busy.
      expectOffsetsSliceBack(found);
    },
    SLOW,
  );

  it('finds the seed’s 三高四新 and 四上企业', () => {
    const seed = found.filter((a) => a.file.includes(`${path.sep}seed${path.sep}`));
    expect(seed.filter((a) => a.id === 'san-gao-si-xin').length).toBeGreaterThan(0);
    expect(seed.some((a) => a.id === 'si-shang-qi-ye' && normalizeForm(a.text, buildCharTable()) === '四上企业')).toBe(
      true,
    );
  });

  it(
    'matches each term as the normaliser sees it: the matched text normalises to a form of its entry',
    () => {
      const table = buildCharTable(traditionalPairs());
      const forms = new Map<string, Set<string>>();
      for (const e of jsonLines<{ id: string; term: string; variants: string[] }>(cli('export').stdout)) {
        forms.set(e.id, new Set([e.term, ...e.variants].map((f) => normalizeForm(f, table))));
      }
      for (const a of found)
        expect(forms.get(a.id)?.has(normalizeForm(a.text, table)), `${a.file}: ${a.text}`).toBe(true);
    },
    SLOW,
  );

  it('finds terms split by line breaks and zero-width characters in the national reports', () => {
    const split = found.filter((a) => /[\n\u200b]/.test(a.text));
    expect(split.length).toBeGreaterThan(0);
  });

  it(
    'coverage on the seed and a provincial report prints candidate rows',
    () => {
      const { status, stdout } = cli(
        'coverage',
        path.join(CORPUS, 'seed'),
        path.join(CORPUS, 'reports/provincial/2025年四川省政府工作报告.txt'),
      );
      expect(status).toBe(0);
      const rows = jsonLines<{ text: string; count: number; kind: string; files: number }>(stdout);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.count).toBeGreaterThan(0);
    },
    SLOW,
  );
});
