/**
 * Ranking meanings by the reader's region (engine/rank.ts), on whole entries
 * and on the heads the content script ships: both must give the same order,
 * since the content script ranks heads and then fetches the entries.
 */
import { describe, expect, it } from 'vitest';
import { type CompiledGlossary, headOf, matchingPart } from '../../engine/entry';
import { createLookup } from '../../engine/lookup';
import { rankEntries, regionForHost } from '../../engine/rank';
import { compileGlossary } from '../../scripts/glossary/compile';
import { loadGlossary } from '../../scripts/glossary/load';

/** The shipped glossary, compiled. */
function compiled(): CompiledGlossary {
  const loaded = loadGlossary();
  return compileGlossary(
    loaded.entries.map((e) => e.entry),
    loaded.regions,
  );
}

const lookup = createLookup(compiled());
const { regions } = lookup.glossary;

describe('rankEntries', () => {
  it('puts the page’s own region first, then national, then elsewhere', () => {
    const form = lookup.glossary.forms.indexOf('两新');
    const national = rankEntries(lookup.entriesOf(form), regionForHost('www.gov.cn', regions), regions);
    const sichuan = rankEntries(lookup.entriesOf(form), regionForHost('www.sc.gov.cn', regions), regions);
    expect(national.map((e) => e.id)).toEqual(['liang-xin', 'liang-xin-2020', 'liang-xin-sichuan']);
    // In 四川 its own meaning first; the retired national one after the current.
    expect(sichuan.map((e) => e.id)).toEqual(['liang-xin-sichuan', 'liang-xin', 'liang-xin-2020']);
  });

  it('orders heads exactly as it orders the entries they come from, for every shared form and region', () => {
    const matching = matchingPart(compiled());
    expect(matching.heads).toEqual(lookup.entries.map(headOf));
    let compared = 0;
    for (const row of [null, ...regions]) {
      lookup.glossary.formEntries.forEach((_, form) => {
        const entries = lookup.entriesOf(form);
        if (entries.length < 2) return;
        const byEntries = rankEntries(entries, row, regions).map((e) => e.id);
        const byHeads = rankEntries(lookup.headsOf(form), row, regions).map((h) => h.id);
        expect(byHeads).toEqual(byEntries);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('the matching part the content script ships', () => {
  it('carries no entry text, and a fraction of the whole', () => {
    const whole = compiled();
    const text = JSON.stringify(matchingPart(whole));
    expect(text.length).toBeLessThan(JSON.stringify(whole).length / 4);
    for (const e of whole.entries) {
      expect(text.includes(e.definition)).toBe(false);
      expect(text.includes(e.explanation)).toBe(false);
    }
  });
});
