// Checks the client's view reducer against the server's viewAt on real world traces (the fake
// isolates run the counter workers): every position gives the same view, through checkpoints,
// and a truncated (branched) trace forgets the checkpoints past the cut.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { counterWorker, fourRegions, worldOf } from "../../../server/sim/testing/scenarios.ts";
import { viewAt } from "../../../server/sim/world/view.ts";
import type { TraceEntry } from "../../../server/protocol/index.ts";
import { ViewIndex, checkpointEveryEntries } from "./view-reducer.ts";

function longTrace() {
  const traffic = Array.from({ length: 120 }, (_, i) => ({ atMs: i * 50, from: fourRegions[i % 4]!, method: "POST", url: "https://app.example.com/inc" }));
  return worldOf({ worker: counterWorker("do-counter"), traffic, faults: [{ atMs: 500, kind: "pop_down", pop: "eu-west" }] }).run().trace;
}

test("the client's view equals the server's viewAt at every position", () => {
  const trace = longTrace();
  assert.ok(trace.length > checkpointEveryEntries * 2, `trace long enough to cross checkpoints (${trace.length})`);
  const index = new ViewIndex(trace);
  for (let n = 0; n <= trace.length; n += 37) assert.deepEqual(index.viewAt(n), viewAt(trace, n), `position ${n}`);
  assert.deepEqual(index.viewAt(trace.length), viewAt(trace, trace.length));
  // Going back after going forward uses the checkpoints and still agrees.
  assert.deepEqual(index.viewAt(3), viewAt(trace, 3));
});

test("views handed out never alias the checkpoints", () => {
  const trace = longTrace();
  const index = new ViewIndex(trace);
  const view = index.viewAt(checkpointEveryEntries);
  view.faults.push("tampered");
  view.pops["x"] = { advertised: false };
  assert.deepEqual(index.viewAt(checkpointEveryEntries), viewAt(trace, checkpointEveryEntries));
});

test("after a branch truncates the trace, views follow the new entries", () => {
  const trace = longTrace();
  const index = new ViewIndex(trace);
  index.viewAt(trace.length);
  const cut = checkpointEveryEntries + 10;
  const other = worldOf({ worker: counterWorker("kv-counter"), traffic: [{ atMs: 0, from: "us-west", method: "POST", url: "https://app.example.com/inc" }] }).run().trace;
  const branched = [...trace.slice(0, cut), ...other.slice(1).map((e) => ({ ...e, t: Math.max(e.t, trace[cut - 1]!.t) }) as TraceEntry)];
  index.truncate(branched, cut);
  assert.deepEqual(index.viewAt(branched.length), viewAt(branched, branched.length));
});
