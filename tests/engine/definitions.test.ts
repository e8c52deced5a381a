/**
 * The page's own glossary, read from excerpts of the corpus documents
 * (tests/fixtures/excerpts, each with its source on the first line) and from
 * variations built on them: headings, numbering styles, bold and quoted
 * terms, PDF page breaks and furniture, run-together entries, and ordinary
 * sentences that must not be taken for definitions. Every text is also read
 * in steps (`definitionSteps`), which must find exactly the same; so must
 * every document of ../shared/corpus, when it is there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionSteps, type ExtractOptions, extractDefinitions } from '../../engine/definitions';
import type { PageDefinition } from '../../engine/entry';
import { documentText } from '../../scripts/glossary/text-tools';

const EXCERPTS = path.resolve(import.meta.dirname, '../fixtures/excerpts');
const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');
const hasCorpus = fs.existsSync(CORPUS);

/** Runs `definitionSteps` to the end: what it returns, and how many `next()` calls that took. */
function drain(
  text: string,
  options: Parameters<typeof definitionSteps>[1],
): { found: PageDefinition[]; steps: number } {
  const steps = definitionSteps(text, options);
  for (let n = 1; ; n++) {
    const step = steps.next();
    if (step.done) return { found: step.value, steps: n };
  }
}

/** Step sizes from one line at a time (chunk 1) to several pages. */
const CHUNKS = [1, 50, 700, 5000];

/** `extractDefinitions` (the whole text in one step), checked against `definitionSteps` in steps of each size in CHUNKS. */
function extract(text: string, options: ExtractOptions = {}, what = 'the text'): PageDefinition[] {
  const whole = extractDefinitions(text, options);
  for (const chunk of CHUNKS)
    expect(drain(text, { ...options, chunk }).found, `${what}, chunk ${chunk}`).toStrictEqual(whole);
  return whole;
}

/** An excerpt's text, without its source line. */
function excerpt(name: string): string {
  const raw = fs.readFileSync(path.join(EXCERPTS, name), 'utf8');
  expect(raw.startsWith('# source: ../shared/corpus/')).toBe(true);
  return raw.slice(raw.indexOf('\n') + 1);
}

/** A file of blocks, each after its own `# source:` line. */
function blocks(name: string): string[] {
  return fs
    .readFileSync(path.join(EXCERPTS, name), 'utf8')
    .split(/^# source:.*\n/m)
    .slice(1);
}

const terms = (defs: PageDefinition[], kind?: PageDefinition['kind']) =>
  defs.filter((d) => !kind || d.kind === kind).map((d) => d.term);

/** Offsets point at the term and end with the definition's last characters. */
function expectOffsets(text: string, d: PageDefinition): void {
  expect(text.slice(d.start, d.start + d.term.length)).toBe(d.term);
  const tail = d.definition.slice(-6);
  expect(text.slice(d.end - tail.length, d.end)).toBe(tail);
}

const SEED_TERMS = [
  '“三高四新”',
  '“发展六仗”',
  '“五新四城”',
  '新时代农业产业化“靖州现象”',
  '“五区”建设目标',
  '“5+2”现代化产业新体系',
  '“十百千万”工程',
  '“和美湘村·四乡十村”示范带',
  '“四上”企业',
  '专精特新“小巨人”企业',
];

describe('名词解释 sections', () => {
  it("reads the seed's ten entries: letter-spaced heading, **bold** terms, entry 5 around the closing paragraph", () => {
    const text = excerpt('seed-glossary.txt');
    const defs = extract(text);
    const section = defs.filter((d) => d.kind === 'section');
    expect(terms(section)).toEqual(SEED_TERMS);
    for (const d of section) expectOffsets(text, d);
    const five = section[4] as PageDefinition;
    expect(five.definition).toBe(
      '实现乡村振兴样板区、生态文明示范区、特色产业集聚区、产城融合先导区、经济发展带动区“五区”建设目标。',
    );
    // The interleaved closing paragraph lies inside the entry's range but not in its definition.
    expect(text.slice(five.start, five.end)).toContain('各位代表，同志们！');
    expect(section[9]?.definition).toBe(
      '指每年国家和省从“专精特新”企业中选出一批特色明显、成长性好、竞争力强的企业，评为专精特新“小巨人”企业。',
    );
    // The next document's numbered headings (1. **强化思想武装。**) are not entries.
    expect(defs.some((d) => d.term.includes('强化思想武装'))).toBe(false);
  });

  it("spells out an entry's quoted parts as inline definitions (“三高”指…；“四新”指…)", () => {
    const defs = extract(excerpt('seed-glossary.txt'));
    const parts = defs.filter((d) => d.kind === 'inline');
    expect(terms(parts)).toEqual(['“三高”', '“四新”', '“五新”', '“四城”']);
    // Each ends where the next part starts, not at the end of the sentence.
    expect(parts[0]?.definition).toBe('指国家重要先进制造业高地、具有核心竞争力的科技创新高地、内陆地区改革开放高地');
  });

  it("reads 四川's entries: numbers run into a term (8.6个重大科技专项), inner quotes, plus signs, Latin terms", () => {
    const text = excerpt('sichuan-glossary.txt');
    const section = extract(text).filter((d) => d.kind === 'section');
    expect(section).toHaveLength(18);
    const t = terms(section);
    expect(t.slice(0, 3)).toEqual(['六大优势产业', '国家先进制造业集群', '稳增长“18条”']);
    expect(t[4]).toBe('“1+3”财政金融互动');
    expect(t[7]).toBe('6个重大科技专项');
    expect(t[9]).toBe('“15+N”重点产业建圈强链');
    expect(t[10]).toBe('专精特新“小巨人”企业');
    expect(t[12]).toBe('EFlops');
    expect(t[17]).toBe('省属国有企业“1+8”重点领域改革');
    expect(section[6]?.definition).toBe('是指大规模设备更新和消费品以旧换新。');
    for (const d of section) expectOffsets(text, d);
    // The closing paragraph before the heading is not an entry.
    expect(section[0]?.start).toBeGreaterThan(text.indexOf('名词解释'));
  });

  it('reads 广东\'s "附件2 名词解释" (U+3000 indents) and not the numbered 附件1 before it', () => {
    const text = excerpt('guangdong-glossary.txt');
    const defs = extract(text);
    const section = defs.filter((d) => d.kind === 'section');
    expect(section).toHaveLength(18);
    expect(terms(section).slice(0, 3)).toEqual(['“岳山造林”', '分线管理', '轨道交通“四网融合”']);
    expect(terms(section)).toContain('一单制、一箱制');
    expect(terms(section)).toContain('“四旁”、“五边”');
    expect(section[1]?.definition).toBe('货物“一线”放开、“二线”管住，人员进出高度便利。');
    expect(defs.some((d) => d.start < text.indexOf('附件2'))).toBe(false);
    for (const d of section) expect(d.term).not.toMatch(/^\s|\u3000/);
  });

  const seedEntries = (style: (n: number) => string, heading: string) =>
    `${heading}\n${SEED_TERMS.slice(0, 3)
      .map((t, i) => `${style(i + 1)}${t}：释义第${i + 1}条。`)
      .join('\n')}\n`;

  it.each([
    ['名词解释', '名词解释'],
    ['名词注释', '名词注释'],
    ['附件2 名词解释', '附件2 名词解释'],
    ['附件2：名词解释', '附件2：名词解释'],
    ['letter-spaced, full-width spaces', '名　词　解　释'],
    ['numbered heading', '三、名词解释'],
    ['with a colon', '名词解释：'],
    ['名词解释如下：', '名词解释如下：'],
  ])('finds the heading %s', (_label, heading) => {
    const defs = extract(`正文最后一段。\n${seedEntries((n) => `${n}.`, heading)}`);
    expect(terms(defs)).toEqual(SEED_TERMS.slice(0, 3));
    expect(defs.every((d) => d.kind === 'section')).toBe(true);
  });

  it.each([
    ['1.', (n: number) => `${n}.`],
    ['1．', (n: number) => `${n}．`],
    ['1、', (n: number) => `${n}、`],
    ['（1）', (n: number) => `（${n}）`],
    ['①', (n: number) => String.fromCharCode(0x2460 + n - 1)],
    ['一、', (n: number) => `${'一二三'[n - 1]}、`],
    ['[1]', (n: number) => `[${n}]`],
    ['none', () => ''],
  ])('reads entries numbered %s', (_label, style) => {
    expect(terms(extract(seedEntries(style, '名词解释')))).toEqual(SEED_TERMS.slice(0, 3));
  });

  it('reads **term**： and **term：** alike, and entries on the heading line', () => {
    const a = extract('名词解释\n1. **“三高四新”**：甲。\n2. **“五新四城”：**乙。\n');
    expect(a.map((d) => [d.term, d.definition])).toEqual([
      ['“三高四新”', '甲。'],
      ['“五新四城”', '乙。'],
    ]);
    const b = extract('名词解释：1.“两新”：是指大规模设备更新和消费品以旧换新。');
    expect(terms(b)).toEqual(['“两新”']);
  });

  it('joins a definition split by a PDF page break and skips the page number between', () => {
    const text = [
      '名 词 解 释',
      '1. **“十百千万”工程**：围绕落实“怀乡五百工程”指导要求，深入实施“‘十村示范、百村整治、千',
      '',
      '— 12 —',
      '',
      '社带动、万户和美’十百千万”示范创建行动。',
      '2. **“四上”企业**：指规模以上工业企业、房地产企业和有资质的建筑业企业。',
    ].join('\n');
    const defs = extract(text);
    expect(defs.map((d) => d.definition)).toEqual([
      '围绕落实“怀乡五百工程”指导要求，深入实施“‘十村示范、百村整治、千社带动、万户和美’十百千万”示范创建行动。',
      '指规模以上工业企业、房地产企业和有资质的建筑业企业。',
    ]);
  });

  it('keeps a second paragraph of a definition, and a decimal at a line start is no entry number', () => {
    const text = '名词解释\n1.甲项目：第一段说明。\n第二段说明。\n1.5亿元用于建设。\n2.乙项目：说明。\n';
    const defs = extract(text);
    expect(terms(defs)).toEqual(['甲项目', '乙项目']);
    expect(defs[0]?.definition).toBe('第一段说明。\n第二段说明。\n1.5亿元用于建设。');
  });

  it('splits entries that a page runs together on one line (<br> instead of paragraphs)', () => {
    const text = `名词解释${SEED_TERMS.slice(0, 3)
      .map((t, i) => `${i + 1}.${t}：释义第${i + 1}条。`)
      .join('')}`;
    expect(terms(extract(text))).toEqual(SEED_TERMS.slice(0, 3));
  });

  it('stops at the section end: a title, a label, the next document', () => {
    const text = '名词解释\n1.甲：说明。\n2.乙：说明。\n关于某某工作情况的报告\n1.丙：这不是名词解释。\n';
    expect(terms(extract(text))).toEqual(['甲', '乙']);
  });

  it('ends a section inside a line (5、 is not the next entry), and a heading after it there starts nothing', () => {
    const text = '名词解释\n1.甲：说明。\n2.乙：说明。5、名词解释：1.丙：说明。2.丁：说明。\n正文。\n';
    expect(terms(extract(text))).toEqual(['甲', '乙']);
  });
});

describe('notes sections', () => {
  it("reads the definitions in 宜春's 注释 and leaves the other notes", () => {
    const text = excerpt('yichun-notes.txt');
    const defs = extract(text);
    expect(defs.map((d) => [d.kind, d.term])).toEqual([
      ['note', '规模以上工业'],
      ['note', '固定资产投资（不含农户）'],
      ['note', '限额以上批发和零售业、住宿和餐饮业'],
      ['note', '规模以上服务业'],
      ['note', '电信业务总量'],
    ]);
    expect(defs[0]?.definition).toBe('统计范围为年主营业务收入2000万元及以上的工业企业。');
    for (const d of defs) expectOffsets(text, d);
  });

  it('reads [1] markers (江西)', () => {
    const defs = extract(excerpt('jiangxi-notes.txt'));
    expect(terms(defs)).toEqual(['社会领域投资', '房地产业投资', '原保险保费收入']);
    expect(defs[1]?.definition).toBe(
      '除房地产开发投资外，还包括建设单位自建房屋以及物业管理、中介服务和其他房地产投资。',
    );
  });

  it('reads 注： under a table, and a 其中… sentence stays with the definition it elaborates', () => {
    const defs = extract(excerpt('hospital-notes.txt'));
    expect(terms(defs)).toEqual(['考核指标中的手术', '微创手术', '单病种', '科技成果转化总金额']);
    expect(defs[0]?.definition).toMatch(/^包括在日间手术室.*其中，日间手术是指/);
  });

  it('reads a single note after 注：', () => {
    const defs = extract('表1 主要指标\n注：城镇新增就业是指报告期内城镇累计新增就业人数。\n');
    expect(defs.map((d) => [d.kind, d.term, d.definition])).toEqual([
      ['note', '城镇新增就业', '是指报告期内城镇累计新增就业人数。'],
    ]);
  });
});

describe('inline explanations', () => {
  it('finds the corpus examples: “X”，即…; “X”（…）; 所称X，是指…', () => {
    const found = blocks('inline.txt').map((b) => extract(b).map((d) => [d.kind, d.term]));
    expect(found).toEqual([
      [['inline', '“六个严防”']],
      [['inline', '“两个允许”']],
      [['inline', '“装、树、联”']],
      [['inline', '“六个不得”']],
      [
        ['inline', '福利费'],
        ['inline', '救济金'],
      ],
      [
        ['inline', '父母'],
        ['inline', '子女'],
      ],
    ]);
    const [ningxia] = blocks('inline.txt');
    const d = extract(ningxia as string)[0] as PageDefinition;
    expect(d.definition).toMatch(/^即严防发生新增政府隐性债务、.*严防发生各类突发极端事件。$/);
    expectOffsets(ningxia as string, d);
  });

  it.each([
    ['所谓X，是…', '所谓“放管服”，就是简政放权、放管结合、优化服务。', '“放管服”'],
    ['X是指… at a sentence start', '会议部署了工作。首台套是指国内首次实现重大技术突破的装备产品。', '首台套'],
    ['X是指… at a line start', '会议部署了工作。\n　　首台套是指国内首次实现重大技术突破的装备产品。', '首台套'],
    ['（一）X，是指…', '（一）经营所得，是指个体工商户从事生产、经营活动取得的所得。', '经营所得'],
    [
      '“X”指…',
      '坚持“两个毫不动摇”。“两个毫不动摇”指毫不动摇巩固和发展公有制经济，毫不动摇鼓励、支持、引导非公有制经济发展。',
      '“两个毫不动摇”',
    ],
  ])('finds %s', (_label, text, term) => {
    expect(terms(extract(text))).toEqual([term]);
  });

  it('takes no ordinary sentence for a definition (corpus paragraphs rich in quotes, numbers and 指)', () => {
    for (const b of blocks('negatives.txt')) expect(extract(b)).toEqual([]);
  });

  it.each([
    ['指出', '习近平总书记指出，要坚持“两个毫不动摇”。'],
    ['指导', '以“三高四新”指引发展，在省委指导下推进工作。'],
    ['这是指', '这是指导思想的一部分。这是指我们要继续努力。'],
    ['a reference in brackets', '印发《“十四五”规划》（国办发〔2021〕2号）的通知。'],
    ['an alias in brackets', '“组合港”（一港通）新开行航线8条。'],
    ['即将', '“十四五”即将收官，各项工作进展顺利。'],
    ['a subject that is a whole clause', '数据专区作为市大数据平台的重要组成部分，是指针对重大领域的专门区域。'],
  ])('ignores %s', (_label, text) => {
    expect(extract(text)).toEqual([]);
  });
});

/** About `length` characters: the texts, one after another, as often as it takes. */
function repeated(texts: string[], length: number): string {
  const once = texts.join('\n');
  return once.repeat(Math.ceil(length / once.length));
}

const fixtureFiles = () => fs.readdirSync(EXCERPTS).map((name) => fs.readFileSync(path.join(EXCERPTS, name), 'utf8'));

let documents: Array<{ file: string; text: string }> | undefined;

/** Every document of the corpus: text and markdown files as they are, HTML pages as the extension collects their text. */
function corpusDocuments(): Array<{ file: string; text: string }> {
  documents ??= fs
    .readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(txt|md|html?)$/.test(file))
    .sort()
    .map((file) => ({ file, text: documentText(path.join(CORPUS, file)).text }));
  return documents;
}

describe('definitionSteps', () => {
  it('finds what extractDefinitions finds, in steps of any size, in each whole fixture file', () => {
    for (const name of fs.readdirSync(EXCERPTS)) {
      const text = fs.readFileSync(path.join(EXCERPTS, name), 'utf8');
      extract(text, {}, name);
      extract(text, { inline: false }, name);
    }
  });

  it.each([1000, 8000, 16_000])('splits the work on 1 MB of text into steps of about %i characters', (chunk) => {
    const text = repeated(hasCorpus ? corpusDocuments().map((d) => d.text) : fixtureFiles(), 1_000_000);
    const { found, steps } = drain(text, { chunk });
    expect(steps).toBeGreaterThanOrEqual(text.length / (chunk * 4));
    expect(found).toStrictEqual(extractDefinitions(text));
  });

  it('reads a line longer than the chunk in a step of its own', () => {
    const line = `${'会议部署了工作。'.repeat(1000)}首台套是指国内首次实现重大技术突破的装备产品。`;
    const text = `${line}\n`.repeat(100);
    const { found, steps } = drain(text, { chunk: 1000 });
    // A step per line in each pass (sections, then inline explanations), and the last one, which returns.
    expect(steps).toBe(2 * 100 + 1);
    expect(found).toHaveLength(100);
    expect(found).toStrictEqual(extractDefinitions(text));
  });
});

describe.runIf(hasCorpus)('definitionSteps on the corpus', () => {
  it('finds what extractDefinitions finds, in steps of any size, in every document', () => {
    const docs = corpusDocuments();
    expect(docs.length).toBeGreaterThan(100);
    for (const { file, text } of docs) {
      extract(text, {}, file);
      extract(text, { inline: false }, file);
    }
  });

  it('finds what extractDefinitions finds, in steps of any size, in a few MB of documents one after another', () => {
    const text = repeated(
      corpusDocuments().map((d) => d.text),
      3_000_000,
    );
    const found = extract(text);
    for (const kind of ['section', 'note', 'inline'] as const)
      expect(found.filter((d) => d.kind === kind).length, kind).toBeGreaterThan(50);
  });
});
