// @vitest-environment happy-dom
/**
 * The page's own glossary as the scanner marks it: the forms of page-defined
 * terms, how they give way to bundled terms, and the unknown-jargon filter.
 * The last tests read the seed's report page (tests/fixtures/pages/
 * report-jingzhou.html, excerpts of the seed) with the bundled glossary: all
 * ten 名词解释 terms are found in the body and lead to their definitions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDefinitions } from '../../engine/definitions';
import type { CompiledGlossary, PageDefinition } from '../../engine/entry';
import { glossaryMarkdown, pageGlossaryMarkdown } from '../../engine/export-markdown';
import { createLookup, type Lookup } from '../../engine/lookup';
import { buildCharTable, normalizeForm } from '../../engine/normalize';
import { buildPageGlossary, termForms } from '../../engine/page-glossary';
import { extractText } from '../../page/collect';
import { compileGlossary } from '../../scripts/glossary/compile';
import { DATA_DIR, loadGlossary } from '../../scripts/glossary/load';
import { makeEntry } from '../fixtures/search-entries';

/** A small bundled glossary: each term claims its own form and its variants. */
function tinyLookup(specs: Array<{ id: string; term: string; variants?: string[] }>): Lookup {
  const table = buildCharTable('');
  const entries = specs.map((s) =>
    makeEntry({
      id: s.id,
      term: s.term,
      variants: s.variants,
      pinyin: '',
      english: s.id,
      definition: `${s.term}的释义。`,
    }),
  );
  const forms: string[] = [];
  const formEntries: number[][] = [];
  entries.forEach((e, i) => {
    for (const f of [e.term, ...e.variants]) {
      forms.push(normalizeForm(f, table));
      formEntries.push([i]);
    }
  });
  const glossary: CompiledGlossary = { format: 1, entries, forms, formEntries, tradPairs: '', regions: [] };
  return createLookup(glossary);
}

const def = (term: string, definition = '释义。', start = 0): PageDefinition => ({
  term,
  definition,
  kind: 'section',
  start,
  end: start + term.length + definition.length,
});

const spanTexts = (text: string, spans: Array<{ start: number; end: number }>) =>
  spans.map((s) => text.slice(s.start, s.end));

describe('termForms', () => {
  it('gives the full term, its quoted cores, the form without a parenthesis, and short listed parts', () => {
    expect(termForms('专精特新“小巨人”企业')).toEqual([
      { form: '专精特新“小巨人”企业', quotedOnly: false },
      { form: '小巨人', quotedOnly: true },
    ]);
    expect(termForms('“天府峨眉计划”')).toEqual([{ form: '“天府峨眉计划”', quotedOnly: false }]);
    // Two characters quoted: only where the text quotes them too.
    expect(termForms('“两新”')).toEqual([{ form: '“两新”', quotedOnly: true }]);
    expect(termForms('固定资产投资（不含农户）').map((f) => f.form)).toEqual([
      '固定资产投资（不含农户）',
      '固定资产投资',
    ]);
    expect(termForms('一单制、一箱制').map((f) => f.form)).toEqual(['一单制、一箱制', '一单制', '一箱制']);
    expect(termForms('“一单制”“一箱制”').map((f) => f.form)).toEqual(['“一单制”“一箱制”', '一单制', '一箱制']);
  });
});

describe('buildPageGlossary', () => {
  const lookup = tinyLookup([
    { id: 'zjtx', term: '专精特新' },
    { id: 'sgsx', term: '“三高四新”' },
  ]);

  it('marks page-defined terms where they occur, keyed by their normalised form', () => {
    const g = buildPageGlossary([def('“五区”建设目标'), def('“5+2”现代化产业新体系')], lookup);
    const text = '奋力实现“五区”建设目标，培育壮大“5+2”现代化产业新体系建设。';
    const spans = g.findTerms(text);
    expect(spanTexts(text, spans)).toEqual(['五区”建设目标', '5+2”现代化产业新体系']);
    expect(spans.map((s) => g.definitionsFor(s.key)[0]?.term)).toEqual(['“五区”建设目标', '“5+2”现代化产业新体系']);
  });

  it('matches a short quoted term only where the text quotes it', () => {
    const g = buildPageGlossary([def('“两新”', '是指大规模设备更新和消费品以旧换新。')], lookup);
    expect(spanTexts('加力推进“两新”工作。', g.findTerms('加力推进“两新”工作。'))).toEqual(['两新']);
    expect(g.findTerms('实施两新一重建设。')).toEqual([]);
  });

  it("gives way to a bundled term, and marks the page's quoted core beside it", () => {
    const g = buildPageGlossary([def('专精特新“小巨人”企业'), def('“三高四新”')], lookup);
    const text = '4家企业获批省级专精特新“小巨人”企业，锚定“三高四新”美好蓝图。';
    // 专精特新 is bundled (the scanner's first layer marks it); the page marks “小巨人” beside it.
    expect(spanTexts(text, g.findTerms(text))).toEqual(['小巨人']);
    // 三高四新 is bundled and page-defined: the bundled mark stands, and its card finds the page's definition.
    expect(g.definitionsFor('三高四新').map((d) => d.term)).toEqual(['“三高四新”']);
    expect(g.definitionsFor('专精特新小巨人企业').map((d) => d.term)).toEqual(['专精特新“小巨人”企业']);
  });

  it('flags numbered slogans that neither glossary defines, and nothing else', () => {
    const g = buildPageGlossary([def('“六个不得”', '即除法律法规和国家另有规定外，不得…。')], lookup);
    const text =
      '深入推进“三个十大”行动，锚定“三高四新”，严格执行“六个不得”，打造“头号工程”，创建“第三批全国乡村治理示范村”。';
    expect(g.findUnknown(text).map((s) => s.key)).toEqual(['三个十大']);
    expect(g.isUnknown('三高四新')).toBe(false);
    expect(g.isUnknown('六个不得')).toBe(false);
  });

  it('has a signature that changes with the forms only', () => {
    const a = buildPageGlossary([def('“两新”', '甲。', 0)], lookup);
    const b = buildPageGlossary([def('“两新”', '乙。', 40)], lookup);
    const c = buildPageGlossary([def('“两重”', '甲。', 0)], lookup);
    expect(a.signature).toBe(b.signature);
    expect(a.signature).not.toBe(c.signature);
    expect(buildPageGlossary([], lookup).findTerms('任何文字')).toEqual([]);
  });
});

describe("the seed's report page with the bundled glossary", () => {
  const html = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/pages/report-jingzhou.html'), 'utf8');
  document.write(html);
  const { text, runs } = extractText(document.body);
  const loaded = loadGlossary(DATA_DIR);
  const lookup = createLookup(
    compileGlossary(
      loaded.entries.map((e) => e.entry),
      loaded.regions,
    ),
  );
  const definitions = extractDefinitions(text);
  const g = buildPageGlossary(definitions, lookup);
  const body = runs.filter((r) => !r.run.container.closest('#glossary'));

  it('reads the ten 名词解释 entries from the page', () => {
    expect(definitions.filter((d) => d.kind === 'section').map((d) => d.term)).toHaveLength(10);
  });

  it('finds each of the ten terms in the body, as a bundled or a page mark that leads to its definition', () => {
    const sections = definitions.filter((d) => d.kind === 'section');
    for (const d of sections) {
      const hits: string[] = [];
      for (const { run } of body) {
        const spans = [
          ...g.findTerms(run.text).map((s) => ({ ...s, form: s.key })),
          ...lookup.matcher.findAll(run.text).map((m) => ({ ...m, form: lookup.glossary.forms[m.pattern] as string })),
        ];
        for (const s of spans) if (g.definitionsFor(s.form).includes(d)) hits.push(run.text.slice(s.start, s.end));
      }
      expect(hits.length, `${d.term} in the body`).toBeGreaterThan(0);
    }
  });

  it("exports the page glossary as Markdown, the page's own definitions first", () => {
    const entries = [lookup.byId.values().next().value!];
    const md = pageGlossaryMarkdown({
      title: '政府工作报告',
      url: 'http://www.jingzhou-demo.gov.cn/report.html',
      definitions,
      entries,
      date: '2026-11-26',
    });
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Term'));
    expect(rows[0]).toMatch(
      /^\| “三高四新” \| {2}\| {2}\| “三高”指国家重要先进制造业高地.*\| 政府工作报告 \(名词解释\), http/,
    );
    expect(rows.at(-1)).toContain(entries[0]!.term);
    expect(md).toContain('# Glossary: 政府工作报告');
    // One row per definition, pipes escaped, no line breaks inside a row.
    expect(rows).toHaveLength(new Set(definitions.map((d) => `${d.term}${d.definition}`)).size + 1);
    expect(glossaryMarkdown([{ entry: { ...entries[0]!, definition: 'a|b\nc' }, count: 1 }])).toContain('a\\|b c');
  });
});
