// Scripted workers for the world's tests, written with the effects of fake-isolates.ts. Each
// reads like the Worker it stands for; `yield` is where the real code would `await`.

import { utf8Encode } from "../core/hash.ts";
import type { CallTarget, WireRequest, WireResponse } from "../isolate-port.ts";
import { textResponse, utf8Decode } from "../world/wire.ts";
import type { Effect, FakeEnv, FakeProgram, Handler } from "./fake-isolates.ts";

const call = (target: CallTarget, method: string, args: unknown[]): Effect => ({ t: "call", target, method, args });

export const kvGet = (binding: string, key: string) => call({ type: "kv", binding }, "get", [key, {}]);
export const kvPut = (binding: string, key: string, value: string) => call({ type: "kv", binding }, "put", [key, utf8Encode(value), {}]);
export const storageGet = (objectId: string, key: string) => call({ type: "storage", objectId }, "get", [[key]]);
export const storagePut = (objectId: string, key: string, value: unknown) => call({ type: "storage", objectId }, "put", [[[key, value]]]);
export const sleep = (ms: number): Effect => ({ t: "sleep", ms });

/** A stub fetch to the object named `name` of the namespace bound as `binding`. */
export function stubFetch(env: FakeEnv, binding: string, name: string, request: WireRequest): Effect {
  const spec = env.bindings[binding];
  if (spec?.type !== "durable_object") throw new Error(`${binding} is not a DO binding`);
  const id = env.sync({ type: "object_id_from_name", binding, name });
  if (!id.ok) throw new Error(id.error.message);
  return call({ type: "object", binding, className: spec.className, objectId: id.value as string, objectName: name, locationHint: null }, "fetch", [request]);
}

function kvText(reply: unknown): string | null {
  const value = (reply as { value: Uint8Array | null }).value;
  return value === null ? null : utf8Decode(value);
}

function pathOf(request: WireRequest): string {
  return /^https?:\/\/[^/]+([^?#]*)/.exec(request.url)?.[1] ?? "/";
}

function* kvCounter(_request: WireRequest): Handler {
  const n = Number(kvText(yield kvGet("COUNTS", "n")) ?? "0") + 1;
  yield kvPut("COUNTS", "n", String(n));
  return textResponse(200, String(n));
}

/** PUT /key writes the body; GET /key reads (body "null" when absent). */
function* kvReadWrite(request: WireRequest): Handler {
  const key = pathOf(request).slice(1);
  if (request.method === "PUT") {
    yield kvPut("COUNTS", key, utf8Decode(request.body));
    return textResponse(200, "ok");
  }
  return textResponse(200, kvText(yield kvGet("COUNTS", key)) ?? "null");
}

/** Forwards to the object named by the path (`/o/<name>` → object `<name>`, default "global"). */
function* toObject(request: WireRequest, env: FakeEnv): Handler {
  const name = pathOf(request).split("/")[2] || "global";
  return (yield stubFetch(env, "COUNTER", name, request)) as WireResponse;
}

/**
 * The Durable Object counter. `memory.running` catches any request let in while another is
 * between its storage awaits: the input gate must make that impossible. `/slow` waits 500 ms;
 * `/alarm` sets an alarm for t = 5 s.
 */
function counterObject(ctx: { id: string; memory: Record<string, unknown> }) {
  ctx.memory.hits = 0;
  return {
    *fetch(request: WireRequest): Handler {
      if (ctx.memory.running) return textResponse(500, "two requests ran at once");
      ctx.memory.running = true;
      ctx.memory.hits = (ctx.memory.hits as number) + 1;
      const found = (yield storageGet(ctx.id, "n")) as [string, unknown][];
      const n = ((found[0]?.[1] as number | undefined) ?? 0) + 1;
      if (pathOf(request).endsWith("/slow")) yield sleep(500);
      if (pathOf(request).endsWith("/alarm")) yield call({ type: "storage", objectId: ctx.id }, "setAlarm", [5_000]);
      yield storagePut(ctx.id, "n", n);
      ctx.memory.running = false;
      return textResponse(200, `n=${n} memory=${ctx.memory.hits as number}`);
    },
    *alarm(): Handler {
      ctx.memory.alarms = ((ctx.memory.alarms as number) ?? 0) + 1;
    },
  };
}

export const fakePrograms: Record<string, FakeProgram> = {
  hello: {
    *fetch(_request, env) {
      return textResponse(200, `hello from ${env.version}`);
    },
  },
  "kv-counter": { fetch: kvCounter },
  "kv-rw": { fetch: kvReadWrite },
  "do-counter": { fetch: toObject, objects: { Counter: counterObject } },
  /** `/spin` ends the isolate as a CPU limit would; anything else answers after 100 ms. */
  limits: {
    *fetch(request) {
      if (pathOf(request) === "/spin") yield { t: "die", end: { type: "cpu_limit", requestId: null, cpuMs: 60, limitMs: 50 } };
      yield sleep(100);
      return textResponse(200, "done");
    },
  },
  proxy: {
    *fetch() {
      return (yield call({ type: "fetch" }, "fetch", [{ method: "GET", url: "https://origin.example.com/", headers: [], body: null }])) as WireResponse;
    },
  },
};
