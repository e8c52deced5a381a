/** Checks the marks a page shows against the page's own data-expect attributes (terms that must lie inside a mark, or "none"). */
import { expect } from 'vitest';
import { type TestFrame, waitFor } from './driver';
import { type MarkInfo, readExpectations, readMarks, stripQuotes } from './page-probes';

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
        `#${id} must mark ${term}; marked: ${inside.join(', ')} (the page has ${marks.length} marks)`,
      ).toBe(true);
    }
  }
}

/**
 * The page's marks once every expected term has one: the scanner marks a
 * long page as it goes, so the first marks need not be all of them. After
 * the timeout it returns what there is, and checkExpectations says what is
 * missing. "none" expectations are for checkExpectations to judge.
 */
export async function marksFor(
  frame: TestFrame,
  expectations: Array<{ id: string; expect: string }>,
): Promise<MarkInfo[]> {
  const wanted = expectations.filter((e) => e.expect !== 'none');
  const has = (marks: MarkInfo[], id: string, term: string) =>
    marks.some((m) => m.at === id && stripQuotes(m.text).includes(stripQuotes(term)));
  try {
    return await waitFor(async () => {
      const marks = await frame.evaluate(readMarks);
      return wanted.every((e) => e.expect.split('|').every((t) => has(marks, e.id, t))) ? marks : null;
    }, 'a mark for every expected term');
  } catch {
    return frame.evaluate(readMarks);
  }
}

/** Checks a frame's marks against its data-expect attributes once every expected mark is there (or the wait gave up). */
export async function expectMarks(frame: TestFrame): Promise<MarkInfo[]> {
  const expectations = await frame.evaluate(readExpectations);
  const marks = await marksFor(frame, expectations);
  checkExpectations(marks, expectations);
  return marks;
}
