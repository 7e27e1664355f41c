// Who keeps what alive: the dominator tree of a heap graph (Cooper, Harvey and Kennedy's
// iterative algorithm over a depth-first order from the root), retained sizes from it, and the
// shortest retainer path from the root to a node. Weak edges keep nothing alive, so they are
// left out of all three. Loops only: a million-node heap must not recurse on our stack.
import type { HeapGraph } from "./heap-snapshot-graph.ts";

export interface Dominators {
  /** Immediate dominator of each node; the root dominates itself; -1 when unreachable. */
  idom: Int32Array;
  retained: Float64Array;
  /** Nodes reachable from the root, in postorder (every node after all it dominates). */
  postorder: Uint32Array;
}

const root = 0;

export function computeDominators(graph: HeapGraph): Dominators {
  const n = graph.nodeCount;
  const postorder = depthFirstPostorder(graph);
  const order = new Int32Array(n).fill(-1);
  postorder.forEach((node, i) => { order[node] = i; });
  const preds = predecessors(graph, order);
  const idom = new Int32Array(n).fill(-1);
  idom[root] = root;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (order[a]! < order[b]!) a = idom[a]!;
      while (order[b]! < order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = postorder.length - 1; i >= 0; i--) {
      const node = postorder[i]!;
      if (node === root) continue;
      let next = -1;
      for (let p = preds.first[node]!; p < preds.first[node + 1]!; p++) {
        const pred = preds.list[p]!;
        if (idom[pred] === -1) continue;
        next = next === -1 ? pred : intersect(pred, next);
      }
      if (next !== -1 && idom[node] !== next) {
        idom[node] = next;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  for (const node of postorder) retained[node]! += graph.selfSize[node]!;
  for (const node of postorder) if (node !== root) retained[idom[node]!]! += retained[node]!;
  return { idom, retained, postorder };
}

function depthFirstPostorder(graph: HeapGraph): Uint32Array {
  const visited = new Uint8Array(graph.nodeCount);
  const out: number[] = [];
  const nodeStack: number[] = [root];
  const edgeStack: number[] = [graph.firstEdge[root]!];
  visited[root] = 1;
  while (nodeStack.length > 0) {
    const top = nodeStack.length - 1;
    const node = nodeStack[top]!;
    const edge = edgeStack[top]!;
    if (edge >= graph.firstEdge[node + 1]!) {
      out.push(node);
      nodeStack.pop();
      edgeStack.pop();
      continue;
    }
    edgeStack[top] = edge + 1;
    if (graph.isWeakEdge(edge)) continue;
    const to = graph.edgeTo[edge]!;
    if (visited[to]) continue;
    visited[to] = 1;
    nodeStack.push(to);
    edgeStack.push(graph.firstEdge[to]!);
  }
  return Uint32Array.from(out);
}

/** Reverse edges (strong ones between reachable nodes), as compressed rows. */
function predecessors(graph: HeapGraph, order: Int32Array): { first: Uint32Array; list: Uint32Array } {
  const counts = new Uint32Array(graph.nodeCount + 1);
  const each = (visit: (from: number, to: number) => void) => {
    for (let from = 0; from < graph.nodeCount; from++) {
      if (order[from] === -1) continue;
      for (let e = graph.firstEdge[from]!; e < graph.firstEdge[from + 1]!; e++) if (!graph.isWeakEdge(e)) visit(from, graph.edgeTo[e]!);
    }
  };
  each((_from, to) => { counts[to + 1]!++; });
  for (let i = 1; i <= graph.nodeCount; i++) counts[i]! += counts[i - 1]!;
  const first = counts.slice();
  const fill = counts.slice(0, graph.nodeCount);
  const list = new Uint32Array(first[graph.nodeCount]!);
  each((from, to) => { list[fill[to]!++] = from; });
  return { first, list };
}

/** A step of a retainer path: the edge taken into a node, and what the node is. */
export interface RetainerStep {
  edge: string;
  /** V8's edge type: property, element, context (a closure's or module's variable), internal… */
  edgeType: string;
  className: string;
  nodeId: number;
}

/**
 * The shortest strong path from the root to `target`, read as a learner would: it starts at the
 * first user-visible object (the global object) when the path passes through one.
 */
export function retainerPath(graph: HeapGraph, target: number): RetainerStep[] | null {
  const parentEdge = new Int32Array(graph.nodeCount).fill(-1);
  const parentNode = new Int32Array(graph.nodeCount).fill(-1);
  const queue = new Uint32Array(graph.nodeCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = root;
  parentNode[root] = root;
  while (head < tail && parentNode[target] === -1) {
    const node = queue[head++]!;
    for (let e = graph.firstEdge[node]!; e < graph.firstEdge[node + 1]!; e++) {
      const to = graph.edgeTo[e]!;
      if (parentNode[to] !== -1 || graph.isWeakEdge(e)) continue;
      parentNode[to] = node;
      parentEdge[to] = e;
      queue[tail++] = to;
    }
  }
  if (parentNode[target] === -1) return null;
  const steps: RetainerStep[] = [];
  for (let node = target; node !== root; node = parentNode[node]!) {
    steps.push({ edge: graph.edgeLabel(parentEdge[node]!), edgeType: graph.edgeTypes[graph.edgeType[parentEdge[node]!]!] ?? "", className: graph.classOf(node), nodeId: graph.nodeId[node]! });
  }
  steps.reverse();
  // Start at the global object when the path passes through it: the roots before it are V8's.
  const global = steps.findIndex((step) => step.className === "globalThis");
  return global > 0 ? steps.slice(global) : steps;
}
