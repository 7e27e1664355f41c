// The race explorer over the live protocol, against a real server, a real WebSocket and real
// world processes: lesson 8's KV counter is explored (progress, then a result whose shrunk story
// names the two reads), an exploration of the Durable Object version is cancelled from the
// client, and check_history reports the current run's history as a history view draws it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import type { StartedServer } from "../server/main.ts";
import { LiveClient, startTestServer } from "./live-client.ts";

let server: StartedServer;
before(async () => {
  server = await startTestServer({ log: (line) => console.error(line) });
});
after(() => server.close());

function lesson8(file: string, together: boolean) {
  const dir = new URL("../lessons/08-lost-update/", import.meta.url);
  const json = JSON.parse(readFileSync(new URL("scenario.json", dir), "utf8"));
  json.worker.code = readFileSync(new URL(file, dir), "utf8");
  json.traffic = json.traffic.filter((t: { method: string }) => t.method === "POST").map((t: { atMs: number }) => (together ? { ...t, atMs: 0 } : t));
  return json;
}

test("explore streams progress and a shrunk result; cancel stops one; check_history explains the run", async () => {
  const client = await LiveClient.connect(server.url);
  await client.ok({ type: "load_scenario", scenario: lesson8("starter.js", false) });
  const sent = client.messages.length;
  const started = await client.ok({ type: "explore", property: { kind: "no-lost-update" }, bound: 1 });
  assert.equal(started.type, "ack");
  const id = (started as { replyTo: number }).replyTo;
  const result = await client.waitFor((m) => m.type === "explore_result" && m.replyTo === id, 60_000, sent);
  assert.ok(result.type === "explore_result" && result.verdict === "violated", JSON.stringify(result));
  assert.deepEqual(result.shrunk!.kept, [0, 1]);
  assert.match(result.explanation!, /r1 .*read views .*saw no value.* and r2 .*saw no value.* each answered 1/);
  assert.ok(client.messages.some((m) => m.type === "explore_progress" && m.replyTo === id));

  await client.ok({ type: "step_until", until: { kind: "time", atMs: 5_000 } });
  const checked = await client.ok({ type: "check_history" });
  assert.ok(checked.type === "history_checked" && checked.verdict === "illegal", JSON.stringify(checked).slice(0, 400));
  assert.equal(checked.operations.length, 4);
  assert.ok(checked.operations.every((op) => op.f === "inc" && op.output === 1));
  const kv = await client.ok({ type: "check_history", history: "kv" });
  assert.ok(kv.type === "history_checked" && kv.model === "register" && kv.operations.some((op) => op.f === "read"));

  const counter = checked.linearizations[0]!;
  assert.equal(counter.initialState, "0");
  assert.deepEqual(counter.states, counter.order.map((_, i) => String(i + 1)), "the counter's state after each linearized increment");

  // The shrunk story replays into the live world: its choices are taken at their steps, and the
  // run loses an update just as the explorer said (both kept requests answer 1).
  const shrunk = result.shrunk!;
  const replayed = await client.ok({ type: "explore_replay", kept: shrunk.kept, choices: shrunk.choices.map((c) => ({ step: c.step, eventId: c.eventId })), seed: result.seed });
  assert.equal(replayed.type, "scenario_loaded");
  const steppedReplay = await client.ok({ type: "step", count: 100_000 });
  assert.ok(steppedReplay.type === "stepped" && steppedReplay.stopped === "rest", JSON.stringify(steppedReplay));
  const bodies = client.messages.slice(client.messages.indexOf(replayed)).flatMap((m) => (m.type === "response" ? [m.response.body] : []));
  assert.deepEqual(bodies, ['{"count":1}', '{"count":1}'], `the replayed schedule loses an update: ${JSON.stringify(bodies)}`);
  const badKept = await client.call({ type: "explore_replay", kept: [7], choices: [] });
  assert.ok(badKept.type === "error" && badKept.code === "invalid_command" && badKept.path === "kept.0", JSON.stringify(badKept));

  await client.ok({ type: "load_scenario", scenario: lesson8("solution.js", true) });
  const second = await client.ok({ type: "explore", property: { kind: "no-lost-update" }, bound: 3, runsMax: 100_000 });
  const secondId = (second as { replyTo: number }).replyTo;
  const busy = await client.call({ type: "explore", property: { kind: "no-5xx" } });
  assert.ok(busy.type === "error" && busy.code === "explore_running", JSON.stringify(busy));
  await client.waitFor((m) => m.type === "explore_progress" && m.replyTo === secondId);
  const beforeCancel = client.messages.length;
  await client.ok({ type: "explore_cancel" });
  const cancelled = await client.waitFor((m) => m.type === "explore_result" && m.replyTo === secondId, 60_000, beforeCancel);
  assert.ok(cancelled.type === "explore_result" && cancelled.verdict === "cancelled", JSON.stringify(cancelled));
  await client.close();
});
