/**
 * happy-dom has no CSS Highlight API: a Map and a Set stand in for the
 * registry and `Highlight` (the real ones are exercised in tests/e2e).
 * Returns the stand-in registry; the caller unstubs in afterEach
 * (vi.unstubAllGlobals).
 */
import { vi } from 'vitest';

export function stubHighlights(): Map<string, Set<AbstractRange>> {
  const registry = new Map<string, Set<AbstractRange>>();
  vi.stubGlobal('CSS', { highlights: registry });
  vi.stubGlobal(
    'Highlight',
    class extends Set<AbstractRange> {
      priority = 0;
    },
  );
  return registry;
}
