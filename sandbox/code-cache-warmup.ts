// Once per process, before the first isolates are prepared: a few typical requests run in a
// scratch isolate, then the prelude's and the chunks' code caches are made again there, now
// holding the functions those requests compiled (prelude-script.ts, refreshCodeCaches).
// Measured on this machine: a fresh isolate's first request fell from 5.4–8.7 ms to 3.0 ms and
// the next few from 110–340 µs to 70–240 µs; preparing an isolate did not get slower.
//
// The warm-up worker is ours, never the learner's (V8 must not accept cached data from users:
// ENGINEERING-NOTES), and it runs in an isolate of its own that is disposed afterwards, so no
// simulated world sees it: only how fast code compiles changes, never what it does.
import type { DeliveryEvent, IsolateHandle, IsolateOp, WireRequest } from "../server/sim/isolate-port.ts";
import { instrumentsOf } from "./instruments/isolate-instruments.ts";
import { IsolatePool } from "./isolate-pool.ts";
import type { SandboxLimits } from "./limits.ts";
import { refreshCodeCaches, warmChunkCaches } from "./prelude-script.ts";
import { loadWorker } from "./worker-loader.ts";

/** What most workers do: URLs and search params, headers, bodies as text and JSON, KV, crypto. */
const warmupWorker = `
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const name = url.searchParams.get("name") ?? "world";
    if (request.method === "POST") {
      const body = await request.json();
      await env.KV.put("last", JSON.stringify(body), { expirationTtl: 60 });
      return Response.json({ ok: true, id: crypto.randomUUID() }, { status: 201 });
    }
    const seen = Number((await env.KV.get("n")) ?? "0") + 1;
    await env.KV.put("n", String(seen));
    const headers = new Headers({ "content-type": "text/plain;charset=UTF-8", "x-seen": String(seen) });
    headers.set("cache-control", "no-store");
    const bytes = new TextEncoder().encode("hello " + name + " " + request.headers.get("user-agent"));
    return new Response(new TextDecoder().decode(bytes), { headers });
  },
};`;

const requests: WireRequest[] = [
  { method: "GET", url: "https://warm.example.com/hello?name=edge", headers: [["user-agent", "warmup"]], body: null },
  { method: "POST", url: "https://warm.example.com/items", headers: [["content-type", "application/json"]], body: new TextEncoder().encode(JSON.stringify({ a: 1, b: [true, null, "x"] })) },
];

/** Deliveries per request at most: each answers the worker's calls (KV) until it responds. */
const deliveriesPerRequestMax = 8;
const rounds = 4;

let warmed = false;

export function warmCodeCaches(limits: SandboxLimits): void {
  warmChunkCaches();
  if (warmed) return;
  warmed = true;
  const pool = new IsolatePool({ memoryMbMax: limits.isolateMemoryMbMax, inspector: false, size: 0, reuse: false });
  const loaded = loadWorker({ pool, codeCache: null, limits, inspector: false }, { name: "warmup", version: "v1", code: warmupWorker, bindings: { KV: { type: "kv" } } }, { seed: 1, nowMs: 0, sync: () => ({ ok: true, value: null }) });
  // A warm-up that cannot run only leaves the caches as they were.
  if (!loaded.ok) return;
  try {
    for (let round = 0; round < rounds; round++) {
      requests.forEach((request, index) => runRequest(loaded.isolate, `w${round}-${index}`, request));
    }
    const isolate = instrumentsOf(loaded.isolate)?.isolate;
    if (isolate !== undefined && loaded.isolate.alive) refreshCodeCaches(isolate);
  } finally {
    loaded.isolate.dispose();
  }
}

function runRequest(isolate: IsolateHandle, requestId: string, request: WireRequest): void {
  let event: DeliveryEvent = { kind: "fetch", requestId, request, cf: { colo: "warm", region: "warm", tlsVersion: "TLSv1.3" } };
  for (let delivery = 0; delivery < deliveriesPerRequestMax; delivery++) {
    const { ops, end } = isolate.deliver(event, delivery);
    if (end !== null) return;
    const call = ops.find((op): op is Extract<IsolateOp, { kind: "call" }> => op.kind === "call");
    if (call === undefined) return;
    // A KV get answers "no value"; every other call answers null.
    event = { kind: "reply", callId: call.callId, result: { ok: true, value: call.method === "get" ? { value: null, metadata: null } : null } };
  }
}
