/**
 * Watches the page for changes and asks for a re-scan of only the blocks
 * that changed. Batched: changes are gathered for a short while and handled
 * together; a page that mutates without pause (tickers, clocks, animations
 * written in JS) is throttled so that the extension's CPU use stays bounded.
 * Changes inside the extension's own UI are ignored, so it never loops on
 * itself (marks are highlights, not elements: it changes the page's DOM
 * nowhere else).
 */
import { insideSkipped, isBlock, isSkipped } from './collect';

/** Wait this long after a change for more to come. */
const SETTLE_MS = 150;
/** …but never longer than this. */
const MAX_WAIT_MS = 1000;
/** At most this many re-scans per second; beyond it, batches wait longer. */
export const MAX_RESCANS_PER_SECOND = 4;

function blockOf(node: Node): Element | null {
  let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && !isBlock(el) && el.parentElement) el = el.parentElement;
  return el;
}

/** Nothing a run could continue into: no node, a comment, blank text, a block or skipped element. */
function isBoundary(node: Node | null): boolean {
  if (!node) return true;
  if (node.nodeType === Node.TEXT_NODE) return !/\S/.test((node as Text).data);
  if (node.nodeType !== Node.ELEMENT_NODE) return true;
  return isBlock(node as Element) || isSkipped(node as Element);
}

export interface ChangeWatcher {
  /** Also watches this root (an open shadow root the scanner found). */
  watch(root: Node): void;
  stop(): void;
}

/**
 * Calls `onChanged(blocks)` with the blocks to re-scan; an empty list means
 * only that something was removed.
 */
export function observeChanges(root: Node, onChanged: (containers: Element[]) => void): ChangeWatcher {
  const pending = new Set<Element>();
  let removed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPending = 0;
  let lastChange = 0;
  const recent: number[] = [];
  const watched = new Set<Node>();

  // One timer, never cleared on a change: a page that changes every few
  // milliseconds would otherwise push a cleared-and-rearmed timer back forever
  // (timers nested in the page's own are clamped to 4 ms, after its next change).
  const tick = () => {
    timer = undefined;
    const now = performance.now();
    const settled = now - lastChange >= SETTLE_MS || now - firstPending >= MAX_WAIT_MS;
    while (recent.length && now - (recent[0] as number) > 1000) recent.shift();
    if (!settled || recent.length >= MAX_RESCANS_PER_SECOND) {
      const wait = settled
        ? 1000 - (now - (recent[0] as number))
        : Math.min(SETTLE_MS - (now - lastChange), MAX_WAIT_MS - (now - firstPending));
      timer = setTimeout(tick, Math.max(1, wait));
      return;
    }
    recent.push(now);
    const containers = [...pending];
    pending.clear();
    removed = false;
    firstPending = 0;
    onChanged(containers);
  };

  const add = (node: Node) => {
    const block = blockOf(node);
    if (block) pending.add(block);
  };

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target;
      if (insideSkipped(target)) continue;
      if (r.type === 'characterData') {
        add(target);
        continue;
      }
      // A block added or removed between other blocks changes no run around it:
      // re-scan only the added block, not the (maybe huge) parent.
      const alone = isBoundary(r.previousSibling) && isBoundary(r.nextSibling);
      for (const n of r.addedNodes) {
        if (!alone || !isBoundary(n)) add(target);
        else if (n.nodeType === Node.ELEMENT_NODE && !isSkipped(n as Element)) pending.add(n as Element);
      }
      for (const n of r.removedNodes) {
        if (!alone || !isBoundary(n)) add(target);
        else removed = true;
      }
    }
    if (!pending.size && !removed) return;
    lastChange = performance.now();
    if (!firstPending) firstPending = lastChange;
    timer ??= setTimeout(tick, SETTLE_MS);
  });
  const watch = (node: Node) => {
    if (watched.has(node)) return;
    watched.add(node);
    observer.observe(node, { childList: true, characterData: true, subtree: true });
  };
  watch(root);
  return {
    watch,
    stop: () => {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
