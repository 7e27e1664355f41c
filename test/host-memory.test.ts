// The host's memory, whatever the worker does: each hostile program runs in a fresh, real world
// process (the supervised child that hosts the isolates), and the process's peak resident set
// (VmHWM in /proc/<pid>/status, which counts everything since it started) must stay under
// 1 GiB. An ordinary request after each answers 200. Before the SQLite limits, the giant SELECT
// below took that process to 4.4 GB for 112 s and ended on the isolate's CPU limit.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { WorldPool } from "../server/world/pool.ts";

const hostRssMbMax = 1024;
/** How long one hostile run may take in its world process (the pool's deadline for the command). */
const runMs = 180_000;

interface Run {
  responses: ({ status: number; body: string } | null)[];
}

function peakRssMb(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/)![1]) / 1024;
}

/** Runs one scenario in a new world process; returns its answers and the process's peak RSS. */
async function runInWorldProcess(code: string, paths: string[], bindings: Record<string, unknown> = {}, spacingMs = 60_000) {
  const dir = mkdtempSync(join(tmpdir(), "edge-host-memory-"));
  const world = new WorldPool({ size: 1, runtimeDir: join(dir, "run"), sessionsDir: join(dir, "sessions") });
  try {
    const { pid } = await world.request<{ pid: number }>({ type: "ping" }, runMs);
    const run = await world.request<Run>({
      type: "run_scenario",
      scenario: {
        seed: 1,
        world: { regions: ["us-east"] },
        worker: { name: "app", code, routes: ["app.example.com/*"], bindings },
        traffic: paths.map((path, i) => ({ atMs: i * spacingMs, from: "us-east", method: "GET", url: `https://app.example.com${path}` })),
      },
    }, runMs);
    const answers = run.responses.map((r) => (r === null ? "no answer" : `${r.status} ${r.body}`));
    return { answers, peakMb: peakRssMb(pid) };
  } finally {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const giantSelect = `
export class Big {
  constructor(ctx) { this.ctx = ctx; }
  async fetch(request) {
    if (new URL(request.url).pathname !== "/big") return new Response("object ok");
    const rows = this.ctx.storage.sql.exec("SELECT zeroblob(500000000), zeroblob(500000000), zeroblob(500000000)").toArray();
    return new Response("rows " + rows.length);
  }
}
export default { fetch(request, env) { return env.BIG.get(env.BIG.idFromName("a")).fetch(request); } };`;

test("a SELECT of three 500 MB zeroblobs: the worker gets SQLite's error as a 500, the world process stays under 1 GiB", async () => {
  const { answers, peakMb } = await runInWorldProcess(giantSelect, ["/big", "/"], { BIG: { type: "durable_object", className: "Big" } }, 1_000);
  assert.deepEqual(answers, ["500 Error: string or blob too big: SQLITE_TOOBIG", "200 object ok"]);
  console.log(`giant SELECT: world process peak RSS ${peakMb.toFixed(0)} MB`);
  assert.ok(peakMb < hostRssMbMax, `peak RSS ${peakMb.toFixed(0)} MB`);
});

// A fan-out of 1,000 × 1,000 to the worker's own route, and the same through Durable Objects:
// each request stays within its own limits, but the tree one client request causes is bounded
// as a whole (subrequestsPerTreeMax), so it is refused with a 503 naming the limit. Before the
// tree counted Durable Object calls, the second made a million objects from one request.
const fanOut = `
import { DurableObject } from "cloudflare:workers";
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/fan") {
      const answers = await Promise.all(Array.from({ length: 1000 }, () => fetch(request.url)));
      return new Response(String(answers.length));
    }
    if (url.pathname === "/fan-objects") {
      const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => env.FAN.get(env.FAN.idFromName("n" + i)).fetch("https://fan/n" + i)));
      return new Response(String(answers.length));
    }
    return new Response("ok");
  },
};
export class Fan extends DurableObject {
  async fetch(request) {
    const name = new URL(request.url).pathname.slice(1);
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => this.env.FAN.get(this.env.FAN.idFromName(name + "." + i)).fetch("https://fan/" + name + "." + i)));
    return new Response(String(answers.length));
  }
}`;

for (const path of ["/fan", "/fan-objects"]) {
  test(`a 1,000 × 1,000 fan-out (${path}) is refused at subrequestsPerTreeMax, the world process stays under 1 GiB, the next request is served`, async () => {
    const startedMs = performance.now();
    const { answers, peakMb } = await runInWorldProcess(fanOut, [path, "/"], { FAN: { type: "durable_object", className: "Fan" } });
    assert.match(answers[0] ?? "", /^503 too many subrequests: more than subrequestsPerTreeMax \(1000\)/);
    assert.equal(answers[1], "200 ok");
    console.log(`fan-out ${path}: refused in ${((performance.now() - startedMs) / 1000).toFixed(1)} s of wall time (world process included), peak RSS ${peakMb.toFixed(0)} MB`);
    assert.ok(peakMb < hostRssMbMax, `peak RSS ${peakMb.toFixed(0)} MB`);
  });
}
