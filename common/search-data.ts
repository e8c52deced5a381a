/** The popup's prebuilt search index, bundled as a string and parsed once. */
import raw from '@/.generated/search-index.json?raw';
import { createSearcher, type SearchDoc } from '@/engine/search';

let cached: ReturnType<typeof createSearcher> | undefined;

export function loadSearcher(): ReturnType<typeof createSearcher> {
  if (!cached) {
    const { docs, index } = JSON.parse(raw) as { docs: SearchDoc[]; index: unknown };
    cached = createSearcher(docs, index);
  }
  return cached;
}
