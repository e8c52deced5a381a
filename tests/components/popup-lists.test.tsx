// @vitest-environment happy-dom
// The popup's list helpers: emphasis of matched characters, and the page list's two orders.
import { render } from 'preact';
import { describe, expect, test } from 'vitest';
import { sortRows } from '@/components/OnThisPage';
import { Emphasised } from '@/components/SearchResults';

describe('Emphasised', () => {
  const html = (text: string, ranges: Array<[number, number]>) => {
    const root = document.createElement('div');
    render(<Emphasised text={text} ranges={ranges} />, root);
    return root.innerHTML;
  };
  test('wraps each range in <mark>, as text (no markup from the glossary is interpreted)', () => {
    expect(html('“三高四新”', [[1, 3]])).toBe('“<mark>三高</mark>四新”');
    expect(html('a<b>c', [[1, 4]])).toBe('a<mark>&lt;b&gt;</mark>c');
  });
  test('ignores overlapping or empty ranges instead of garbling the term', () => {
    expect(
      html('两个确立', [
        [0, 2],
        [1, 3],
        [3, 3],
      ]),
    ).toBe('<mark>两个</mark>确立');
    expect(html('放管服', [])).toBe('放管服');
  });
});

describe('sortRows', () => {
  const rows = [
    { id: 'a', count: 1, first: 0 },
    { id: 'b', count: 3, first: 1 },
    { id: 'c', count: 3, first: 2 },
    { id: 'd', count: 2, first: 3 },
  ];
  test('page order is first occurrence', () => {
    expect(sortRows([...rows].reverse(), 'page').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });
  test('by count, ties in page order', () => {
    expect(sortRows(rows, 'count').map((r) => r.id)).toEqual(['b', 'c', 'd', 'a']);
  });
});
