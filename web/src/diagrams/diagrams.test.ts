// Checks the diagram text builders: each is a pure function of the topology (snapshots of real
// world runs), the moment only changes the decoration (so playing never re-renders), and every
// learner string is escaped so that it can neither end a label nor start a Mermaid directive.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { counterWorker, fourRegions, worldOf } from "../../../server/sim/testing/scenarios.ts";
import { viewAt } from "../../../server/sim/world/view.ts";
import type { TraceEntry } from "../../../server/protocol/index.ts";
import { matchSnapshot } from "../testing/snapshot.ts";
import { coldStart, coldStarts } from "./cold-start.ts";
import { doLifecycle } from "./do-lifecycle.ts";
import { mermaidLabel } from "./escape.ts";
import { hostileStrings } from "./hostile-strings.ts";
import { kvReplication } from "./kv-replication.ts";
import { raceDiagram } from "./race.ts";
import { topologyOf } from "./topology.ts";
import { worldMap, worldMapIds } from "./world-map.ts";

function run(code: string, faults: unknown[] = []): TraceEntry[] {
  const traffic = fourRegions.map((from, i) => ({ atMs: i * 1100, from, method: "POST", url: "https://app.example.com/inc" }));
  return worldOf({ worker: counterWorker(code), traffic, faults }).run().trace;
}

test("world map: text from the topology, the moment as classes, badges and dots", () => {
  const trace = run("do-counter", [{ atMs: 2000, kind: "pop_down", pop: "eu-west" }]);
  const topology = topologyOf(trace);
  matchSnapshot(import.meta.url, "world-map", worldMap(topology, trace, 0, viewAt(trace, 0)).text);
  const texts = new Set<string>();
  for (let n = 0; n <= trace.length; n++) texts.add(worldMap(topology, trace, n, viewAt(trace, n)).text);
  assert.equal(texts.size, 1, "the text never changes while the cursor moves");
  const firstRoute = trace.findIndex((e) => e.kind === "route");
  const atRoute = worldMap(topology, trace, firstRoute + 1, viewAt(trace, firstRoute + 1)).decoration;
  assert.ok(atRoute.classes[worldMapIds.pop(0)]?.includes("lit"), "the PoP anycast chose lights up");
  assert.ok(atRoute.classes[worldMapIds.pop(0)]?.includes("miss"), "route cache miss shows on the PoP");
  assert.equal(atRoute.dots["r1"], worldMapIds.isolate(0, 0), "r1's dot sits at the isolate it was routed to");
  const started = trace.findIndex((e) => e.kind === "isolate_start");
  assert.ok(worldMap(topology, trace, started + 1, viewAt(trace, started + 1)).decoration.classes[worldMapIds.isolate(0, 0)]?.includes("warm"));
  assert.ok(worldMap(topology, trace, 0, viewAt(trace, 0)).decoration.classes[worldMapIds.isolate(0, 0)]?.includes("cold"));
  const down = trace.findIndex((e) => e.kind === "health" && !e.advertised);
  assert.ok(down > 0, "the scenario takes eu-west's PoP down");
  assert.ok(worldMap(topology, trace, down + 1, viewAt(trace, down + 1)).decoration.classes[worldMapIds.pop(2)]?.includes("down"));
});

test("KV replication: stale cells are marked while a write has not reached a region", () => {
  const trace = run("kv-counter");
  const topology = topologyOf(trace);
  assert.deepEqual(topology.keys, ["n"]);
  const written = trace.findIndex((e) => e.kind === "kv_write" && e.version !== null);
  const d = kvReplication(topology, viewAt(trace, written + 1), { "ap-south": 60000 });
  matchSnapshot(import.meta.url, "kv-replication", d.text);
  assert.deepEqual(d.decoration.classes["r0x0"], ["fresh"], "the writing region's replica is fresh");
  assert.deepEqual(d.decoration.classes["r0x3"], ["stale"], "a far region's replica is stale");
  assert.match(d.decoration.badges["r0x3"]!, /stale, catches up ≤ 60000 ms/);
  const end = kvReplication(topology, viewAt(trace, trace.length)).decoration;
  assert.ok(Object.entries(end.classes).filter(([id]) => id.startsWith("r")).every(([, c]) => c.includes("fresh")), "everything has caught up at the end");
});

test("Durable Object lifecycle: the state diagram never changes, the current state is lit", () => {
  const trace = run("do-counter");
  const activated = trace.findIndex((e) => e.kind === "do_state" && e.state === "active");
  const objectId = (trace[activated] as { object: string }).object;
  const during = doLifecycle(viewAt(trace, activated + 1), objectId);
  matchSnapshot(import.meta.url, "do-lifecycle", during.text);
  assert.deepEqual(during.decoration.classes["active"], ["current"]);
  assert.match(during.decoration.badges["active"]!, /owner us-west, queue 0, running o1/);
  const hibernated = trace.findIndex((e) => e.kind === "do_state" && e.state === "hibernated");
  assert.deepEqual(doLifecycle(viewAt(trace, hibernated + 1), objectId).decoration.classes["hibernated"], ["current"]);
});

test("race view: the whole run once, revealed message by message", () => {
  const trace = run("kv-counter");
  const at = (n: number) => raceDiagram(trace, null, n);
  matchSnapshot(import.meta.url, "race", at(trace.length).text);
  assert.equal(at(0).text, at(trace.length).text, "moving the cursor never changes the text");
  assert.equal(at(0).decoration.revealed, 0);
  assert.equal(at(trace.length).decoration.revealed, at(trace.length).messageEntries.length);
  const firstRead = trace.findIndex((e) => e.kind === "kv_read");
  const revealed = at(firstRead + 1).decoration.revealed!;
  assert.equal(trace[at(firstRead + 1).messageEntries[revealed - 1]!]!.kind, "kv_read", "the last message shown is the read just stepped");
  const onlyR2 = raceDiagram(trace, new Set(["r2"]), trace.length);
  assert.ok(!/r1 /.test(onlyR2.text) && /r2 /.test(onlyR2.text), "selecting requests filters the messages");
});

test("cold start: the measured phases beside the design's figures", () => {
  const trace = run("kv-counter");
  const starts = coldStarts(trace);
  assert.equal(starts.length, 4, "one cold start per PoP");
  matchSnapshot(import.meta.url, "cold-start", coldStart(starts[0]!).text);
  assert.match(coldStart(null).text, /No cold start yet/);
});

test("every hostile string becomes a label that cannot end itself or start a directive", () => {
  for (const raw of hostileStrings) {
    const label = mermaidLabel(raw);
    const inner = label.slice(1, -1);
    assert.match(label, /^"[^"]*"$/, "one quoted label");
    assert.match(inner, /^([A-Za-z0-9 ._:,/()+=@*-]|#\d+;)*$/, `only plain characters and entity codes in ${JSON.stringify(raw.slice(0, 40))}`);
    assert.doesNotMatch(inner, /-->|%%|\u0000/);
    assert.ok(Array.from(inner).length < 48 * 9, "long strings are clipped");
  }
});

test("hostile strings in KV keys, regions' traffic and object names build diagrams that stay well-formed", () => {
  const trace: TraceEntry[] = [
    { kind: "start", t: 0, seed: 1, options: { world: { regions: ["us-west"] }, workers: ["app@v1"] } },
    ...hostileStrings.map((key, i): TraceEntry => ({ kind: "kv_write", t: i, req: "r1", pop: "us-west-pop", key, version: i + 1, status: "ok" })),
    ...hostileStrings.slice(0, 3).map((object, i): TraceEntry => ({ kind: "do_enqueue", t: 100 + i, object, req: `o${i}`, region: "us-west", depth: 1 })),
  ];
  const topology = topologyOf(trace);
  for (const text of [worldMap(topology, trace, trace.length, viewAt(trace, trace.length)).text, kvReplication(topology, viewAt(trace, trace.length)).text, raceDiagram(trace, null, trace.length).text]) {
    for (const line of text.split("\n")) {
      const structure = line.replace(/"[^"]*"/g, "").replace(/(: | as ).*$/, "");
      assert.match(structure, /^[\sA-Za-z0-9>.\-[\](){}]*$/, `outside labels only ids and arrows: ${line.slice(0, 80)}`);
      assert.doesNotMatch(line, /[<\n]|%%|"[^"]*"[^"]*"[^"]*"/, `no markup, directive or extra quote: ${line.slice(0, 80)}`);
    }
  }
});

test("an RPC call's queue entry in the race view names the call, and hostile member names stay inside the label", () => {
  // rpc_call entries (new with RPC) carry learner strings (the object's name, the method's
  // name): the race view shows them on the object's queue message, escaped like any label.
  const trace: TraceEntry[] = [
    { kind: "start", t: 0, seed: 1, options: { world: { regions: ["us-west"] }, workers: ["app@v1"] } },
    ...hostileStrings.slice(0, 4).flatMap((name, i): TraceEntry[] => [
      { kind: "rpc_call", t: i, req: "r1", call: `o${i}`, target: "object:abc", label: `r1 calls Counter:${name}.${name}()` },
      { kind: "do_enqueue", t: i, object: "abc", req: `o${i}`, region: "us-west", depth: 1 },
    ]),
    { kind: "rpc_call", t: 9, req: "r1", call: "o9", target: "object:abc", label: "r1 calls Counter:A.increment()" },
    { kind: "do_enqueue", t: 9, object: "abc", req: "o9", region: "us-west", depth: 1 },
  ];
  const text = raceDiagram(trace, null, trace.length).text;
  assert.match(text, /o9 Counter#58;A\.increment\(\) queued \(depth 1\)/);
  for (const line of text.split("\n")) {
    assert.doesNotMatch(line, /[<\n]|%%/, `no markup or directive: ${line.slice(0, 80)}`);
  }
});
