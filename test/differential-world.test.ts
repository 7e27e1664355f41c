// Differential test of stateful programs against the real Workers runtime: KV and Durable Object
// programs run in a one-region world with zero KV replication lag and no jitter (real isolates,
// real SQLite object storage) and in Miniflare (workerd). Requests are sequential: in the world
// each is sent long after the previous one answered (KV writes to one key ≥ 1 s apart in
// simulated time, the KV model's rate limit), in Miniflare each dispatchFetch awaits the previous
// one. Status and body must match request by request. Each test gets fresh state on both sides.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { parseScenario, World } from "../server/sim/index.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";

const program = `
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const q = url.searchParams;
    const key = q.get("key");
    switch (url.pathname) {
      case "/kv/put": {
        const options = q.has("meta") ? { metadata: JSON.parse(q.get("meta")) } : {};
        await env.KV.put(key, q.get("value"), options);
        return new Response("put " + key, { status: 201 });
      }
      case "/kv/get": {
        const value = await env.KV.get(key);
        return value === null ? new Response("missing " + key, { status: 404 }) : new Response(value);
      }
      case "/kv/get-json": return Response.json({ value: await env.KV.get(key, "json") });
      case "/kv/meta": {
        const { value, metadata } = await env.KV.getWithMetadata(key);
        return Response.json({ value, metadata });
      }
      case "/kv/meta-raw": return Response.json(await env.KV.getWithMetadata(key));
      case "/kv/list": {
        const list = await env.KV.list(q.has("prefix") ? { prefix: q.get("prefix") } : {});
        return Response.json({ keys: list.keys.map((k) => ({ name: k.name, metadata: k.metadata ?? null })), complete: list.list_complete });
      }
      case "/kv/list-raw": return Response.json(await env.KV.list());
      case "/kv/delete": await env.KV.delete(key); return new Response("deleted " + key);
      case "/counter":
      case "/counter/read":
        return env.COUNTER.get(env.COUNTER.idFromName(q.get("name") ?? "main")).fetch(request);
      case "/sql": return env.SQL.get(env.SQL.idFromName(q.get("name") ?? "main")).fetch(request);
      default: return new Response("no route " + url.pathname, { status: 404 });
    }
  },
};

export class Counter {
  constructor(ctx) { this.ctx = ctx; }
  async fetch(request) {
    const n = (await this.ctx.storage.get("n")) ?? 0;
    if (new URL(request.url).pathname === "/counter/read") return Response.json({ n, keys: [...(await this.ctx.storage.list()).keys()] });
    await this.ctx.storage.put("n", n + 1);
    return new Response("n=" + (n + 1));
  }
}

export class SqlStore {
  constructor(ctx) { this.ctx = ctx; }
  async fetch(request) {
    const q = new URL(request.url).searchParams;
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    if (q.has("add")) sql.exec("INSERT INTO items (name) VALUES (?)", q.get("add"));
    const count = sql.exec("SELECT COUNT(*) AS n FROM items").one().n;
    const rows = sql.exec("SELECT id, name FROM items ORDER BY id").toArray();
    return Response.json({ count, rows });
  }
}`;

const region = "us-east";
const host = "https://diff.example.com";
const spacingMs = 2_000;
const sandbox = createSandboxFactory({ poolSize: 1 });
const dir = mkdtempSync(join(tmpdir(), "differential-world-"));
let runs = 0;
after(() => {
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  status: number;
  body: string;
}

function runWorld(paths: string[]): Outcome[] {
  const parsed = parseScenario({
    seed: 11,
    world: { regions: [region], jitterPercent: 0, kvReplicationLagMs: { [region]: 0 }, kvCentralRegion: region },
    worker: {
      name: "app",
      code: program,
      routes: ["diff.example.com/*"],
      bindings: { KV: { type: "kv" }, COUNTER: { type: "durable_object", className: "Counter" }, SQL: { type: "durable_object", className: "SqlStore" } },
    },
    traffic: paths.map((path, i) => ({ atMs: i * spacingMs, from: region, method: "GET", url: host + path })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const storage = new SqliteStorageProvider({ dir: join(dir, `run${++runs}`) });
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: storage });
  try {
    const result = world.run();
    assert.ok(result.completed, "the world run came to rest");
    return result.responses.map((r, i) => {
      assert.ok(r, `request ${i + 1} (${paths[i]}) got no response in the world`);
      // Each request must have answered before the next one is sent, or the order is not sequential.
      const answeredAt = result.trace.find((e) => e.kind === "response" && e.req === `r${i + 1}`)?.t;
      assert.ok(answeredAt !== undefined && answeredAt < (i + 1) * spacingMs, `request ${i + 1} answered at ${answeredAt} ms, not before the next one`);
      return { status: r.status, body: r.body };
    });
  } finally {
    world.dispose();
    storage.closeAll();
  }
}

async function runMiniflare(paths: string[]): Promise<Outcome[]> {
  const mf = await startMiniflare(program, {
    kvNamespaces: ["KV"],
    durableObjects: { COUNTER: "Counter", SQL: { className: "SqlStore", useSQLite: true } },
  });
  try {
    const out: Outcome[] = [];
    for (const path of paths) {
      const res = await mf.dispatchFetch(host + path);
      out.push({ status: res.status, body: await res.text() });
    }
    return out;
  } finally {
    await mf.dispose();
  }
}

async function assertSame(paths: string[]): Promise<void> {
  const theirs = await runMiniflare(paths);
  const ours = runWorld(paths);
  paths.forEach((path, i) => {
    assert.deepEqual(ours[i], theirs[i], `request ${i + 1} ${path}: world ${JSON.stringify(ours[i])} vs miniflare ${JSON.stringify(theirs[i])}`);
  });
}

test("KV: put, get, get as JSON, getWithMetadata, list and delete across separate requests", async () => {
  // Checks that a sequence of KV requests, each a separate request reading what earlier ones
  // wrote, gives the same status and body as workerd: missing keys, text and JSON values,
  // metadata, listing (sorted names, prefix filter, metadata) and reads after a delete.
  await assertSame([
    "/kv/get?key=a",
    "/kv/put?key=a&value=one",
    "/kv/get?key=a",
    "/kv/put?key=b&value=%7B%22x%22%3A%5B1%2C2%5D%7D&meta=%7B%22tag%22%3A%22json%22%7D",
    "/kv/get-json?key=b",
    "/kv/meta?key=b",
    "/kv/meta?key=a",
    "/kv/meta?key=nope",
    "/kv/put?key=c%2Fnested&value=3",
    "/kv/list",
    "/kv/list?prefix=c",
    "/kv/put?key=a&value=two",
    "/kv/get?key=a",
    "/kv/delete?key=a",
    "/kv/get?key=a",
    "/kv/list",
    "/kv/delete?key=never-written",
  ]);
});

// This test found that workerd's list() result carries `cacheStatus: null`; ours now does too.
test("KV: the raw getWithMetadata and list results serialise the same", async () => {
  // Checks the whole objects the runtime returns (every field, as JSON), not just the parts
  // a program usually reads: getWithMetadata of a present and an absent key, and list().
  await assertSame([
    "/kv/put?key=k&value=v&meta=%7B%22m%22%3A1%7D",
    "/kv/meta-raw?key=k",
    "/kv/meta-raw?key=absent",
    "/kv/list-raw",
  ]);
});

test("Durable Object: a storage counter incremented by several requests and read back", async () => {
  // Checks that ctx.storage get/put state survives across requests to one object, that two
  // names are two objects with their own state, and that the stored keys read back the same.
  await assertSame([
    "/counter/read",
    "/counter",
    "/counter",
    "/counter?name=other",
    "/counter",
    "/counter/read",
    "/counter/read?name=other",
    "/counter/read?name=fresh",
  ]);
});

test("Durable Object: ctx.storage.sql.exec creates a table, inserts and counts across requests", async () => {
  // Checks that a SQLite-backed object's table persists across requests: CREATE TABLE IF NOT
  // EXISTS runs every time, INSERT with a bound parameter, SELECT COUNT(*) via one() and the
  // rows via toArray(), with autoincremented ids, for two separate objects.
  await assertSame([
    "/sql",
    "/sql?add=apple",
    "/sql?add=pear",
    "/sql?name=second&add=fig",
    "/sql?add=it%27s%20%22quoted%22",
    "/sql",
    "/sql?name=second",
  ]);
});
