// An abandoned session is closed after sessionIdleMs without a connection, freeing its world
// (isolates and Durable Object databases): /healthz counts it, and its token then starts a new
// session with a notice that says why. A session whose tab is still connected is never closed,
// however long it sits still. Real server, real world processes, real WebSocket clients.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { StartedServer } from "../server/main.ts";
import { helloScenario, LiveClient, startTestServer } from "./live-client.ts";

const sessionIdleMs = 400;
let server: StartedServer;
before(async () => {
  server = await startTestServer({ sessionIdleMs, worldProcesses: 1 });
});
after(() => server.close());

async function health(): Promise<{ sessions: { live: number; connected: number; closedIdle: number } }> {
  return (await (await fetch(`${server.url}/healthz`)).json()) as never;
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test("a session without a connection is closed after sessionIdleMs; its token starts a new one with a notice", async () => {
  const closedBefore = (await health()).sessions.closedIdle;
  const abandoned = await LiveClient.connect(server.url);
  await abandoned.ok({ type: "load_scenario", scenario: helloScenario });
  const token = abandoned.token;
  const kept = await LiveClient.connect(server.url);
  await kept.ok({ type: "load_scenario", scenario: helloScenario });
  const liveBefore = (await health()).sessions.live;
  await abandoned.close();
  await until(async () => (await health()).sessions.closedIdle > closedBefore, "the idle session to close");
  assert.equal((await health()).sessions.live, liveBefore - 1, "its world is gone from the registry");
  // Well past the idle limit, the connected session is still there and steps.
  await new Promise((resolve) => setTimeout(resolve, sessionIdleMs * 2));
  assert.equal((await health()).sessions.closedIdle, closedBefore + 1, "only the abandoned session was closed");
  assert.equal((await kept.ok({ type: "step" })).type, "stepped");
  const back = await LiveClient.connect(server.url, { token });
  assert.notEqual(back.token, token, "a new session, not the closed one");
  await until(async () => back.messages.some((m) => m.type === "notice" && m.code === "no_such_session"), "the no_such_session notice");
  const state = back.lastState();
  assert.equal(state?.scenario ?? null, null, "the new session starts empty");
  await back.close();
  await kept.close();
});
