/**
 * Watches the page for changes and asks for a re-scan of only the blocks
 * that changed. Batched: changes are gathered for a short while and handled
 * together; a page that mutates without pause (tickers, clocks, animations
 * written in JS) is throttled so that the extension's CPU use stays bounded.
 * Changes inside the extension's own UI are ignored, so it never loops on
 * itself (it does not change the page's DOM anywhere else).
 */
import { insideSkipped, isBlock } from './collect';

/** Wait this long after a change for more to come. */
const SETTLE_MS = 150;
/** …but never longer than this. */
const MAX_WAIT_MS = 1000;
/** At most this many re-scans per second; beyond it, batches wait longer. */
const MAX_PER_SECOND = 4;

function blockOf(node: Node): Element | null {
  let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && !isBlock(el) && el.parentElement) el = el.parentElement;
  return el;
}

export function observeChanges(root: Node, onChanged: (containers: Element[]) => void): () => void {
  const pending = new Set<Element>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPending = 0;
  const recent: number[] = [];

  const flush = () => {
    timer = undefined;
    const now = performance.now();
    while (recent.length && now - (recent[0] as number) > 1000) recent.shift();
    if (recent.length >= MAX_PER_SECOND) {
      timer = setTimeout(flush, 1000 - (now - (recent[0] as number)));
      return;
    }
    recent.push(now);
    const containers = [...pending];
    pending.clear();
    firstPending = 0;
    onChanged(containers);
  };

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target;
      if (insideSkipped(target)) continue;
      const block = blockOf(target);
      if (block) pending.add(block);
    }
    if (!pending.size) return;
    const now = performance.now();
    if (!firstPending) firstPending = now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(SETTLE_MS, MAX_WAIT_MS - (now - firstPending))));
  });
  observer.observe(root, { childList: true, characterData: true, subtree: true });
  return () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  };
}
