// What a learner asks of a heap snapshot: which constructors hold the most, what keeps the
// biggest one alive, and what grew between two snapshots.
import { computeDominators, retainerPath, type RetainerStep } from "./heap-dominators.ts";
import { HeapGraph, type HeapSnapshotFile } from "./heap-snapshot-graph.ts";

export interface ConstructorRow {
  className: string;
  count: number;
  selfBytes: number;
  /** Bytes freed if every object of the class went (nested ones counted once). */
  retainedBytes: number;
}

export interface HeapSummary {
  nodeCount: number;
  totalBytes: number;
  /** Largest retained size first, at most `rowsMax`. */
  constructors: ConstructorRow[];
  /** The object retaining the most, among user-visible classes, with the path that keeps it. */
  largest: { className: string; retainedBytes: number; nodeId: number; path: RetainerStep[] | null } | null;
}

export interface HeapDiffRow {
  className: string;
  countDelta: number;
  selfBytesDelta: number;
}

/** Classes V8 makes for itself; a learner's question is about their own objects. */
const internalClass = /^\(|^(system \/ |Object shape|InternalNode|HeapNumber|Oddball)/;

export function summarizeHeapSnapshot(file: HeapSnapshotFile, rowsMax = 30): HeapSummary {
  const graph = new HeapGraph(file);
  const { idom, retained, postorder } = computeDominators(graph);
  const rows = new Map<string, ConstructorRow>();
  for (const node of postorder) {
    const className = graph.classOf(node);
    const row = rows.get(className) ?? { className, count: 0, selfBytes: 0, retainedBytes: 0 };
    row.count++;
    row.selfBytes += graph.selfSize[node]!;
    if (!dominatedBySameClass(graph, idom, node, className)) row.retainedBytes += retained[node]!;
    rows.set(className, row);
  }
  let largest = -1;
  for (const node of postorder) {
    if (node === 0 || graph.classOf(node) === "globalThis" || internalClass.test(graph.classOf(node)) || graph.typeOf(node) !== "object") continue;
    if (largest === -1 || retained[node]! > retained[largest]!) largest = node;
  }
  return {
    nodeCount: graph.nodeCount,
    totalBytes: retained[0]!,
    constructors: [...rows.values()].filter((row) => row.className !== "(synthetic)").sort((a, b) => b.retainedBytes - a.retainedBytes).slice(0, rowsMax),
    largest: largest === -1 ? null : { className: graph.classOf(largest), retainedBytes: retained[largest]!, nodeId: graph.nodeId[largest]!, path: retainerPath(graph, largest) },
  };
}

/** The retainer path of the object retaining the most among those of `className`. */
export function retainerPathOfClass(file: HeapSnapshotFile, className: string): { retainedBytes: number; path: RetainerStep[] } | null {
  const graph = new HeapGraph(file);
  const { retained, postorder } = computeDominators(graph);
  let best = -1;
  for (const node of postorder) if (graph.classOf(node) === className && (best === -1 || retained[node]! > retained[best]!)) best = node;
  if (best === -1) return null;
  const path = retainerPath(graph, best);
  return path === null ? null : { retainedBytes: retained[best]!, path };
}

/**
 * The retainer path of an object of `className` that is new in `after` (V8 keeps an object's id
 * across snapshots of one isolate): what keeps the growth alive, not an old, larger instance.
 */
export function retainerPathOfGrowth(before: HeapSnapshotFile, after: HeapSnapshotFile, className: string): { retainedBytes: number; path: RetainerStep[] } | null {
  const old = new HeapGraph(before);
  const seen = new Set<number>();
  for (let node = 0; node < old.nodeCount; node++) seen.add(old.nodeId[node]!);
  const graph = new HeapGraph(after);
  const { retained, postorder } = computeDominators(graph);
  let best = -1;
  for (const node of postorder) {
    if (seen.has(graph.nodeId[node]!) || graph.classOf(node) !== className) continue;
    if (best === -1 || retained[node]! > retained[best]!) best = node;
  }
  if (best === -1) return null;
  const path = retainerPath(graph, best);
  return path === null ? null : { retainedBytes: retained[best]!, path };
}

/** "globalThis → cache (Map) → [3812] (Entry)": a path as one line. */
export function formatRetainerPath(path: RetainerStep[]): string {
  // A module's or closure's variable is where a learner's own code holds things: start there
  // rather than in the runtime's internals that happen to reach the same scope first.
  let lastVariable = -1;
  path.forEach((step, i) => { if (step.edgeType === "context") lastVariable = i; });
  if (lastVariable > 0) return `(scope) → ${formatRetainerPath(path.slice(lastVariable).map((s) => ({ ...s, edgeType: "property" })))}`;
  return path.map((step) => (step.className === "globalThis" ? "globalThis" : `${step.edge} (${step.className})`)).join(" → ");
}

/** What grew from `before` to `after`, by class, largest growth first. */
export function diffHeapSummaries(before: HeapSnapshotFile, after: HeapSnapshotFile, rowsMax = 20): HeapDiffRow[] {
  const count = (file: HeapSnapshotFile) => {
    const graph = new HeapGraph(file);
    const rows = new Map<string, { count: number; selfBytes: number }>();
    for (let node = 0; node < graph.nodeCount; node++) {
      const row = rows.get(graph.classOf(node)) ?? { count: 0, selfBytes: 0 };
      row.count++;
      row.selfBytes += graph.selfSize[node]!;
      rows.set(graph.classOf(node), row);
    }
    return rows;
  };
  const a = count(before);
  const b = count(after);
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names]
    .map((className) => ({ className, countDelta: (b.get(className)?.count ?? 0) - (a.get(className)?.count ?? 0), selfBytesDelta: (b.get(className)?.selfBytes ?? 0) - (a.get(className)?.selfBytes ?? 0) }))
    .filter((row) => row.countDelta !== 0 || row.selfBytesDelta !== 0)
    .sort((x, y) => y.selfBytesDelta - x.selfBytesDelta)
    .slice(0, rowsMax);
}

function dominatedBySameClass(graph: HeapGraph, idom: Int32Array, node: number, className: string): boolean {
  // Walk up the dominator tree a bounded number of steps: deep chains (linked lists) are rare
  // and the answer then only over-counts, never under-counts.
  let current = idom[node]!;
  for (let steps = 0; steps < 64 && current > 0; steps++) {
    if (graph.classOf(current) === className) return true;
    current = idom[current]!;
  }
  return false;
}
