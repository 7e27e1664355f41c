// The runtime contract seen from the host: operations come back in issue order, bindings shape
// their calls and replies, waitUntil outlives the response, and Durable Object instances keep
// memory between requests until the host evicts them.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { DeliveryEvent, IsolateOp } from "../server/sim/isolate-port.ts";
import { createSandboxFactory } from "./index.ts";
import { MiniHost, script, wireRequest } from "./testing/mini-host.ts";

const sandbox = createSandboxFactory({ poolSize: 1 });
after(() => sandbox.dispose());
const noSync = () => ({ ok: false as const, error: { name: "Error", message: "none" } });

test("operations come back in issue order and a reply resumes the awaiting code", () => {
  const loaded = sandbox.load(script(`export default { async fetch(req, env) {
    console.log("first");
    const a = env.KV.get("a"); const b = fetch("https://origin.example/x");
    console.info("second");
    const [va] = await Promise.all([a, b]);
    return new Response("a=" + va);
  } }`, { KV: { type: "kv" } }), { seed: 1, nowMs: 0, sync: noSync });
  assert.ok(loaded.ok);
  const first = loaded.isolate.deliver({ kind: "fetch", requestId: "r1", request: wireRequest("https://w.example/") }, 10);
  const kinds = first.ops.map((op) => (op.kind === "call" ? `call:${op.target.type}:${op.method}` : op.kind === "log" ? `log:${op.message}` : op.kind));
  assert.deepEqual(kinds, ["log:first", "call:kv:get", "call:fetch:fetch", "log:second"]);
  const calls = first.ops.filter((op): op is Extract<IsolateOp, { kind: "call" }> => op.kind === "call");
  assert.deepEqual(calls[0]!.args, ["a", {}]);
  const reply = (callId: number, value: unknown): DeliveryEvent => ({ kind: "reply", callId, result: { ok: true, value } });
  const afterKv = loaded.isolate.deliver(reply(calls[0]!.callId, { value: new TextEncoder().encode("1"), metadata: null }), 20);
  assert.deepEqual(afterKv.ops, [], "still waiting for the subrequest");
  const done = loaded.isolate.deliver(reply(calls[1]!.callId, { status: 200, statusText: "OK", headers: [], body: null }), 30);
  assert.deepEqual(done.ops.map((op) => op.kind), ["response", "request_done"]);
  const response = done.ops[0] as Extract<IsolateOp, { kind: "response" }>;
  assert.equal(new TextDecoder().decode(response.response.body!), "a=1");
  loaded.isolate.dispose();
});

test("KV values convert by type and a failed call rejects with the host's error", () => {
  const host = new MiniHost(sandbox, script(`export default { async fetch(req, env) {
    await env.KV.put("j", JSON.stringify({ n: 1 }), { metadata: { tag: "x" } });
    const json = await env.KV.get("j", "json"); const buf = await env.KV.get("j", { type: "arrayBuffer" });
    const meta = await env.KV.getWithMetadata("j"); const missing = await env.KV.get("nope");
    const stream = await new Response(await env.KV.get("j", "stream")).text();
    const list = await env.KV.list({ prefix: "j" });
    return Response.json({ json, bytes: buf.byteLength, meta: meta.metadata, missing, stream, keys: list.keys.map((k) => k.name) });
  } }`, { KV: { type: "kv" } }));
  const body = JSON.parse(host.request("https://w.example/").body);
  assert.deepEqual(body, { json: { n: 1 }, bytes: 7, meta: { tag: "x" }, missing: null, stream: '{"n":1}', keys: ["j"] });
});

test("waitUntil work runs after the response and keeps the request open until it settles", () => {
  const loaded = sandbox.load(script(`export default { async fetch(req, env, ctx) {
    ctx.waitUntil(new Promise((r) => setTimeout(r, 100)).then(() => console.log("after")));
    return new Response("now");
  } }`), { seed: 1, nowMs: 0, sync: noSync });
  assert.ok(loaded.ok);
  const first = loaded.isolate.deliver({ kind: "fetch", requestId: "r1", request: wireRequest("https://w.example/") }, 0);
  assert.deepEqual(first.ops.map((op) => op.kind), ["timer_set", "response"]);
  const timer = first.ops[0] as Extract<IsolateOp, { kind: "timer_set" }>;
  assert.equal(timer.delayMs, 100);
  const later = loaded.isolate.deliver({ kind: "timer", timerId: timer.timerId }, 100);
  assert.deepEqual(later.ops.map((op) => (op.kind === "log" ? op.message : op.kind)), ["after", "request_done"]);
  loaded.isolate.dispose();
});

test("a Durable Object keeps memory between requests, uses storage, and loses memory on eviction", () => {
  const host = new MiniHost(sandbox, script(`import { DurableObject } from "cloudflare:workers";
    export class Counter extends DurableObject {
      count = 0;
      async fetch(req) {
        this.count++;
        const stored = ((await this.ctx.storage.get("n")) ?? 0) + 1;
        await this.ctx.storage.put("n", stored);
        return Response.json({ memory: this.count, stored, id: this.ctx.id.toString().length });
      }
    }
    export default { fetch() { return new Response("") } }`, { COUNTER: { type: "durable_object", className: "Counter" } }));
  const object = { className: "Counter", objectId: "a".repeat(64) };
  assert.deepEqual(JSON.parse(host.request("https://w.example/", object).body), { memory: 1, stored: 1, id: 64 });
  assert.deepEqual(JSON.parse(host.request("https://w.example/", object).body), { memory: 2, stored: 2, id: 64 });
  host.isolate!.deliver({ kind: "object_evict", objectId: object.objectId }, host.nowMs);
  assert.deepEqual(JSON.parse(host.request("https://w.example/", object).body), { memory: 1, stored: 3, id: 64 });
});

test("blockConcurrencyWhile in a constructor finishes before the first request runs", () => {
  const host = new MiniHost(sandbox, script(`export class Loader {
      constructor(state) { this.ready = false; state.blockConcurrencyWhile(async () => { await new Promise((r) => setTimeout(r, 50)); this.ready = true; }); }
      fetch() { return new Response(String(this.ready)); }
    }
    export default { fetch() { return new Response("") } }`, { L: { type: "durable_object", className: "Loader" } }));
  assert.equal(host.request("https://w.example/", { className: "Loader", objectId: "b".repeat(64) }).body, "true");
});

test("console levels and formatting reach the host as log operations", () => {
  const host = new MiniHost(sandbox, script(`export default { fetch() {
    console.log("text", 1, { a: [1, 2] }, null); console.warn(new Map([["k", 1]])); console.error(new Error("oops").message);
    return new Response("");
  } }`));
  assert.deepEqual(host.request("https://w.example/").logs, ["log: text 1 { a: [ 1, 2 ] } null", "warn: Map(1) { \"k\" => 1 }", "error: oops"]);
});
