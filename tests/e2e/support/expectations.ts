/** Checks the marks a page shows against the page's own data-expect attributes (terms that must lie inside a mark, or "none"). */
import { expect } from 'vitest';
import { type MarkInfo, stripQuotes } from './page-probes';

export function checkExpectations(marks: MarkInfo[], expectations: Array<{ id: string; expect: string }>): void {
  expect(expectations.length).toBeGreaterThan(0);
  for (const { id, expect: want } of expectations) {
    const inside = marks.filter((m) => m.at === id).map((m) => stripQuotes(m.text));
    if (want === 'none') {
      expect(inside, `nothing may be marked in #${id}`).toEqual([]);
      continue;
    }
    // Each expected term must lie inside some mark (the glossary may mark a longer form: “5+2”现代化产业新体系).
    for (const term of want.split('|')) {
      expect(
        inside.some((t) => t.includes(stripQuotes(term))),
        `#${id} must mark ${term}; marked: ${inside.join(', ')}`,
      ).toBe(true);
    }
  }
}
