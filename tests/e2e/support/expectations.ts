/** Checks the marks a page shows against the page's own data-expect attributes. */
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
    for (const term of want.split('|')) {
      expect(inside, `#${id} must mark ${term}`).toContain(stripQuotes(term));
    }
  }
}
