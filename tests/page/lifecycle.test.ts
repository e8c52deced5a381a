// @vitest-environment happy-dom
/**
 * What happens when an instance of the content script stops (the extension
 * was updated or reloaded under the page, and a newer instance took over):
 * its late work must not mark anything or take the highlight names back.
 * happy-dom has no CSS Highlight API: stand-ins (highlight-stub.ts) take the
 * registry's and `Highlight`'s place (the real ones are exercised in tests/e2e).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIGHLIGHT_PREFIX, Marks } from '../../page/highlight';
import { type Layer, PageScanner } from '../../page/scanner';
import { stubHighlights } from './highlight-stub';

let registry: Map<string, Set<AbstractRange>>;

beforeEach(() => {
  registry = stubHighlights();
  document.body.replaceChildren();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function range(): Range {
  const r = document.createRange();
  r.selectNodeContents(document.body);
  return r;
}

describe('Marks of a stopped instance', () => {
  it('leave a newer instance’s highlight registered, and register nothing afterwards', () => {
    const older = new Marks('underline');
    older.add('term', range());
    const newer = new Marks('underline');
    newer.add('term', range());
    newer.add('term', range());
    const theirs = registry.get(HIGHLIGHT_PREFIX);
    older.clear();
    expect(registry.get(HIGHLIGHT_PREFIX)).toBe(theirs);
    // Late work of the older instance (a re-scan that was already on its way).
    older.add('term', range());
    older.add('unknown', range());
    older.setStyle('tint');
    expect(registry.get(HIGHLIGHT_PREFIX)).toBe(theirs);
    expect([...registry.keys()]).toEqual([HIGHLIGHT_PREFIX]);
    expect(theirs?.size).toBe(2);
  });

  it('unregister their own highlights when no newer instance took the names', () => {
    const marks = new Marks('underline');
    marks.add('term', range());
    marks.add('unknown', range());
    expect(registry.size).toBe(2);
    marks.clear();
    expect(registry.size).toBe(0);
  });
});

describe('A stopped scanner', () => {
  const layer: Layer = {
    kind: 'term',
    find: (text) => [...text.matchAll(/三高四新/g)].map((m) => ({ start: m.index, end: m.index + 4, key: '0' })),
  };

  it('finds nothing when a re-scan or a scan is asked for after stop()', async () => {
    document.body.innerHTML = '<p id="a">锚定“三高四新”美好蓝图</p><p id="b">实施“三高四新”战略</p>';
    const scanner = new PageScanner(document, [layer], new Marks('underline'));
    await scanner.scan();
    expect(scanner.allMatches().map((m) => m.run.box.id)).toEqual(['a', 'b']);
    scanner.stop();
    await scanner.rescan([document.getElementById('a') as Element]);
    await scanner.scan();
    expect(await scanner.readText()).toBeNull();
    expect(scanner.allMatches()).toEqual([]);
  });
});
