// The gateway over a real WebSocket: the page is served, a run goes through the world process,
// bad messages get errors that name the field without closing the session, and a WebSocket from
// another origin is refused.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import { startServer, type StartedServer } from "../server/main.ts";

let server: StartedServer;
before(async () => {
  server = await startServer({ port: 0 });
});
after(() => server.close());

function connect(origin: string): Promise<{ socket: WebSocket; next: () => Promise<Record<string, unknown>> }> {
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { origin });
  const inbox: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  socket.on("message", (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const next = () => new Promise<Record<string, unknown>>((resolve) => {
    const queued = inbox.shift();
    if (queued) resolve(queued);
    else waiters.push(resolve);
  });
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ socket, next }));
    socket.once("unexpected-response", (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once("error", reject);
  });
}

test("the page and the health check are served", async () => {
  const page = await fetch(server.url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<title>Edge Playground<\/title>/);
  assert.deepEqual(await (await fetch(`${server.url}/health`)).json(), { ok: true });
  assert.equal((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status, 404);
});

test("a run goes through the world process and bad messages keep the session", async () => {
  const { socket, next } = await connect(server.url);
  assert.equal((await next()).type, "welcome");
  socket.send("{not json");
  assert.deepEqual(await next(), { type: "error", runId: null, code: "bad_message", blame: "user", message: "message: not valid JSON" });
  socket.send(JSON.stringify({ type: "run_scenario", runId: "x" }));
  assert.match(String((await next()).message), /run_scenario\.scenario/);
  socket.send(JSON.stringify({
    type: "run_scenario",
    runId: "run-1",
    scenario: { name: "ws", seed: 1, world: { regions: ["us-east"] }, worker: { code: `export default { fetch() { return new Response("over ws") } }`, routes: ["a.example.com/*"] }, traffic: [{ atMs: 0, from: "us-east", method: "GET", url: "https://a.example.com/" }] },
  }));
  assert.deepEqual(await next(), { type: "run_started", runId: "run-1" });
  const result = await next();
  assert.equal(result.type, "run_result");
  const responses = (result.result as { responses: { status: number; body: string }[] }).responses;
  assert.deepEqual(responses.map((r) => [r.status, r.body]), [[200, "over ws"]]);
  socket.close();
});

test("a worker that fails to compile is the user's error, with its line", async () => {
  const { socket, next } = await connect(server.url);
  await next();
  socket.send(JSON.stringify({
    type: "run_scenario",
    runId: "bad",
    scenario: { name: "bad", seed: 1, world: { regions: ["us-east"] }, worker: { code: `export default {\n  fetch() { return new Response("x")) }\n}`, routes: ["a.example.com/*"] }, traffic: [] },
  }));
  await next();
  const error = await next();
  assert.equal(error.code, "worker_load_failed");
  assert.equal(error.blame, "user");
  assert.match(String(error.message), /compile_error at worker\.js:2/);
  socket.close();
});

test("a WebSocket from another origin is refused", async () => {
  await assert.rejects(connect("https://evil.example"), /refused with 401/);
});
