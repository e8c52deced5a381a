/**
 * Text collection: the page's text as runs, one run per stretch of inline
 * content between block boundaries, so that a term split over inline markup
 * (`<strong>三高</strong>四新`, a `<br>`, `<font>`) is one string while nothing
 * matches across paragraphs, table cells or list items.
 *
 * A hand-written depth-first walk (see ANCHORS: faster than a TreeWalker
 * with a filter callback). Blocks are decided by tag name, not computed
 * style: it costs nothing per node and reads no layout. The walk works on any
 * DOM (the command line runs it on happy-dom).
 *
 * Leaf blocks are not walked. A block that holds only plain inline markup
 * (one selector query says so) is one run whose text is its `textContent`,
 * read in one call; its text nodes are found only if a match in it is marked
 * or hovered (`LeafRun`). This matters in a content script: each node that
 * script code touches gets a JavaScript wrapper, and in an extension's
 * isolated world every wrapper is a weak handle that the next young-
 * generation collection must process. Walking every node of a 10 MB page made
 * 300,000 of them and scavenges of up to 30 ms inside the scan's 3 ms slices
 * (docs/browser-bugs.md, "Scan slices and wrappers").
 */

export interface TextRun {
  /** The text nodes of the run, in order. */
  readonly nodes: Text[];
  /** `starts[i]` is the offset of `nodes[i]` in `text`. */
  readonly starts: number[];
  readonly text: string;
  /** The element that contains the run (its nearest block or root). */
  readonly container: Element;
}

/**
 * A leaf block's run: its text read whole, its nodes collected when first
 * asked for. A leaf holds no skipped or block element, so its nodes are all
 * its text nodes.
 */
class LeafRun implements TextRun {
  /** The run collected node by node, once asked for. */
  private collected: TextRun | null = null;
  private firstNode: Text | null = null;
  private lastNode: Text | null = null;

  constructor(
    readonly container: Element,
    readonly text: string,
  ) {}

  get nodes(): Text[] {
    return this.collect().nodes;
  }

  get starts(): number[] {
    return this.collect().starts;
  }

  private collect(): TextRun {
    this.collected ??= runBetween(this.edge(false), this.edge(true), this.container);
    return this.collected;
  }

  /** The first or last non-empty text node, without collecting the others (asked for twice per run when the scanner keeps the page's text). */
  edge(last: boolean): Text {
    if (last) this.lastNode ??= this.find(true);
    else this.firstNode ??= this.find(false);
    return (last ? this.lastNode : this.firstNode) as Text;
  }

  private find(last: boolean): Text {
    const walker = this.container.ownerDocument.createTreeWalker(this.container, SHOW_TEXT);
    const step = () => (last ? walker.previousNode() : walker.nextNode()) as Text | null;
    if (last) walker.currentNode = lastDescendant(this.container);
    let n: Text | null = last && walker.currentNode.nodeType === TEXT ? (walker.currentNode as Text) : step();
    while (n && !n.data.length) n = step();
    // A leaf run is made only for text with a non-blank character, so there is one.
    return n as Text;
  }
}

function lastDescendant(node: Node): Node {
  let n = node;
  while (n.lastChild) n = n.lastChild;
  return n;
}

/** A run's first text node (for a leaf block, without collecting its nodes). */
export function firstText(run: TextRun): Text {
  return run instanceof LeafRun ? run.edge(false) : (run.nodes[0] as Text);
}

/** A run's last text node (for a leaf block, without collecting its nodes). */
export function lastText(run: TextRun): Text {
  return run instanceof LeafRun ? run.edge(true) : (run.nodes[run.nodes.length - 1] as Text);
}

/** Elements whose content is never scanned. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'SVG',
  'svg',
  'MATH',
  'math',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'OBJECT',
  'IFRAME',
  'HEAD',
  'TITLE',
  'POLICY-GLOSSARY-CARD',
  'policy-glossary-card',
]);

/** Elements that end a run where they begin and where they end. */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'HTML',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'LEGEND',
  'MENU',
  'OPTGROUP',
]);

const ELEMENT = 1;
const TEXT = 3;
const SHOW_TEXT = 4;

/**
 * Inline elements that can hold text and cannot host a shadow root (the
 * HTML standard lets attachShadow() take only custom elements, `span` and
 * some blocks), plus `span`, checked apart. Word's `<o:p>` is one too, but
 * not every selector engine takes its escaped name (happy-dom does not), so
 * it is counted apart (see leafText).
 */
const PLAIN_INLINE = [
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'br',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
];

/** What makes a block not a leaf: any element but plain inline ones, and whatever is editable or ours. */
const NOT_PLAIN = `:not(${PLAIN_INLINE.join(',')})`;
const SPECIAL = '[contenteditable],[data-policy-glossary-ui]';
const NOT_LEAF = `${NOT_PLAIN},${SPECIAL}`;

export function isSkipped(el: Element): boolean {
  if (SKIP.has(el.tagName)) return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  // Our own UI, whatever its tag, is marked with this attribute.
  return el.hasAttribute('data-policy-glossary-ui');
}

/** True when `node` is inside something the collector skips (an editable field, our UI …). */
export function insideSkipped(node: Node): boolean {
  for (
    let el: Element | null = node.nodeType === ELEMENT ? (node as Element) : node.parentElement;
    el;
    el = el.parentElement
  ) {
    if (isSkipped(el)) return true;
  }
  return false;
}

export function isBlock(el: Element): boolean {
  return BLOCK.has(el.tagName);
}

/**
 * The text of `el` if it is a leaf block: nothing inside it but text and
 * plain inline markup, no empty span hosting a shadow root, and no more
 * than `max` characters (a longer one is walked, to be cut as RunLimits
 * say). Else null.
 *
 * Known gap: a span with content of its own (light DOM) that also hosts an
 * open shadow root, in an otherwise plain paragraph, is read as a leaf and
 * its shadow tree is not scanned. Custom elements and blocks hosting one
 * are always found.
 */
function leafText(el: Element, max: number): string | null {
  if (el.firstElementChild) {
    const other = el.querySelector(NOT_LEAF);
    // Word pages put an empty <o:p> in most paragraphs: a leaf if all the others are <o:p> too.
    if (
      other &&
      (other.tagName !== 'O:P' ||
        el.querySelector(SPECIAL) ||
        el.querySelectorAll(NOT_PLAIN).length !== el.getElementsByTagName('o:p').length)
    )
      return null;
    // Asking every span would make a wrapper for each (most paragraphs of a Word page are spans);
    // a span that hosts a shadow tree has its content there, so only empty spans are asked.
    const spans = el.querySelectorAll('span:empty');
    for (let i = 0; i < spans.length; i++) if ((spans[i] as Element).shadowRoot) return null;
  }
  const text = el.textContent ?? '';
  return text.length < max ? text : null;
}

/**
 * Walks `root` (an element, document or shadow root) and calls `onRun` for
 * each run with some non-blank text. Open shadow roots are walked as their
 * own roots, after their host's light DOM. Returns when the walk is done.
 */
export function collectRuns(root: Node, onRun: (run: TextRun) => void): void {
  for (const run of runs(root)) onRun(run);
}

/**
 * The same walk as a generator, so a caller can stop after a time slice and
 * resume. Open shadow roots found on the way are appended to `shadows` and
 * walked after the light DOM. `leaves: false` walks leaf blocks node by node
 * too (the same runs, slower: for tests).
 */
export function* runs(
  root: Node,
  shadows: ShadowRoot[] = [],
  limits: RunLimits = NO_LIMITS,
  leaves = true,
): Generator<TextRun> {
  const start = shadows.length;
  yield* walk(root, shadows, limits, leaves);
  for (let i = start; i < shadows.length; i++) yield* walk(shadows[i] as ShadowRoot, shadows, limits, leaves);
}

/**
 * Where a very long run may be cut, so that one block holding a whole
 * document (a PDF conversion: one <div>, lines separated by <br>) does not
 * become one run that takes a long task to collect and match. A run longer
 * than `soft` characters ends at the next <br>; one longer than `hard` ends
 * at the next text node. A term cut this way is not matched: rare, and the
 * price of keeping every task short.
 */
export interface RunLimits {
  soft: number;
  hard: number;
}

const NO_LIMITS: RunLimits = { soft: Number.POSITIVE_INFINITY, hard: Number.POSITIVE_INFINITY };

function* walk(root: Node, shadows: ShadowRoot[], limits: RunLimits, leaves: boolean): Generator<TextRun> {
  let nodes: Text[] = [];
  let starts: number[] = [];
  let text = '';
  // A shadow root's runs belong to its host: text directly in a shadow root has no parentElement.
  const container: Element | null =
    root.nodeType === ELEMENT ? (root as Element) : ((root as Partial<ShadowRoot>).host ?? null);
  const blockStack: Element[] = [];

  const flush = (): TextRun | null => {
    if (!nodes.length) return null;
    const run = /\S/.test(text)
      ? {
          nodes,
          starts,
          text,
          container: blockStack[blockStack.length - 1] ?? container ?? (nodes[0]!.parentElement as Element),
        }
      : null;
    nodes = [];
    starts = [];
    text = '';
    return run;
  };

  // Iterative depth-first walk; `exitMarks` remembers where a block ends.
  let node: Node | null = root.firstChild;
  const stack: Node[] = [];
  while (node) {
    let descend = false;
    if (node.nodeType === TEXT) {
      const data = (node as Text).data;
      if (data.length) {
        if (text.length >= limits.hard) {
          const run = flush();
          if (run) yield run;
        }
        nodes.push(node as Text);
        starts.push(text.length);
        text += data;
      }
    } else if (node.nodeType === ELEMENT) {
      const el = node as Element;
      if (text.length >= limits.soft && el.tagName === 'BR') {
        const run = flush();
        if (run) yield run;
      } else if (!isSkipped(el)) {
        if (el.shadowRoot) shadows.push(el.shadowRoot);
        if (BLOCK.has(el.tagName)) {
          const run = flush();
          if (run) yield run;
          const leaf = leaves && el.firstChild ? leafText(el, Math.min(limits.soft, limits.hard)) : null;
          if (leaf === null) {
            blockStack.push(el);
            descend = el.firstChild !== null;
            if (!descend) blockStack.pop();
          } else if (/\S/.test(leaf)) yield new LeafRun(el, leaf);
        } else descend = el.firstChild !== null;
      } else {
        const run = flush();
        if (run) yield run;
      }
    }
    if (descend) {
      stack.push(node);
      node = node.firstChild;
      continue;
    }
    // Move to the next sibling, closing blocks on the way up.
    while (node && !node.nextSibling) {
      node = stack.pop() ?? null;
      if (!node) break;
      if (node.nodeType === ELEMENT && BLOCK.has((node as Element).tagName)) {
        const run = flush();
        if (run) yield run;
        blockStack.pop();
      }
    }
    node = node ? node.nextSibling : null;
  }
  const last = flush();
  if (last) yield last;
}

/**
 * A run again, from its first and last text nodes: the text nodes between
 * them in document order, skipping what the walk skips. Since a run never
 * crosses a block boundary, nothing else of the walk is needed, and the cost
 * is the run's size, not its block's (one <div> may hold a whole document).
 * After a DOM change inside the run it is today's nodes between the two.
 */
export function runBetween(first: Text, last: Text, container: Element): TextRun {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  let node: Node | null = first;
  while (node) {
    if (node.nodeType === TEXT) {
      const data = (node as Text).data;
      if (data.length) {
        nodes.push(node as Text);
        starts.push(text.length);
        text += data;
      }
      if (node === last) break;
    }
    // Next in document order: into an element's children unless it is skipped, else onwards.
    const el: Element | null = node.nodeType === ELEMENT ? (node as Element) : null;
    let next: Node | null = el && !isSkipped(el) ? el.firstChild : null;
    for (let up: Node | null = node; !next && up; up = up.parentNode) {
      if (up === container) break;
      next = up.nextSibling;
    }
    node = next;
  }
  if (!nodes.length) return { nodes: [first], starts: [0], text: first.data, container };
  return { nodes, starts, text, container };
}

/** Finds the text node and offset for a run offset (binary search over `starts`). */
export function locate(run: TextRun, offset: number): { node: Text; offset: number } {
  const { starts, nodes } = run;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  // An end offset that falls exactly at a node boundary stays in the earlier node.
  return { node: nodes[lo] as Text, offset: offset - (starts[lo] as number) };
}

/** Same as `locate`, for an end offset: the boundary belongs to the node before it. */
export function locateEnd(run: TextRun, offset: number): { node: Text; offset: number } {
  const { starts, nodes } = run;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) < offset) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo] as Text, offset: offset - (starts[lo] as number) };
}

/** The rendered text of a document as the command line sees it: runs joined by newlines, with each run's offset. */
export function extractText(root: Node): { text: string; runs: Array<{ run: TextRun; offset: number }> } {
  const out: Array<{ run: TextRun; offset: number }> = [];
  let text = '';
  for (const run of runs(root)) {
    if (text) text += '\n';
    out.push({ run, offset: text.length });
    text += run.text;
  }
  return { text, runs: out };
}
