// The gateway over a real WebSocket: the page, the health checks and the JSON Schemas are
// served; a live session goes through a world process; bad messages get errors that name the
// field without closing the connection; a WebSocket from another origin is refused.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import type { StartedServer } from "../server/main.ts";
import { helloScenario, LiveClient, startTestServer } from "./live-client.ts";

let server: StartedServer;
before(async () => {
  server = await startTestServer({ worldProcesses: 1 });
});
after(() => server.close());

test("the page, the health checks and the schemas are served", async () => {
  const page = await fetch(server.url);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<title>Edge Playground<\/title>/);
  // Hashed build files are kept for good; the page itself is revalidated, so a new build shows.
  assert.equal(page.headers.get("cache-control"), "no-cache");
  const script = /<script[^>]*src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script, "index.html loads a script from /assets/");
  const asset = await fetch(`${server.url}${script}`);
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get("cache-control"), "public, max-age=31536000, immutable");
  assert.deepEqual(await (await fetch(`${server.url}/health`)).json(), { ok: true });
  assert.equal((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status, 404);
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { ok: boolean; worldProcesses: { alive: number } };
  assert.equal(health.ok, true);
  assert.equal(health.worldProcesses.alive, 1);
  const schema = (await (await fetch(`${server.url}/schema/scenario.json`)).json()) as { properties: Record<string, unknown> };
  assert.ok(schema.properties.traffic && schema.properties.worker, "the scenario schema lists its fields");
});

test("a live session goes through the world process and bad messages keep the connection", async () => {
  const client = await LiveClient.connect(server.url);
  client.socket.send("{not json");
  const bad = await client.waitFor((m) => m.type === "error");
  assert.deepEqual(bad, { type: "error", replyTo: null, code: "bad_message", blame: "user", message: "message: not valid JSON", path: "" });
  const missing = await client.call({ type: "load_scenario" } as never);
  assert.ok(missing.type === "error" && missing.code === "bad_message" && missing.path === "scenario" && /expected a scenario object/.test(missing.message), JSON.stringify(missing));
  const badStep = await client.call({ type: "step", count: "many" } as never);
  assert.ok(badStep.type === "error" && badStep.path === "count", JSON.stringify(badStep));
  const invalid = await client.call({ type: "load_scenario", scenario: { ...helloScenario, traffic: [{ atMs: 0, from: "mars", url: "https://a.example.com/" }] } });
  assert.ok(invalid.type === "error" && invalid.code === "invalid_scenario" && invalid.path === "scenario.traffic[0].from", JSON.stringify(invalid));
  await client.ok({ type: "load_scenario", scenario: helloScenario });
  await client.ok({ type: "step_until", until: { kind: "response" } });
  const response = client.messages.find((m) => m.type === "response");
  assert.ok(response?.type === "response" && response.response.body === "hello from /first" && response.response.servedBy === "us-east");
  await client.close();
});

test("a worker that fails to compile is the user's error, with its line", async () => {
  const client = await LiveClient.connect(server.url);
  const error = await client.call({ type: "load_scenario", scenario: { ...helloScenario, worker: { ...helloScenario.worker, code: `export default {\n  fetch() { return new Response("x")) }\n}` } } });
  assert.ok(error.type === "error");
  assert.equal(error.code, "worker_load_failed");
  assert.equal(error.blame, "user");
  assert.match(error.message, /compile_error at worker\.js:2/);
  await client.close();
});

test("a WebSocket from another origin is refused", async () => {
  await assert.rejects(LiveClient.connect(server.url, { origin: "https://evil.example" }), /refused with 401/);
  assert.ok(WebSocket);
});
