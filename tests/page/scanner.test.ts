// @vitest-environment happy-dom
/**
 * The scanner's bookkeeping of matches, without layout: which spans each run
 * keeps when layers overlap, the document order of `allMatches()`, and that a
 * match is one object however it is reached (the list, the caret), since the
 * card and the keyboard compare matches by identity. Runs store their matches
 * packed (scanner.ts, LazyRun); these tests fail if unpacking gives the wrong
 * kind, key or offsets, or a fresh object each time. Marking near the
 * viewport needs layout: tests/e2e.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Marks } from '../../page/highlight';
import { type Layer, type PageMatch, PageScanner } from '../../page/scanner';
import { stubHighlights } from './highlight-stub';

beforeEach(() => {
  stubHighlights();
  document.body.replaceChildren();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A layer that finds fixed words, keyed by the word (regex alternation: leftmost, longest listed first). */
function words(kind: Layer['kind'], list: string[]): Layer {
  const re = new RegExp(list.join('|'), 'g');
  return {
    kind,
    find: (text, taken) =>
      [...text.matchAll(re)]
        .map((m) => ({ start: m.index, end: m.index + m[0].length, key: `${kind}:${m[0]}` }))
        .filter((s) => kind === 'term' || !taken(s.start, s.end)),
  };
}

const view = (m: PageMatch) => ({
  at: m.run.box.id,
  kind: m.kind,
  key: m.key,
  text: m.run.run.text.slice(m.start, m.end),
});

describe('PageScanner matches', () => {
  const layers = [words('term', ['三高四新', '四上企业']), words('unknown', ['“[^”]{2,8}”'])];

  it('keeps, for each run, the earlier layer’s spans and the later layer’s that do not overlap them, in text order', async () => {
    document.body.innerHTML =
      '<p id="a">推进“强省会”战略，实施“三高四新”战略，培育<b>四上</b>企业</p><p id="b">无</p><p id="c">“三高四新”与“五新四城”</p>';
    const scanner = new PageScanner(document, layers, new Marks('underline'));
    await scanner.scan();
    expect(scanner.allMatches().map(view)).toEqual([
      { at: 'a', kind: 'unknown', key: 'unknown:“强省会”', text: '“强省会”' },
      { at: 'a', kind: 'term', key: 'term:三高四新', text: '三高四新' },
      { at: 'a', kind: 'term', key: 'term:四上企业', text: '四上企业' },
      { at: 'c', kind: 'term', key: 'term:三高四新', text: '三高四新' },
      { at: 'c', kind: 'unknown', key: 'unknown:“五新四城”', text: '“五新四城”' },
    ]);
    // Not marked (no layout here): no range is held, and one made on demand covers the term.
    for (const m of scanner.allMatches()) {
      expect(m.range).toBeNull();
      expect(scanner.rangeOf(m).toString()).toBe(view(m).text);
    }
  });

  it('gives the same object for a match from the list and from any caret inside it', async () => {
    document.body.innerHTML = '<p id="a">实施“三高四新”战略，培育<b>四上</b>企业</p>';
    const scanner = new PageScanner(document, layers, new Marks('underline'));
    await scanner.scan();
    const list = scanner.allMatches();
    expect(scanner.allMatches()).toEqual(list);
    scanner.allMatches().forEach((m, i) => {
      expect(m).toBe(list[i]);
    });
    const p = document.getElementById('a') as HTMLElement;
    const head = p.firstChild as Text; // 实施“三高四新”战略，培育
    const bold = p.querySelector('b')?.firstChild as Text; // 四上
    const tail = p.lastChild as Text; // 企业
    const [term, firms] = list as [PageMatch, PageMatch];
    for (let offset = 3; offset <= 7; offset++) expect(scanner.matchAtCaret(head, offset)).toBe(term);
    expect(scanner.matchAtCaret(head, 1)).toBeNull();
    expect(scanner.matchAtCaret(head, 9)).toBeNull();
    expect(scanner.matchAtCaret(bold, 0)).toBe(firms);
    expect(scanner.matchAtCaret(tail, 2)).toBe(firms);
  });

  it('replaces a re-scanned block’s matches and keeps the others’ objects', async () => {
    document.body.innerHTML = '<p id="a">实施“三高四新”战略</p><p id="b">培育四上企业</p>';
    const scanner = new PageScanner(document, layers, new Marks('underline'));
    await scanner.scan();
    const [a, b] = scanner.allMatches() as [PageMatch, PageMatch];
    const p = document.getElementById('a') as HTMLElement;
    p.textContent = '四上企业和“五新四城”';
    await scanner.rescan([p]);
    const after = scanner.allMatches();
    expect(after.map(view)).toEqual([
      { at: 'a', kind: 'term', key: 'term:四上企业', text: '四上企业' },
      { at: 'a', kind: 'unknown', key: 'unknown:“五新四城”', text: '“五新四城”' },
      { at: 'b', kind: 'term', key: 'term:四上企业', text: '四上企业' },
    ]);
    expect(a.run.live).toBe(false);
    expect(after[2]).toBe(b);
    expect(b.run.live).toBe(true);
  });
});
