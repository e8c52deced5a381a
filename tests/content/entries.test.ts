/**
 * The content script's entry store (content/entries.ts): whole entries come
 * from the background on demand; each is asked for once, requests in flight
 * are shared, and a failed request can be retried.
 */
import { describe, expect, it } from 'vitest';
import { createEntryStore } from '../../content/entries';
import type { CompiledEntry } from '../../engine/entry';

function entry(id: string, related: string[] = []): CompiledEntry {
  return {
    id,
    term: id,
    variants: [],
    pinyin: '',
    english: { text: id, by: 'project' },
    definition: `${id} 的定义`,
    quoted: null,
    explanation: '',
    parts: [],
    scope: { level: 'national', region: '全国' },
    sources: [{ title: 't', issuer: 'i', date: '2025-01-01' }],
    related,
    topic: 'economy',
    status: 'current',
  };
}

/** A fake background over a few entries that records what it was asked, answering with related entries too. */
function background(entries: CompiledEntry[]) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const asked: string[][] = [];
  let failNext = false;
  return {
    asked,
    failOnce: () => {
      failNext = true;
    },
    fetch: async (ids: string[]) => {
      asked.push(ids);
      await Promise.resolve();
      if (failNext) {
        failNext = false;
        throw new Error('Extension context invalidated.');
      }
      const out = new Map<string, CompiledEntry>();
      for (const id of ids) {
        const e = byId.get(id);
        if (!e) continue;
        out.set(id, e);
        for (const r of e.related) if (byId.has(r)) out.set(r, byId.get(r) as CompiledEntry);
      }
      return [...out.values()];
    },
  };
}

describe('createEntryStore', () => {
  it('fetches what is missing, once, and keeps the related entries that came with it', async () => {
    const bg = background([entry('a', ['b']), entry('b'), entry('c')]);
    const store = createEntryStore(bg.fetch);
    expect(store.get('a')).toBeUndefined();
    await store.load(['a', 'a']);
    expect(store.get('a')?.definition).toBe('a 的定义');
    expect(store.get('b')?.id).toBe('b');
    await store.load(['a', 'b', 'c']);
    expect(bg.asked).toEqual([['a'], ['c']]);
  });

  it('shares a request in flight instead of asking twice', async () => {
    const bg = background([entry('a'), entry('b')]);
    const store = createEntryStore(bg.fetch);
    await Promise.all([store.load(['a']), store.load(['a', 'b']), store.load(['b'])]);
    expect(bg.asked).toEqual([['a'], ['b']]);
    expect(store.get('b')?.id).toBe('b');
  });

  it('rejects when the background cannot answer, and asks again next time', async () => {
    const bg = background([entry('a')]);
    const store = createEntryStore(bg.fetch);
    bg.failOnce();
    await expect(store.load(['a'])).rejects.toThrow(/invalidated/);
    expect(store.get('a')).toBeUndefined();
    await store.load(['a']);
    expect(store.get('a')?.id).toBe('a');
    expect(bg.asked).toEqual([['a'], ['a']]);
  });

  it('splits a request larger than a message may carry', async () => {
    const many = Array.from({ length: 4500 }, (_, i) => entry(`e${i}`));
    const bg = background(many);
    const store = createEntryStore(bg.fetch);
    await store.load(many.map((e) => e.id));
    expect(bg.asked.map((ids) => ids.length)).toEqual([2000, 2000, 500]);
    expect(store.get('e4499')?.id).toBe('e4499');
  });
});
