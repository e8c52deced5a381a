import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledGlossary } from '../../engine/entry';
import { createLookup, type GlossaryWithMatcher, type Lookup } from '../../engine/lookup';
import { Matcher } from '../../engine/matcher';
import { buildCharTable, normalizeForm } from '../../engine/normalize';
import { compileGlossary } from '../../scripts/glossary/compile';
import { loadGlossary } from '../../scripts/glossary/load';

const VALID = path.resolve(import.meta.dirname, '../fixtures/glossary/valid');

/** The ids of the entries behind each match, with the text matched. */
function idsIn(lookup: Lookup, text: string): Array<[string, string[]]> {
  return lookup.matcher
    .findAll(text)
    .map((m) => [text.slice(m.start, m.end), lookup.entriesOf(m.pattern).map((e) => e.id)]);
}

function compiled(dir?: string): CompiledGlossary {
  const loaded = loadGlossary(dir);
  return compileGlossary(
    loaded.entries.map((e) => e.entry),
    loaded.regions,
  );
}

describe('createLookup over the fixture glossary', () => {
  let glossary: CompiledGlossary;
  let lookup: Lookup;
  beforeAll(() => {
    glossary = compiled(VALID);
    // As the extension loads it: through JSON.
    lookup = createLookup(JSON.parse(JSON.stringify(glossary)) as CompiledGlossary);
  });

  it('finds terms and variants, with or without their quotes, and maps them to entries', () => {
    expect(idsIn(lookup, '实施“三高四新”战略，做好“六稳”“六保”工作，统计四上企业')).toEqual([
      ['三高四新', ['san-gao-si-xin']],
      ['六稳”“六保', ['liu-wen-liu-bao']],
      ['四上企业', ['si-shang-qi-ye']],
    ]);
  });

  it('finds short variants when the full term is absent', () => {
    expect(idsIn(lookup, '新增“四上”单位')).toEqual([['四上', ['si-shang-qi-ye']]]);
  });

  it('finds traditional forms through the normaliser’s table', () => {
    expect(idsIn(lookup, '實施三高四新戰略，四上企業')).toEqual([
      ['三高四新', ['san-gao-si-xin']],
      ['四上企業', ['si-shang-qi-ye']],
    ]);
  });

  it('indexes entries by id, and its forms are the normalised surface forms', () => {
    expect(lookup.byId.get('si-shang-qi-ye')?.term).toBe('“四上”企业');
    for (const form of glossary.forms) expect(normalizeForm(form, lookup.table)).toBe(form);
    expect(glossary.forms).toContain('四上企业');
    expect(lookup.matcher.size).toBe(glossary.forms.length);
  });
});

describe('createLookup with a matcher built ahead of time', () => {
  it('loads the prebuilt matcher, finds the same, and builds the table only when asked', () => {
    const glossary = compiled(VALID);
    const table = buildCharTable(glossary.tradPairs);
    const data = new Matcher(glossary.forms, table).toData();
    const text = '實施“三高四新”战略，新增“四上”企业，六稳 六保';
    const plain = createLookup(glossary);
    const prebuilt = createLookup(JSON.parse(JSON.stringify({ ...glossary, matcher: data })) as GlossaryWithMatcher);
    expect(idsIn(prebuilt, text)).toEqual(idsIn(plain, text));
    expect(idsIn(prebuilt, text).length).toBe(3);
    expect(normalizeForm('“四上”企業', prebuilt.table)).toBe('四上企业');
  });

  it('ignores prebuilt data that does not fit the glossary’s forms', () => {
    const glossary = compiled(VALID);
    const other = new Matcher(['四上'], buildCharTable(glossary.tradPairs)).toData();
    const lookup = createLookup({ ...glossary, matcher: other });
    expect(lookup.matcher.size).toBe(glossary.forms.length);
    expect(idsIn(lookup, '三高四新').length).toBe(1);
  });
});

describe('createLookup over two meanings of one form', () => {
  it('returns every entry that claims the form', () => {
    const base = compiled(VALID);
    const other = { ...(base.entries.find((e) => e.id === 'si-shang-qi-ye') as CompiledGlossary['entries'][number]) };
    const glossary: CompiledGlossary = {
      ...base,
      entries: [...base.entries, { ...other, id: 'si-shang-2', years: '2020' }],
      forms: [...base.forms],
      formEntries: base.forms.map((_, i) => [...(base.formEntries[i] ?? [])]),
    };
    const form = base.forms.indexOf('四上');
    glossary.formEntries[form]?.push(glossary.entries.length - 1);
    const lookup = createLookup(glossary);
    expect(idsIn(lookup, '“四上”')).toEqual([['四上', ['si-shang-qi-ye', 'si-shang-2']]]);
  });
});

describe('createLookup over the shipped glossary', () => {
  it('finds the seed document’s terms 三高四新 and 四上企业', () => {
    const lookup = createLookup(compiled());
    const found = idsIn(lookup, '大力实施“三高四新”战略，新增“四上”企业30家。');
    expect(found.map(([text]) => text)).toEqual(expect.arrayContaining(['三高四新', '四上”企业']));
  });
});
