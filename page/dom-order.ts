/**
 * Document order across shadow boundaries. `compareDocumentPosition` calls
 * nodes in different trees (a shadow root and its host's document)
 * "disconnected", so a node inside a shadow tree is compared by its host's
 * position instead; the shadow content comes before the host's light DOM
 * children, which is where it renders.
 */

/** The chain [node, host, host's host …] up to the document tree. */
function chain(node: Node): Node[] {
  const out: Node[] = [node];
  for (let root = node.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) out.push(root.host);
  return out;
}

/** Negative when `a` comes before `b`, positive after, 0 for the same node. */
export function compareNodes(a: Node, b: Node): number {
  if (a === b) return 0;
  const pos = a.compareDocumentPosition(b);
  if (!(pos & Node.DOCUMENT_POSITION_DISCONNECTED)) return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  // Different trees: lift both to the first tree they share.
  const ca = chain(a);
  const cb = chain(b);
  for (const x of ca) {
    const rx = x.getRootNode();
    for (const y of cb) {
      if (y.getRootNode() !== rx) continue;
      // One is the host of the other's shadow tree: the host comes first.
      if (x === y) return x === a ? -1 : 1;
      const p = x.compareDocumentPosition(y);
      // An ancestor comes first, and shadow content before its host's light children.
      if (p & Node.DOCUMENT_POSITION_CONTAINED_BY) return -1;
      if (p & Node.DOCUMENT_POSITION_CONTAINS) return 1;
      return p & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    }
  }
  return 0;
}

/** First index in `items` (sorted by `nodeOf`) whose node does not come before `node`. */
export function lowerBound<T>(items: readonly T[], node: Node, nodeOf: (item: T) => Node): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareNodes(nodeOf(items[mid] as T), node) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
