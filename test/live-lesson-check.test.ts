// Lesson checks over the live protocol, against a real server and real isolates: lesson 8's
// check fails on the starter's run with the evidence, and passes once the learner's fixed code
// is loaded with `load_scenario { lessonId }` (the lesson stays open for the new run); without
// lessonId the lesson closes, and an unknown lessonId is refused naming the field. An uncaught
// exception in the learner's code is traced with the file and line it was thrown at.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import type { StartedServer } from "../server/main.ts";
import { LiveClient, startTestServer } from "./live-client.ts";

let server: StartedServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const lessonDir = new URL("../lessons/08-lost-update/", import.meta.url);

function lessonScenarioWith(file: string) {
  const json = JSON.parse(readFileSync(new URL("scenario.json", lessonDir), "utf8"));
  json.worker.code = readFileSync(new URL(file, lessonDir), "utf8");
  return json;
}

async function runToRest(client: LiveClient): Promise<void> {
  for (let i = 0; i < 100 && !client.lastState()?.atRest; i++) await client.ok({ type: "step", count: 500 });
  assert.ok(client.lastState()?.atRest, "the lesson's traffic ran to the end");
}

test("lesson 8's check fails on the starter and passes on the fixed code loaded with its lessonId", async () => {
  const client = await LiveClient.connect(server.url);
  await client.ok({ type: "load_lesson", lessonId: "08-lost-update" });
  await runToRest(client);
  const starter = await client.ok({ type: "check_lesson" });
  assert.ok(starter.type === "lesson_check" && !starter.pass, JSON.stringify(starter));
  assert.match(starter.hint, /lost/);

  const loaded = await client.ok({ type: "load_scenario", scenario: lessonScenarioWith("solution.js"), lessonId: "08-lost-update" });
  assert.ok(loaded.type === "scenario_loaded" && loaded.lessonId === "08-lost-update");
  assert.equal(client.lastState()?.lessonId, "08-lost-update");
  await runToRest(client);
  const fixed = await client.ok({ type: "check_lesson" });
  assert.ok(fixed.type === "lesson_check" && fixed.pass, JSON.stringify(fixed));

  await client.ok({ type: "load_scenario", scenario: lessonScenarioWith("solution.js") });
  const closed = await client.call({ type: "check_lesson" });
  assert.ok(closed.type === "error" && closed.code === "no_such_lesson", JSON.stringify(closed));
  const unknown = await client.call({ type: "load_scenario", scenario: lessonScenarioWith("solution.js"), lessonId: "99-no-such" });
  assert.ok(unknown.type === "error" && unknown.code === "no_such_lesson" && unknown.path === "lessonId", JSON.stringify(unknown));
  await client.close();
});

test("an uncaught exception is traced with the file and line it was thrown at", async () => {
  const client = await LiveClient.connect(server.url);
  const code = "export default {\n  async fetch(request) {\n    const x = null;\n    return new Response(x.y);\n  },\n};\n";
  await client.ok({ type: "load_scenario", scenario: { name: "throws", world: { regions: ["us-west"] }, worker: { name: "app", routes: ["app.example.com/*"], code }, traffic: [] } });
  const sent = await client.ok({ type: "send_request", request: { from: "us-west", method: "GET", url: "https://app.example.com/", headers: {}, body: null } });
  assert.equal(sent.type, "request_sent");
  await client.ok({ type: "step_until", until: { kind: "response" } });
  const error = client.trace.find((e) => e.kind === "log" && e.level === "error");
  assert.ok(error?.kind === "log", "the exception is logged");
  assert.match(error.message, /TypeError/);
  assert.equal(error.source?.file, "app.js");
  assert.equal(error.source?.line, 4);
  await client.close();
});
