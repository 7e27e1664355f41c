// A lesson with a lab, checked in a live session: the lab measures the code the session runs
// (the starter after load_lesson, the learner's code after a deploy) in its own child process,
// and the check decides on those figures. Lesson 16: the starter fails (about 1× itself), the
// solution deployed live passes (well above 1.5×). Lesson 6, which has no lab, is checked on the
// run alone: the starter loses the cart across the failover.
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

const solution16 = readFileSync(new URL("../lessons/16-hidden-classes/solution.js", import.meta.url), "utf8");

test("lesson 16 in a live session: the lab times the starter, then the deployed solution", async () => {
  const client = await LiveClient.connect(server.url);
  await client.ok({ type: "load_lesson", lessonId: "16-hidden-classes" });
  const playFrom = client.messages.length;
  await client.ok({ type: "play", speed: "max" });
  await client.waitFor((m) => m.type === "state" && m.state.atRest, 120_000, playFrom);
  const starter = await client.ok({ type: "check_lesson" });
  assert.equal(starter.type, "lesson_check");
  if (starter.type !== "lesson_check") return;
  assert.equal(starter.pass, false, starter.hint);
  assert.ok(starter.figures.some((f) => f.id === "speedup" && typeof f.value === "number"), "the lab's speed-up reached the check");

  await client.ok({ type: "deploy", deploy: { code: solution16 } });
  await client.ok({ type: "reset" });
  const afterReset = await client.ok({ type: "check_lesson" });
  // reset drops the live deploy: the starter runs again, and the lab measures it again.
  assert.equal(afterReset.type === "lesson_check" && afterReset.pass, false);

  await client.ok({ type: "deploy", deploy: { code: solution16 } });
  const traffic = await client.ok({ type: "send_request", request: { from: "us-east", method: "GET", url: "https://shapes.example.com/sum" } });
  assert.equal(traffic.type, "request_sent");
  const solutionPlayFrom = client.messages.length;
  await client.ok({ type: "play", speed: "max" });
  await client.waitFor((m) => m.type === "state" && m.state.atRest, 120_000, solutionPlayFrom);
  const solved = await client.ok({ type: "check_lesson" });
  assert.equal(solved.type, "lesson_check");
  if (solved.type === "lesson_check") assert.equal(solved.pass, true, solved.hint);
  await client.close();
});

test("lesson 6 in a live session: the starter's cart is lost across the failover", async () => {
  const client = await LiveClient.connect(server.url);
  await client.ok({ type: "load_lesson", lessonId: "06-anycast" });
  const playFrom = client.messages.length;
  await client.ok({ type: "play", speed: "max" });
  await client.waitFor((m) => m.type === "state" && m.state.atRest, 120_000, playFrom);
  const result = await client.ok({ type: "check_lesson", predictions: { "where-r2": "us-east" } });
  assert.equal(result.type, "lesson_check");
  if (result.type === "lesson_check") {
    assert.equal(result.pass, false);
    assert.match(result.hint, /the cart lost apple/);
  }
  assert.ok(client.trace.some((e) => e.kind === "retry"), "the client's retries are in the live trace");
  await client.close();
});
