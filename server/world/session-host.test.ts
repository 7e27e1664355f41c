// The session host reads its isolates' heaps before each event only while the session's
// instruments are on (`heapSamples` of each command): the samples are sent only then, and the
// reads were a tenth of a session played at full speed. Real isolates, memory storage.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createSandboxFactory } from "../../sandbox/index.ts";
import { SessionHost } from "./session-host.ts";

const sandbox = createSandboxFactory();
const root = mkdtempSync(join(tmpdir(), "session-host-"));
after(() => {
  sandbox.dispose();
  rmSync(root, { recursive: true, force: true });
});

const scenario = {
  name: "heap",
  seed: 1,
  world: { regions: ["us-east"] },
  // Each request keeps more: the heap changes from one delivery to the next.
  worker: { code: `const kept = []; export default { fetch() { kept.push(new Array(5000).fill(kept.length)); return new Response(String(kept.length)) } }`, routes: ["h.example.com/*"] },
  traffic: Array.from({ length: 20 }, (_, i) => ({ atMs: i * 10, from: "us-east", method: "GET", url: `https://h.example.com/${i}` })),
};

function hostWithSession(id: string): SessionHost {
  const host = new SessionHost(sandbox, root, null);
  host.open(id, { scenario, seed: 1, actions: [] }, 0, 0, 0);
  return host;
}

/** Runs the session to rest, slice by slice (a slice also ends after sliceMsMax of wall time). */
function runToRest(host: SessionHost, id: string, heapSamples: boolean) {
  const entries: unknown[] = [];
  const heap: { usedBytes: number }[] = [];
  let ran = 0;
  for (;;) {
    const slice = host.run(id, { kind: "steps", count: 500 }, false, heapSamples);
    ran += slice.ran;
    entries.push(...slice.delta.entries);
    heap.push(...slice.delta.heap);
    if (slice.stopped !== "slice") return { ran, entries, heap, stopped: slice.stopped };
  }
}

test("with instruments off, a run reads no heap samples; with them on, each delivery's heap is there", () => {
  const off = hostWithSession("off");
  const quiet = runToRest(off, "off", false);
  assert.equal(quiet.stopped, "rest");
  assert.ok(quiet.ran > 40, `ran ${quiet.ran}`);
  assert.deepEqual(quiet.heap, []);
  off.close("off");

  const on = hostWithSession("on");
  const sampled = runToRest(on, "on", true);
  assert.equal(sampled.ran, quiet.ran, "the same run either way");
  // `measured` holds wall-clock figures (a cold start's phases), which differ from run to run.
  const simulated = (entries: unknown[]) => JSON.stringify(entries, (key, value) => (key === "measured" ? undefined : value));
  assert.equal(simulated(sampled.entries), simulated(quiet.entries), "the trace does not depend on the reads");
  assert.ok(sampled.heap.length >= 10, `${sampled.heap.length} samples`);
  const used = sampled.heap.map((s) => s.usedBytes);
  assert.ok(used[used.length - 1]! > used[0]!, "the worker's growing heap shows");
  on.close("on");
});
