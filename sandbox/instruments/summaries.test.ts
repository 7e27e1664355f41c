// The profile and snapshot summarizers on small hand-made fixtures whose answers are known:
// self and total time with recursion counted once, the dominator tree's retained sizes, the
// shortest strong retainer path (weak edges ignored) and a diff of two snapshots.
import assert from "node:assert/strict";
import { test } from "node:test";
import { summarizeCpuProfile, type CpuProfile } from "./cpu-profile-summary.ts";
import { diffHeapSummaries, formatRetainerPath, retainerPathOfClass, summarizeHeapSnapshot } from "./heap-snapshot-summary.ts";
import type { HeapSnapshotFile } from "./heap-snapshot-graph.ts";

const frame = (functionName: string, lineNumber: number) => ({ functionName, url: "worker.js", scriptId: 1, lineNumber, columnNumber: 0 });

test("CPU profile: self and total per function, 1-based lines, recursion counted once", () => {
  // root → handler → fib → fib ; samples: handler once, outer fib twice, inner fib once.
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 4000,
    nodes: [
      { id: 1, callFrame: frame("(root)", -1), children: [2] },
      { id: 2, callFrame: frame("handler", 4), children: [3] },
      { id: 3, callFrame: frame("fib", 9), children: [4] },
      { id: 4, callFrame: frame("fib", 9), children: [] },
    ],
    samples: [2, 3, 3, 4],
    timeDeltas: [0, 1000, 1000, 1000],
  };
  const summary = summarizeCpuProfile(profile);
  assert.equal(summary.samplingIntervalUs, 1000);
  assert.equal(summary.sampleCount, 4);
  const fib = summary.functions.find((f) => f.name === "fib")!;
  assert.deepEqual([fib.selfMs, fib.totalMs, fib.line], [3, 3, 10]);
  const handler = summary.functions.find((f) => f.name === "handler")!;
  assert.deepEqual([handler.selfMs, handler.totalMs, handler.line], [1, 4, 5]);
  assert.equal(summary.functions[0]!.name, "fib", "heaviest self time first");
  assert.equal(summary.flame.totalMs, 4);
});

/** A snapshot with V8's field layout: nodes [type, name, id, self_size, edge_count]. */
function snapshot(nodes: [string, string, number, number][], edges: [number, string, string, number][]): HeapSnapshotFile {
  const nodeTypes = ["hidden", "array", "string", "object", "code", "closure", "regexp", "number", "native", "synthetic"];
  const edgeTypes = ["context", "element", "property", "internal", "hidden", "shortcut", "weak"];
  const strings: string[] = [];
  const intern = (s: string) => { const i = strings.indexOf(s); return i >= 0 ? i : strings.push(s) - 1; };
  const flatNodes: number[] = [];
  nodes.forEach(([type, name, id, size], index) => {
    flatNodes.push(nodeTypes.indexOf(type), intern(name), id, size, edges.filter((e) => e[0] === index).length);
  });
  const flatEdges: number[] = [];
  for (const [from, type, name, to] of [...edges].sort((a, b) => a[0] - b[0])) {
    void from;
    flatEdges.push(edgeTypes.indexOf(type), type === "element" ? Number(name) : intern(name), to * 5);
  }
  return {
    snapshot: { meta: { node_fields: ["type", "name", "id", "self_size", "edge_count"], node_types: [nodeTypes], edge_fields: ["type", "name_or_index", "to_node"], edge_types: [edgeTypes] } },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  };
}

// root(0) → global(1) → cache Map(2) → table(3) → Entry(4), Entry(5); Entry(5) also held weakly
// by a WeakRef(6) that the global holds; an Other(7) reachable two ways (global and Map).
const leak = snapshot(
  [["synthetic", "", 1, 0], ["object", "Object / ", 3, 40], ["object", "Map", 5, 30], ["array", "", 7, 100], ["object", "Entry", 9, 1000], ["object", "Entry", 11, 1000], ["object", "WeakRef", 13, 20], ["object", "Other", 15, 7]],
  [[0, "element", "1", 1], [1, "property", "cache", 2], [1, "property", "ref", 6], [1, "property", "other", 7], [2, "internal", "table", 3], [3, "element", "0", 4], [3, "element", "1", 5], [6, "weak", "target", 5], [2, "property", "other", 7]],
);

test("heap snapshot: retained sizes from the dominator tree, weak edges keep nothing", () => {
  const summary = summarizeHeapSnapshot(leak);
  const row = (name: string) => summary.constructors.find((r) => r.className === name)!;
  assert.deepEqual([row("Entry").count, row("Entry").retainedBytes], [2, 2000]);
  assert.equal(row("Map").retainedBytes, 30 + 100 + 2000, "Other is held by the global too, so the Map does not retain it");
  assert.equal(row("WeakRef").retainedBytes, 20);
  assert.equal(summary.totalBytes, 40 + 30 + 100 + 2000 + 20 + 7);
  assert.equal(summary.largest?.className, "Map");
  assert.equal(formatRetainerPath(summary.largest!.path!), "globalThis → cache (Map)");
});

test("heap snapshot: the retainer path of a class goes through strong edges only", () => {
  const found = retainerPathOfClass(leak, "Entry")!;
  assert.equal(formatRetainerPath(found.path), "globalThis → cache (Map) → table ((internal array)) → [0] (Entry)");
  assert.equal(found.retainedBytes, 1000);
  assert.equal(retainerPathOfClass(leak, "Nothing"), null);
});

test("heap snapshot diff: what grew, largest growth first", () => {
  const grown = snapshot(
    [["synthetic", "", 1, 0], ["object", "Object / ", 3, 40], ["object", "Map", 5, 30], ["array", "", 7, 150], ["object", "Entry", 9, 1000], ["object", "Entry", 11, 1000], ["object", "Entry", 17, 1000]],
    [[0, "element", "1", 1], [1, "property", "cache", 2], [2, "internal", "table", 3], [3, "element", "0", 4], [3, "element", "1", 5], [3, "element", "2", 6]],
  );
  const diff = diffHeapSummaries(leak, grown);
  assert.deepEqual(diff[0], { className: "Entry", countDelta: 1, selfBytesDelta: 1000 });
  assert.ok(diff.some((r) => r.className === "WeakRef" && r.countDelta === -1));
});
