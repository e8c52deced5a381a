// @vitest-environment happy-dom
/**
 * The "On this page" rows, rendered without a browser: bundled entries and
 * terms only the page defines, each with its count; the page-defined ones and
 * the bundled ones the page also defines carry the "defined on this page"
 * badge; choosing a row asks to reveal the right kind of term; and the
 * `page-terms` reply is validated on arrival. Counts, scrolling and the
 * export against a real page: tests/e2e/{chromium,firefox}/popup.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parse } from 'yaml';
import { MESSAGES, type PageTermRow, ROW_DEFINITION_MAX, ROW_TERM_MAX } from '@/common/messages';
import { OnThisPage, rowTarget, sortRows } from '@/components/OnThisPage';
import type { CompiledEntry } from '@/engine/entry';

const entry = (id: string, term: string): CompiledEntry => ({
  id,
  term,
  variants: [],
  pinyin: '',
  english: { text: `${id} in English`, by: 'project' },
  definition: '',
  quoted: null,
  explanation: '',
  parts: [],
  scope: { level: 'province', region: '湖南省' },
  sources: [],
  related: [],
  topic: 'economy',
  status: 'current',
});

const ENTRIES = new Map([
  ['san-gao-si-xin', entry('san-gao-si-xin', '“三高四新”')],
  ['si-shang-qi-ye', entry('si-shang-qi-ye', '“四上”企业')],
]);

const ROWS: PageTermRow[] = [
  { kind: 'entry', id: 'san-gao-si-xin', count: 3, first: 0, defined: true },
  { kind: 'page', term: '原保险保费收入', definition: '是指保险企业确认的原保险合同保费收入。', count: 2, first: 4 },
  { kind: 'entry', id: 'si-shang-qi-ye', count: 2, first: 1, defined: false },
  // An entry the glossary no longer has (an older content script): left out.
  { kind: 'entry', id: 'gone', count: 9, first: 2, defined: false },
];

// The fake browser has no message catalogue: serve the English one, $1… filled in as the browser would.
beforeAll(() => {
  const en = parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../locales/en.yml'), 'utf8')) as Record<
    string,
    string
  >;
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: string | Array<string | number>) =>
    (en[key] ?? '').replace(/\$(\d)/g, (_m, n: string) => String([subs ?? []].flat()[Number(n) - 1] ?? '')),
  );
});

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

function show(onReveal = vi.fn()) {
  root = document.createElement('div');
  document.body.append(root);
  act(() => {
    render(
      <OnThisPage
        state={{ status: 'ready', terms: ROWS }}
        paused={false}
        entries={ENTRIES}
        tabId={null}
        sort="page"
        onSort={() => {}}
        revealed={null}
        onReveal={onReveal}
      />,
      root as HTMLElement,
    );
  });
  const rows = [...(root as HTMLElement).querySelectorAll<HTMLElement>('.pg-page-row')];
  return { rows, onReveal };
}

describe('OnThisPage', () => {
  test('lists bundled and page-defined terms in page order, badging what the page defines', () => {
    const { rows } = show();
    expect(rows.map((r) => r.dataset.entryId ?? `page:${r.dataset.pageTerm}`)).toEqual([
      'san-gao-si-xin',
      'si-shang-qi-ye',
      'page:原保险保费收入',
    ]);
    const badged = rows.map((r) => r.querySelector('.pg-badge-defined') !== null);
    expect(badged).toEqual([true, false, true]);
    const page = rows[2] as HTMLElement;
    expect(page.querySelector('.pg-result-term')?.textContent).toBe('原保险保费收入');
    expect(page.querySelector('.pg-page-definition')?.textContent).toBe('是指保险企业确认的原保险合同保费收入。');
    expect(page.querySelector('.pg-count')?.textContent).toBe('2×');
    expect(page.querySelector('.pg-badge-defined')?.textContent).toBe('Defined on this page');
    // The bundled row keeps its scope and English.
    expect(rows[0]?.querySelector('.pg-badge-province')?.textContent).toBe('湖南省');
    expect(rows[0]?.querySelector('.pg-result-english')?.textContent).toBe('san-gao-si-xin in English');
  });

  test('a click reveals the row’s term: an entry by id, a page-defined term by its text', () => {
    const { rows, onReveal } = show();
    act(() => rows[2]?.click());
    act(() => rows[0]?.click());
    expect(onReveal.mock.calls).toEqual([
      ['page', '原保险保费收入'],
      ['entry', 'san-gao-si-xin'],
    ]);
  });

  test('sorts page-defined rows with the others', () => {
    expect(sortRows(ROWS, 'count').map((r) => rowTarget(r).id)).toEqual([
      'gone',
      'san-gao-si-xin',
      'si-shang-qi-ye',
      '原保险保费收入',
    ]);
  });
});

describe('the page-terms reply', () => {
  const reply = MESSAGES['page-terms'].response;
  test('takes both kinds of row', () => {
    expect(v.safeParse(reply, { terms: ROWS }).success).toBe(true);
  });
  test('refuses rows without a kind, with a wrong kind, or with page text past the limits', () => {
    const bad: unknown[] = [
      { id: 'san-gao-si-xin', count: 1, first: 0 },
      { kind: 'other', id: 'x', count: 1, first: 0, defined: false },
      { kind: 'page', term: '', definition: '', count: 1, first: 0 },
      { kind: 'page', term: '长'.repeat(ROW_TERM_MAX + 1), definition: '', count: 1, first: 0 },
      { kind: 'page', term: '术语', definition: '长'.repeat(ROW_DEFINITION_MAX + 1), count: 1, first: 0 },
      { kind: 'entry', id: 'x', count: -1, first: 0, defined: false },
      { kind: 'entry', id: 'x', count: 1, first: 0 },
    ];
    for (const row of bad) expect(v.safeParse(reply, { terms: [row] }).success, JSON.stringify(row)).toBe(false);
  });
  test('reveal-term defaults to an entry id', () => {
    expect(v.parse(MESSAGES['reveal-term'].request, { id: 'x', occurrence: 0 })).toEqual({
      kind: 'entry',
      id: 'x',
      occurrence: 0,
    });
  });
});
