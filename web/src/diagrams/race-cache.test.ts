// Cache API calls show in the race view as messages from the PoP to its own cache, with the
// outcome, and read as one line in the timeline. Built from a hand-written trace.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { TraceEntry } from "../../../server/protocol/index.ts";
import { entryLabel } from "../timeline/labels.ts";
import { raceDiagram } from "./race.ts";

const trace: TraceEntry[] = [
  { kind: "request", t: 0, req: "r1", traffic: 0, from: "us-west", method: "GET", url: "https://a.example/" },
  { kind: "cache", t: 5, req: "r1", pop: "us-west-pop", cache: null, op: "match", url: "https://a.example/", outcome: "miss" },
  { kind: "cache", t: 6, req: "r1", pop: "us-west-pop", cache: "pages", op: "put", url: "https://a.example/", outcome: "not_stored", reason: "Cache-Control: no-store" },
];

test("the race view draws each cache call from the PoP to its cache", () => {
  const diagram = raceDiagram(trace, null, trace.length);
  assert.deepEqual(diagram.messageEntries, [1, 2]);
  assert.match(diagram.text, /participant p1 as cache us-west-pop/);
  assert.match(diagram.text, /r1 match https/);
});

test("the timeline labels a cache call with its cache, outcome and reason", () => {
  assert.equal(entryLabel(trace[1]!), "r1 cache match https://a.example/ at us-west-pop → miss");
  assert.equal(entryLabel(trace[2]!), "r1 cache put https://a.example/ at us-west-pop (pages) → not_stored: Cache-Control: no-store");
});
