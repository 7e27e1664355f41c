// Durable Object SQL and storage limits, differentially: one program probes each limit from a
// SQLite-backed object, in our world (real isolates, real SQLite with workerd's limits) and in
// Miniflare (workerd itself). Each probe must answer the same: the same value, or the same error
// text (workerd appends SQLite's error offset, " at offset N", which better-sqlite3 cannot read;
// it is left out of the comparison). The giant SELECT costs the host nothing, the worker catches
// every refusal, and an ordinary request afterwards answers 200.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario, World } from "../server/sim/index.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";

const program = `
export class Probe {
  constructor(ctx) { this.ctx = ctx; }
  async fetch(request) {
    if (new URL(request.url).pathname !== "/limits") return new Response("object ok");
    const sql = this.ctx.storage.sql;
    const out = {};
    const attempt = async (name, f) => {
      try { out[name] = "ok " + String(await f()); } catch (e) { out[name] = e.name + ": " + e.message; }
    };
    const marks = (n) => Array.from({ length: n }, () => "?").join(",");
    const columns = (n) => Array.from({ length: n }, (_, i) => "c" + i + " INTEGER").join(",");
    await attempt("zeroblobs", () => sql.exec("SELECT zeroblob(500000000), zeroblob(500000000), zeroblob(500000000)").toArray().length);
    await attempt("blobAtMax", () => sql.exec("SELECT length(zeroblob(2200000)) AS n").one().n);
    await attempt("blobOverMax", () => sql.exec("SELECT zeroblob(2200001)").toArray().length);
    await attempt("computedOverMax", () => sql.exec("SELECT hex(zeroblob(1200000))").toArray().length);
    await attempt("boundOverMax", () => sql.exec("SELECT length(?) AS n", "x".repeat(2200001)).one().n);
    await attempt("boundBlobOverMax", () => sql.exec("SELECT length(?) AS n", new Uint8Array(2200001)).one().n);
    sql.exec("CREATE TABLE IF NOT EXISTS t (a BLOB, b BLOB)");
    await attempt("rowOverMax", () => sql.exec("INSERT INTO t VALUES (zeroblob(1500000), zeroblob(1500000))").rowsWritten);
    await attempt("rowFits", () => sql.exec("INSERT INTO t VALUES (zeroblob(900000), zeroblob(900000))").rowsWritten);
    await attempt("params100", () => sql.exec("SELECT " + marks(100), ...Array(100).fill(1)).raw().toArray()[0].length);
    await attempt("params101", () => sql.exec("SELECT " + marks(101), ...Array(101).fill(1)).toArray().length);
    await attempt("param101", () => sql.exec("SELECT ?101", ...Array(101).fill(1)).toArray().length);
    await attempt("columns100", () => sql.exec("CREATE TABLE c100 (" + columns(100) + ")").columnNames.length);
    await attempt("columns101", () => sql.exec("CREATE TABLE c101 (" + columns(101) + ")").rowsWritten);
    await attempt("result101", () => sql.exec("SELECT " + Array.from({ length: 101 }, (_, i) => i).join(",")).toArray().length);
    await attempt("statementAtMax", () => sql.exec("SELECT 1" + " ".repeat(100000 - 8)).toArray().length);
    await attempt("statementOverMax", () => sql.exec("SELECT 1" + " ".repeat(100001 - 8)).toArray().length);
    await attempt("queryOverMax", () => sql.exec("SELECT 1;" + " ".repeat(60000) + "SELECT 2" + " ".repeat(60000)).toArray().length);
    await attempt("putFits", () => this.ctx.storage.put("v", new Uint8Array(1900000)));
    await attempt("putOverMax", () => this.ctx.storage.put("v", new Uint8Array(3000000)));
    await attempt("putStringOverMax", () => this.ctx.storage.put("s", "x".repeat(3000000)));
    await attempt("putKeyAndValueOverMax", () => this.ctx.storage.put("k".repeat(1100000), "x".repeat(1100000)));
    await attempt("longKey", () => this.ctx.storage.put("k".repeat(10000), 1));
    await attempt("getAfter", () => this.ctx.storage.get("v").then((v) => v.length));
    return Response.json(out);
  }
}
export default { fetch(request, env) { return env.PROBE.get(env.PROBE.idFromName("a")).fetch(request); } };`;

const dir = mkdtempSync(join(tmpdir(), "sql-limits-"));
const sandbox = createSandboxFactory({ poolSize: 1 });
after(() => {
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function runWorld(paths: string[]): { status: number; body: string }[] {
  const parsed = parseScenario({
    seed: 5,
    world: { regions: ["us-east"] },
    worker: { name: "app", code: program, routes: ["app.example.com/*"], bindings: { PROBE: { type: "durable_object", className: "Probe" } } },
    traffic: paths.map((path, i) => ({ atMs: i * 1_000, from: "us-east", method: "GET", url: `https://app.example.com${path}` })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const storage = new SqliteStorageProvider({ dir });
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: storage });
  try {
    return world.run().responses.map((r, i) => {
      assert.ok(r, `request ${i + 1} got no response`);
      return { status: r.status, body: r.body };
    });
  } finally {
    world.dispose();
    storage.closeAll();
  }
}

const withoutOffset = (probes: Record<string, string>) =>
  Object.fromEntries(Object.entries(probes).map(([name, answer]) => [name, answer.replace(/ at offset \d+:/, ":")]));

test("Durable Object SQL and storage limits answer as workerd's, and the next request is served", async () => {
  const [limits, plain] = runWorld(["/limits", "/"]);
  assert.equal(limits!.status, 200, limits!.body);
  const ours = JSON.parse(limits!.body) as Record<string, string>;
  assert.equal(ours.zeroblobs, "Error: string or blob too big: SQLITE_TOOBIG");
  assert.equal(ours.blobAtMax, "ok 2200000");
  assert.equal(ours.putOverMax, "Error: string or blob too big: SQLITE_TOOBIG");
  assert.equal(ours.getAfter, "ok 1900000");
  assert.deepEqual(plain, { status: 200, body: "object ok" });

  const mf = await startMiniflare(program, { durableObjects: { PROBE: { className: "Probe", useSQLite: true } } });
  try {
    const theirs = JSON.parse(await (await mf.dispatchFetch("https://app.example.com/limits")).text()) as Record<string, string>;
    assert.deepEqual(ours, withoutOffset(theirs), "each limit answers as in workerd");
  } finally {
    await mf.dispose();
  }
});
