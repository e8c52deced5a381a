// @vitest-environment happy-dom
/**
 * The card's content, rendered without a browser: the page's own definitions
 * come first, then the glossary's meanings; a slogan nobody defines gets the
 * short "not in the glossary" card; related terms have a back step; the copy
 * texts carry what a citation needs. Placement, top layer and focus are
 * tested in real browsers (tests/e2e/*\/card.test.ts).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type CardHandlers, CardRoot, type CardView, type Props } from '@/components/CardRoot';
import { cardStrings } from '@/components/card-strings';
import { citationText, correctionText, suggestTermText } from '@/components/citation';
import type { CompiledEntry, PageDefinition } from '@/engine/entry';

const entry = (over: Partial<CompiledEntry> = {}): CompiledEntry => ({
  id: 'san-bao',
  term: '“三保”',
  variants: [],
  pinyin: 'sān bǎo',
  english: { text: 'the three guarantees', by: 'project' },
  definition: '保基本民生、保工资、保运转。',
  quoted: 0,
  explanation: 'Basic livelihoods, wages and operations.',
  parts: ['保基本民生', '保工资', '保运转'],
  scope: { level: 'national', region: '全国' },
  sources: [{ title: '2025年国务院政府工作报告', issuer: '国务院', date: '2025-03-05', quote: true }],
  related: ['liu-bao'],
  topic: 'economy',
  status: 'current',
  ...over,
});

const related = entry({ id: 'liu-bao', term: '“六保”', definition: '保居民就业……', related: [], quoted: null });

const handlers = (): CardHandlers => ({
  close: vi.fn(),
  togglePin: vi.fn(),
  back: vi.fn(),
  openRelated: vi.fn(),
  reveal: vi.fn(),
  copy: vi.fn(async () => true),
  openEntry: vi.fn(),
  findOnPage: vi.fn(() => true),
  anchorHidden: vi.fn(),
});

function mount(views: CardView[], on = handlers(), over: Partial<Props> = {}): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  act(() =>
    render(
      <CardRoot
        views={views}
        anchor={null}
        options={{ showPinyin: true, showEnglish: true, showParts: true, explanation: 'collapsed' }}
        theme="auto"
        strings={cardStrings('en-US')}
        pinned={false}
        focusOnOpen={false}
        announcement=""
        pageUrl="http://www.hunan.gov.cn/a.html"
        zoom={1}
        related={(id) => (id === 'liu-bao' ? related : undefined)}
        on={on}
        {...over}
      />,
      root,
    ),
  );
  return root;
}

afterEach(() => {
  document.body.textContent = '';
});

const pageDef: PageDefinition = {
  term: '三保',
  definition: '本文所称“三保”，指保基本民生、保工资、保运转。',
  kind: 'section',
  start: 10,
  end: 40,
};

describe('CardRoot', () => {
  test('closed: only the live region, no card', () => {
    const root = mount([]);
    expect(root.querySelector('.pg-card')).toBeNull();
    expect(root.querySelector('.pg-live[role=status]')).not.toBeNull();
  });

  test("the page's own definitions come first, with a button that reveals them; then the glossary", () => {
    const on = handlers();
    const root = mount([{ kind: 'match', text: '三保', pageDefinitions: [pageDef], entries: [entry()] }], on);
    const card = root.querySelector('.pg-card') as HTMLElement;
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.getAttribute('aria-label')).toContain('三保');
    const sections = [...card.querySelectorAll('.pg-section')].map((h) => h.textContent);
    expect(sections).toEqual(['Defined on this page', 'Glossary']);
    const order = [...card.querySelectorAll('.pg-page-def, .pg-entry')].map((e) => e.className);
    expect(order).toEqual(['pg-page-def', 'pg-entry']);
    expect(card.querySelector('.pg-page-def')?.textContent).toContain(pageDef.definition);
    act(() => (card.querySelector('.pg-reveal') as HTMLButtonElement).click());
    expect(on.reveal).toHaveBeenCalledWith(pageDef);
  });

  test('an entry: quoted definition, parts as a list, collapsed explanation, source, scope badge', () => {
    const root = mount([{ kind: 'match', text: '三保', pageDefinitions: [], entries: [entry()] }]);
    const card = root.querySelector('.pg-card') as HTMLElement;
    expect(card.querySelector('blockquote.pg-quote')?.textContent).toBe('“保基本民生、保工资、保运转。”');
    expect([...card.querySelectorAll('.pg-parts li')].map((li) => li.textContent)).toEqual([
      '保基本民生',
      '保工资',
      '保运转',
    ]);
    expect(card.querySelector('details.pg-explanation summary')).not.toBeNull();
    expect(card.querySelector('.pg-badge')?.textContent).toBe('全国');
    expect(card.querySelector('.pg-source')?.textContent).toBe('引自：2025年国务院政府工作报告，国务院，2025-03-05');
    expect(card.querySelector('.pg-meanings')).toBeNull();
  });

  test('several meanings are all shown, in the order given, with a note', () => {
    const root = mount([
      {
        kind: 'match',
        text: '三保',
        pageDefinitions: [],
        entries: [entry({ id: 'a', scope: { level: 'province', region: '湖南省' } }), entry({ id: 'b' })],
      },
    ]);
    expect([...root.querySelectorAll('.pg-entry .pg-badge')].map((b) => b.textContent)).toEqual(['湖南省', '全国']);
    expect(root.querySelector('.pg-meanings')?.textContent).toContain('2 meanings');
  });

  test('a slogan nobody defines: not in the glossary, find on the page, suggest a term', () => {
    const on = handlers();
    const root = mount([{ kind: 'match', text: '三个一律', pageDefinitions: [], entries: [] }], on);
    const card = root.querySelector('.pg-card') as HTMLElement;
    expect(card.querySelector('.pg-unknown .pg-term')?.textContent).toBe('三个一律');
    expect(card.textContent).toContain('Not in the glossary');
    act(() => (card.querySelector('.pg-find') as HTMLButtonElement).click());
    expect(on.findOnPage).toHaveBeenCalledWith('三个一律');
    expect(card.querySelector('.pg-status')?.textContent).toBe('Shown in the page.');
    act(() => (card.querySelector('.pg-suggest') as HTMLButtonElement).click());
    expect((card.querySelector('.pg-suggestion') as HTMLTextAreaElement).value).toBe(
      suggestTermText('三个一律', 'http://www.hunan.gov.cn/a.html'),
    );
  });

  test('related terms call back; a second view has a back button', () => {
    const on = handlers();
    const root = mount([{ kind: 'match', text: '三保', pageDefinitions: [], entries: [entry()] }], on);
    act(() => (root.querySelector('.pg-link') as HTMLButtonElement).click());
    expect(on.openRelated).toHaveBeenCalledWith(related);
    expect(root.querySelector('.pg-back')).toBeNull();
    const two = mount(
      [
        { kind: 'match', text: '三保', pageDefinitions: [], entries: [entry()] },
        { kind: 'entry', entry: related },
      ],
      on,
    );
    expect(two.querySelector('.pg-term')?.textContent).toBe('“六保”');
    act(() => (two.querySelector('.pg-back') as HTMLButtonElement).click());
    expect(on.back).toHaveBeenCalled();
  });

  test('copy citation copies the citation text and says so', async () => {
    const on = handlers();
    const root = mount([{ kind: 'match', text: '三保', pageDefinitions: [], entries: [entry()] }], on);
    await act(async () => (root.querySelector('.pg-copy') as HTMLButtonElement).click());
    expect(on.copy).toHaveBeenCalledWith(citationText(entry()));
    expect(root.querySelector('.pg-actions .pg-status')?.textContent).toBe('Copied.');
  });

  test('settings hide pinyin, English and parts', () => {
    const root = mount([{ kind: 'match', text: '三保', pageDefinitions: [], entries: [entry()] }], handlers(), {
      options: { showPinyin: false, showEnglish: false, showParts: false, explanation: 'hidden' },
    });
    expect(root.querySelector('.pg-pinyin, .pg-english, .pg-parts, .pg-explanation')).toBeNull();
  });
});

describe('copy texts', () => {
  test('a citation: term with pinyin and English, the definition, then each source', () => {
    expect(citationText(entry()).split('\n')).toEqual([
      '“三保”（sān bǎo; the three guarantees）',
      '保基本民生、保工资、保运转。',
      '引自：2025年国务院政府工作报告，国务院，2025-03-05',
    ]);
  });

  test('a correction names the entry and the page, and leaves room to fill in', () => {
    const text = correctionText(entry(), 'http://www.hunan.gov.cn/a.html');
    expect(text).toContain('san-bao');
    expect(text).toContain('http://www.hunan.gov.cn/a.html');
    expect(text).toContain('Suggested text: ');
  });
});
