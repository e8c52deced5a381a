// @vitest-environment happy-dom
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collectRuns,
  extractText,
  firstText,
  insideSkipped,
  lastText,
  locate,
  locateEnd,
  type RunLimits,
  runs,
  type TextRun,
} from '../../page/collect';

/** The runs' texts under `root` (default: the body). */
function texts(root: Node = document.body): string[] {
  return [...runs(root)].map((r) => r.text);
}

function page(html: string): HTMLElement {
  // Test fixtures only: literal markup, no page or glossary text.
  document.body.innerHTML = html;
  return document.body;
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe('runs(): one run per stretch of inline content', () => {
  it('joins a term split over inline markup into one run', () => {
    page('<p>实施<strong>三高</strong><span>四<em>新</em></span>战略</p>');
    expect(texts()).toEqual(['实施三高四新战略']);
  });

  it('keeps a <br> inside a term in the run (gov.cn titles break lines inside a term)', () => {
    page('<p>全面推行<br> 部门联合“双随机、一公开”监管</p>');
    expect(texts()).toEqual(['全面推行 部门联合“双随机、一公开”监管']);
  });

  it('ends a run at every block: paragraphs, divs, headings', () => {
    page('<div>三高<p>四新</p>战略</div><h2>六稳</h2><section>六保</section>');
    expect(texts()).toEqual(['三高', '四新', '战略', '六稳', '六保']);
  });

  it('gives each table cell and each list item its own run', () => {
    page(
      '<table><tr><td>三高</td><td>四新</td></tr><tr><th>六稳</th><td><span>六</span>保</td></tr></table>' +
        '<ul><li>放管</li><li>服</li></ul>',
    );
    expect(texts()).toEqual(['三高', '四新', '六稳', '六保', '放管', '服']);
  });

  it('skips scripts, styles, form fields, editable regions, templates and our own UI', () => {
    page(
      '<p>三高<script>var x = "四新";</script></p>' +
        '<style>p{}</style>' +
        '<textarea>三高四新</textarea><input value="三高四新"><button>六稳</button>' +
        '<div contenteditable="true">可编辑的三高四新</div><div contenteditable="false">不可编辑</div>' +
        '<template><p>模板</p></template><noscript>无脚本</noscript>' +
        '<div data-policy-glossary-ui>卡片</div><policy-glossary-card>卡片</policy-glossary-card>' +
        '<p>六保</p>',
    );
    expect(texts()).toEqual(['三高', '不可编辑', '六保']);
  });

  it('does not join text across a skipped element', () => {
    page('<p>三高<button>按钮</button>四新</p>');
    expect(texts()).toEqual(['三高', '四新']);
  });

  it('drops runs that are only white space', () => {
    page('<div>\n  <p>三高四新</p>\n  <p> </p>\n</div>');
    expect(texts()).toEqual(['三高四新']);
  });

  it('walks open shadow roots after the light DOM, as runs of their own', () => {
    const body = page('<p>光明</p><div id="host">宿主文本</div><p>之后</p>');
    const host = body.querySelector('#host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('p');
    inner.append('影子里的', document.createElement('b'), '三高四新');
    shadow.append(inner);
    const nested = document.createElement('span');
    inner.append(nested);
    nested.attachShadow({ mode: 'open' }).append('嵌套影子');
    expect(texts()).toEqual(['光明', '宿主文本', '之后', '影子里的三高四新', '嵌套影子']);
  });

  it('gives every run an element container, also for text directly in a shadow root (its host)', () => {
    const body = page('<p>光明</p><div id="host"></div>');
    const host = body.querySelector('#host') as HTMLElement;
    host.attachShadow({ mode: 'open' }).append('影子文本');
    const found = [...runs(body)];
    expect(found.map((r) => r.text)).toEqual(['光明', '影子文本']);
    expect(found.map((r) => r.container)).toEqual([body.querySelector('p'), host]);
  });

  it('cuts a very long run at a <br> past the soft limit, or at a text node past the hard one', () => {
    page('<div>一二三<br>四五六<br>七八九</div>');
    const soft = [...runs(document.body, [], { soft: 3, hard: 100 })].map((r) => r.text);
    expect(soft).toEqual(['一二三', '四五六', '七八九']);
    page('<div>一二三<b>四五六</b>七八九</div>');
    const hard = [...runs(document.body, [], { soft: 100, hard: 3 })].map((r) => r.text);
    expect(hard).toEqual(['一二三', '四五六', '七八九']);
    page('<div>一二三<br>四五六</div>');
    expect(texts()).toEqual(['一二三四五六']);
  });

  it('records each run’s nodes, their offsets, and its block container', () => {
    const body = page('<p id="p">实施<b>三高</b>四新</p><div><span>六稳</span></div>');
    const all: TextRun[] = [];
    collectRuns(body, (r) => all.push(r));
    const [first, second] = all as [TextRun, TextRun];
    expect(first.nodes.map((n) => n.data)).toEqual(['实施', '三高', '四新']);
    expect(first.starts).toEqual([0, 2, 4]);
    expect(first.container.id).toBe('p');
    expect(second.container.tagName).toBe('DIV');
  });

  it('locates run offsets in text nodes; an end offset on a boundary stays in the earlier node', () => {
    page('<p>实施<b>三高</b>四新</p>');
    const run = [...runs(document.body)][0] as TextRun;
    expect(locate(run, 2)).toEqual({ node: run.nodes[1], offset: 0 });
    expect(locate(run, 5)).toEqual({ node: run.nodes[2], offset: 1 });
    expect(locateEnd(run, 4)).toEqual({ node: run.nodes[1], offset: 2 });
    expect(locateEnd(run, 6)).toEqual({ node: run.nodes[2], offset: 2 });
  });

  it('tells whether a node is inside a skipped element', () => {
    const body = page('<div contenteditable=""><p>编辑</p></div><p>正文</p>');
    const [editable, text] = [body.querySelector('div p')?.firstChild, body.querySelector(':scope > p')?.firstChild];
    expect(insideSkipped(editable as Node)).toBe(true);
    expect(insideSkipped(text as Node)).toBe(false);
  });

  it('extracts a document’s text as runs joined by newlines, with each run’s offset', () => {
    page('<h1>标题</h1><p>实施<b>三高</b>四新</p><table><tr><td>甲</td><td>乙</td></tr></table>');
    const { text, runs: found } = extractText(document.body);
    expect(text).toBe('标题\n实施三高四新\n甲\n乙');
    for (const { run, offset } of found) expect(text.slice(offset, offset + run.text.length)).toBe(run.text);
  });

  it('can stop and resume: runs() is a generator', () => {
    page('<p>一</p><p>二</p><p>三</p>');
    const it = runs(document.body);
    expect(it.next().value?.text).toBe('一');
    expect([...it].map((r) => r.text)).toEqual(['二', '三']);
  });
});

/** A random DOM tree, built node by node (no parser fix-ups), as a recipe. */
type Tree = string | { tag: string; attr?: string; shadow?: Tree[]; kids: Tree[] };

const TAGS = ['p', 'div', 'td', 'li', 'span', 'span', 'b', 'font', 'a', 'br', 'o:p', 'x-note', 'script', 'button'];
const ATTRS = [undefined, undefined, undefined, 'contenteditable', 'data-policy-glossary-ui'];
const TEXTS = ['三高', '四新', '六稳', ' ', '', '\n  ', 'GDP'];

const treeArb = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom(...TEXTS), tie('node')),
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attr: fc.constantFrom(...ATTRS),
    shadow: fc.option(fc.array(tie('tree'), { maxLength: 2 }), { nil: undefined, freq: 8 }),
    kids: fc.array(tie('tree'), { maxLength: 4 }),
  }),
}));

function build(tree: Tree, parent: Node): void {
  if (typeof tree === 'string') {
    parent.appendChild(document.createTextNode(tree));
    return;
  }
  const el = document.createElement(tree.tag);
  if (tree.attr) el.setAttribute(tree.attr, '');
  for (const kid of tree.kids) build(kid, el);
  // Only elements the standard lets host a shadow root (div, p, span, custom elements) get one; a span
  // only when it is empty, the case the leaf test looks for (collect.ts, leafText: the known gap).
  if (tree.shadow && (['div', 'p', 'x-note'].includes(tree.tag) || (tree.tag === 'span' && !tree.kids.length))) {
    const root = el.attachShadow({ mode: 'open' });
    for (const kid of tree.shadow) build(kid, root);
  }
  parent.appendChild(el);
}

describe('runs(): leaf blocks read whole give the same runs as the node-by-node walk', () => {
  const summary = (r: TextRun) => ({
    text: r.text,
    container: r.container,
    nodes: [...r.nodes],
    starts: [...r.starts],
  });

  it('on random trees: same texts, containers, nodes and offsets, and the same first and last nodes', () => {
    fc.assert(
      fc.property(
        fc.array(treeArb.tree, { maxLength: 6 }),
        fc.constantFrom<RunLimits>({ soft: Infinity, hard: Infinity }, { soft: 4, hard: 9 }, { soft: 3, hard: 3 }),
        (trees, limits) => {
          document.body.replaceChildren();
          for (const t of trees) build(t, document.body);
          const fast = [...runs(document.body, [], limits)];
          const slow = [...runs(document.body, [], limits, false)];
          // The edges first: a leaf finds them without collecting its nodes.
          const edges = fast.map((r) => [firstText(r), lastText(r)]);
          expect(fast.map(summary)).toEqual(slow.map(summary));
          expect(edges).toEqual(slow.map((r) => [r.nodes[0], r.nodes[r.nodes.length - 1]]));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads a paragraph of plain inline markup (Word’s <o:p> included) whole, but walks one with a custom element or a span hosting a shadow root', () => {
    page(
      '<p id="a">实施<span>三高</span><o:p></o:p>四新</p><p id="b">深化<x-note>放管服</x-note></p><p id="c">六稳<span></span></p>',
    );
    (document.querySelector('#c span') as Element).attachShadow({ mode: 'open' }).textContent = '六保';
    const found = [...runs(document.body)];
    const kinds = found.map((r) => [r.text, Object.getOwnPropertyDescriptor(r, 'nodes') ? 'walked' : 'whole']);
    expect(kinds).toEqual([
      ['实施三高四新', 'whole'],
      ['深化放管服', 'walked'],
      ['六稳', 'walked'],
      ['六保', 'walked'],
    ]);
  });
});
