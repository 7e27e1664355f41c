// The contract between the simulated world and the code that runs workers in real V8 isolates.
//
// The world owns time, randomness, routing and every binding's semantics (KV, Durable Object
// storage, subrequests). An isolate only runs the learner's code: the world delivers one event
// with a synchronous call, the isolate runs until no microtask is left, and the call returns the
// operations the code started, in issue order (DESIGN.md rule 2). Everything that crosses this
// boundary is plain data (copies), never a live object of either side.
//
// The sandbox implements these interfaces (sandbox/ imports these types); the world depends only
// on this file, so it can be tested with a scripted fake and stays free of isolated-vm.

export type BindingSpec =
  | { type: "kv" }
  | { type: "durable_object"; className: string }
  | { type: "var"; value: string }
  /** Another worker of the scenario, by name; `entrypoint` names its exported WorkerEntrypoint class (null: the default export). */
  | { type: "service"; service: string; entrypoint: string | null };

export interface WorkerScript {
  /** Worker name, used in stack traces as the file name (`<name>.js`). */
  name: string;
  /** Deployment version label; it tells apart isolates of two versions of one worker. */
  version: string;
  /** An ES module: `export default { fetch(request, env, ctx) }`, Durable Object classes as named exports. */
  code: string;
  /** The main module's path when the worker has several modules (default `<name>.js`); a `.ts` path is TypeScript. */
  main?: string;
  /** The worker's other modules by relative path (`"src/router.ts"`), imported with relative specifiers. */
  modules?: Record<string, string>;
  bindings: Record<string, BindingSpec>;
  /** As in a wrangler configuration: the date and flags that decide, among others, the node: modules. */
  compatibilityDate?: string;
  compatibilityFlags?: string[];
}

/** A request or response as copied across the boundary. Header names are lower-case. */
export interface WireRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array | null;
}

/** `request.cf` as the world knows it: the PoP (colo) that took the request, its region and, over https, the TLS version. */
export interface RequestCf {
  colo: string;
  region: string;
  tlsVersion?: string;
}

export interface WireResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array | null;
}

export interface WireError {
  name: string;
  message: string;
  /** The stack, with frames in the user's file named `<worker name>.js:line:column`. */
  stack: string;
}

// ---- Events the world delivers to an isolate ----

export type DeliveryEvent =
  /** A request for the worker's `fetch` handler (of the default export, or of the named WorkerEntrypoint a service binding names). */
  | { kind: "fetch"; requestId: string; request: WireRequest; cf?: RequestCf; entrypoint?: string | null }
  /** An RPC call through a service binding, to the default export or a named WorkerEntrypoint. */
  | { kind: "rpc"; requestId: string; entrypoint: string | null; call: RpcCall }
  /** A request for one Durable Object instance; the isolate constructs the instance on first use. */
  | { kind: "object_fetch"; requestId: string; className: string; objectId: string; objectName: string | null; request: WireRequest }
  /** An RPC call on a Durable Object's stub (a method call, or a property read). */
  | { kind: "object_rpc"; requestId: string; className: string; objectId: string; objectName: string | null; call: RpcCall }
  /** An alarm set through `ctx.storage.setAlarm` is due. */
  | { kind: "object_alarm"; requestId: string; className: string; objectId: string; objectName: string | null }
  /** Drop the in-memory instance of an object (eviction). Its storage lives in the world. */
  | { kind: "object_evict"; objectId: string }
  /** The answer to an asynchronous `call` operation. */
  | { kind: "reply"; callId: number; result: CallResult }
  /** A timer the worker set is due (its timers run on the world's virtual clock). */
  | { kind: "timer"; timerId: number };

/**
 * One RPC call as it crosses the boundary: a method call with its arguments, or a property read
 * (`await stub.prop`). The arguments were structured-cloned in the caller's isolate, so they are
 * plain data (objects, arrays, Map, Set, Date, RegExp, typed arrays, errors, bigints).
 */
export interface RpcCall {
  member: string;
  access: "call" | "get";
  args: unknown[];
}

export type CallResult = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

// ---- Operations an isolate issues ----

/**
 * Who an asynchronous call is addressed to. The argument and reply shapes per method:
 *
 * kv      get            [key, { cacheTtl?: number }]                      → { value: Uint8Array | null, metadata: unknown }
 *         put            [key, value: Uint8Array, { expiration?, expirationTtl?, metadata? }] → null
 *         delete         [key]                                              → null
 *         list           [{ prefix?, limit?, cursor? }]                     → { keys: { name, expiration?, metadata? }[], list_complete, cursor? }
 * object  fetch          [WireRequest]                                      → WireResponse
 *         rpc            [RpcCall]                                          → the member's value (cloned)
 * service fetch          [WireRequest]                                      → WireResponse
 *         rpc            [RpcCall]                                          → the member's value (cloned)
 * storage get            [keys: string[]]                                   → [key, value][] (found keys only)
 *         put            [entries: [key, value][]]                          → null
 *         delete         [keys: string[]]                                   → number deleted
 *         list           [{ start?, startAfter?, end?, prefix?, reverse?, limit? }] → [key, value][]
 *         deleteAll      []                                                 → null
 *         transaction    [ops: ({ op: "put", entries } | { op: "delete", keys })[]] → null (all or nothing)
 *         getAlarm       []                                                 → number | null
 *         setAlarm       [scheduledTimeMs: number]                          → null
 *         deleteAlarm    []                                                 → null
 * fetch   fetch          [WireRequest]                                      → WireResponse
 * cache   match          [CacheKeyRequest, { ignoreMethod?: boolean }]      → WireResponse | null
 *         put            [CacheKeyRequest, WireResponse]                    → null (kept or not, as the policy says)
 *         delete         [CacheKeyRequest, { ignoreMethod?: boolean }]      → boolean (whether an entry was deleted)
 *
 * A failed call replies `{ ok: false, error: { name, message } }`; the isolate rejects the
 * caller's promise with an error of that name and message.
 */
export type CallTarget =
  /** A Workers KV namespace bound as `binding`; methods get, getWithMetadata, put, delete, list. */
  | { type: "kv"; binding: string }
  /** A Durable Object stub's `fetch`, from the namespace bound as `binding`. Args: [WireRequest]. */
  | { type: "object"; binding: string; className: string; objectId: string; objectName: string | null; locationHint: string | null }
  /** A service binding to another worker of the scenario (fetch and RPC). */
  | { type: "service"; binding: string; service: string; entrypoint: string | null }
  /** An object's own `ctx.storage`: get, put, delete, list, deleteAll, transaction (batched ops), getAlarm, setAlarm, deleteAlarm. */
  | { type: "storage"; objectId: string }
  /** A subrequest with the global `fetch`. Args: [WireRequest]. */
  | { type: "fetch" }
  /** The Cache API at the caller's PoP: `caches.default` (name null) or `caches.open(name)`. */
  | { type: "cache"; name: string | null };

/** The request side of a Cache API call: what keys the entry and what the policy reads. */
export interface CacheKeyRequest {
  method: string;
  url: string;
  headers: [string, string][];
}

export type LogLevel = "log" | "info" | "warn" | "error" | "debug";

export type IsolateOp =
  | { kind: "log"; requestId: string | null; level: LogLevel; message: string; /** The stack line of the code that logged (`at fetch (app.js:12:13)`), when known. */ at?: string }
  | { kind: "call"; callId: number; requestId: string | null; target: CallTarget; method: string; args: unknown[] }
  | { kind: "timer_set"; timerId: number; requestId: string | null; delayMs: number }
  | { kind: "timer_clear"; timerId: number }
  | { kind: "response"; requestId: string; response: WireResponse }
  /** The outcome of an RPC request (`object_rpc`, `rpc`): the member's cloned value, or the error to rethrow at the caller. */
  | { kind: "rpc_result"; requestId: string; result: CallResult }
  /**
   * The handler threw or its promise rejected before a response; the world answers 500, or,
   * with `passThrough` (the handler called `ctx.passThroughOnException()`), sends the request
   * on to the route's origin.
   */
  | { kind: "exception"; requestId: string; error: WireError; passThrough?: boolean }
  /** Every promise passed to `ctx.waitUntil` has settled after the response: the request is over. */
  | { kind: "request_done"; requestId: string }
  /** A limit the sandbox enforces inside the isolate was hit (log lines, timers, body size). */
  | { kind: "limit"; requestId: string | null; limit: string; message: string };

// ---- Synchronous calls from an isolate ----

/**
 * Calls the worker's code makes that must answer synchronously, as on the real platform
 * (`ctx.storage.sql.exec` returns a cursor at once; `idFromName` returns an id at once).
 */
export type SyncCall =
  | { type: "sql"; objectId: string; query: string; params: unknown[] }
  | { type: "object_id_from_name"; binding: string; name: string }
  | { type: "object_id_unique"; binding: string; locationHint: string | null };

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
  rowsRead: number;
  rowsWritten: number;
}

export type SyncResult = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

export type SyncHandler = (call: SyncCall) => SyncResult;

// ---- Loading and delivering ----

/** Why an isolate stopped: the world answers 503 to every request that was in it. */
export type IsolateEnd =
  | { type: "cpu_limit"; requestId: string | null; cpuMs: number; limitMs: number }
  | { type: "memory_limit"; limitMb: number }
  | { type: "wall_limit"; limitMs: number }
  | { type: "crashed"; message: string };

export interface DeliveryResult {
  ops: IsolateOp[];
  /** null while the isolate is alive; otherwise it is disposed and must not be used again. */
  end: IsolateEnd | null;
  /** Measured, not simulated: shown beside the run, never part of the trace hash. */
  measured: { cpuMs: number; wallMs: number };
}

export interface ColdStartPhases {
  createIsolateMs: number;
  loadCodeMs: number;
  bindingsMs: number;
  moduleInitMs: number;
}

export interface ColdStart {
  phases: ColdStartPhases;
  /** The isolate came from the warm pool (the prelude was already loaded). */
  fromPool: boolean;
  codeCache: "hit" | "miss" | "rejected" | "off";
}

export type LoadError = {
  code: "compile_error" | "module_not_found" | "init_exception" | "invalid_worker" | "cpu_limit" | "memory_limit" | "crashed";
  message: string;
  line: number | null;
  column: number | null;
  /** The module the line is in, when the worker has several (e.g. `src/router.ts`). */
  file?: string;
};

export type LoadResult =
  | { ok: true; isolate: IsolateHandle; coldStart: ColdStart; logs: IsolateOp[] }
  | { ok: false; error: LoadError; coldStart: ColdStart | null };

export interface LoadOptions {
  /** Seeds all randomness inside the isolate (the random number global, getRandomValues, randomUUID). */
  seed: number;
  /** The virtual time module initialization sees as the current time. */
  nowMs: number;
  sync: SyncHandler;
}

export interface IsolateHandle {
  readonly alive: boolean;
  /** Delivers one event at virtual time `nowMs` and returns what the code did until quiescence. */
  deliver(event: DeliveryEvent, nowMs: number): DeliveryResult;
  /** Measured heap and CPU of this isolate. */
  stats(): { heapUsedBytes: number; heapTotalBytes: number; cpuMs: number; externalBytes?: number };
  dispose(): void;
}

export interface IsolateFactory {
  load(script: WorkerScript, options: LoadOptions): LoadResult;
}
