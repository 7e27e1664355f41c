// Integration: the whole tree one client request causes is bounded (issue 12 §4), on real
// isolates and real SQLite. Every kind of call a worker can make to more code is a subrequest
// counted against the tree's one budget (subrequestsPerTreeMax, subrequestDepthMax): a fetch to
// its own route, a service binding's fetch, a Durable Object's fetch or RPC call, and the
// fetches of ctx.waitUntil work after the response. The tree's code also shares one CPU budget
// (treeCpuMsMax), measured per delivery by the sandbox. Each refusal is a 5xx naming its limit,
// and an ordinary request after it answers 200.

import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { limits } from "../server/sim/core/limits.ts";
import type { TraceEntry } from "../server/sim/core/trace.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { World } from "../server/sim/world/world.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";

const dir = mkdtempSync(join(tmpdir(), "request-tree-"));
// A request may spend up to a second of CPU here, so the tree's budget is what ends the burn test.
const sandbox = createSandboxFactory({ limits: { requestCpuMsMax: 1_000 } });
after(() => {
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const code = `
import { DurableObject } from "cloudflare:workers";
function burn(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) | 0;
  return x;
}
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const width = Number(url.searchParams.get("w") ?? "0");
    const name = url.searchParams.get("name") ?? "n";
    switch (url.pathname) {
      case "/do-fetch": {
        const answers = await Promise.all(Array.from({ length: width }, (_, i) =>
          env.FAN.get(env.FAN.idFromName(name + "." + i)).fetch("https://fan/?w=" + width + "&name=" + name + "." + i + "&levels=" + (url.searchParams.get("levels") ?? "1"))));
        return new Response(String(answers.length));
      }
      case "/do-rpc": {
        const counts = await Promise.all(Array.from({ length: width }, (_, i) => env.FAN.get(env.FAN.idFromName(name + "." + i)).fan(name + "." + i, width, 1)));
        return new Response(String(counts.length));
      }
      case "/service": {
        const level = Number(url.searchParams.get("level") ?? "0");
        if (level >= 2) return new Response("leaf");
        const answers = await Promise.all(Array.from({ length: width }, () => env.SELF.fetch("https://app.example.com/service?w=" + width + "&level=" + (level + 1))));
        return new Response(String(answers.length));
      }
      case "/wait-chain":
        ctx.waitUntil(fetch(request.url));
        return new Response("later");
      case "/wait-fan":
        ctx.waitUntil(Promise.all([fetch(request.url), fetch(request.url)]));
        return new Response("later");
      case "/burn": {
        // The root only fans out; each child burns n iterations (well inside its own CPU limit).
        burn(Number(url.searchParams.get("n") ?? "0"));
        const answers = await Promise.all(Array.from({ length: width }, () => fetch("https://app.example.com/burn?n=" + url.searchParams.get("child"))));
        return new Response("burnt " + answers.length);
      }
      default: return new Response("ok");
    }
  },
};
export class Fan extends DurableObject {
  async fetch(request) {
    const url = new URL(request.url);
    const levels = Number(url.searchParams.get("levels"));
    const width = Number(url.searchParams.get("w"));
    const name = url.searchParams.get("name");
    if (levels === 0) return new Response("leaf");
    const answers = await Promise.all(Array.from({ length: width }, (_, i) =>
      this.env.FAN.get(this.env.FAN.idFromName(name + "." + i)).fetch("https://fan/?w=" + width + "&name=" + name + "." + i + "&levels=" + (levels - 1))));
    return new Response(String(answers.length));
  }
  async fan(name, width, levels) {
    if (levels === 0) return 0;
    const counts = await Promise.all(Array.from({ length: width }, (_, i) => this.env.FAN.get(this.env.FAN.idFromName(name + "." + i)).fan(name + "." + i, width, levels - 1)));
    return counts.length;
  }
}`;

let runs = 0;

function run(paths: string[], worldOptions: Record<string, unknown> = {}) {
  const parsed = parseScenario({
    seed: 12,
    world: { regions: ["us-east"], ...worldOptions },
    worker: {
      name: "app", code, routes: ["app.example.com/*"],
      bindings: { FAN: { type: "durable_object", className: "Fan" }, SELF: { type: "service", service: "app" } },
    },
    traffic: paths.map((path, i) => ({ atMs: i * 60_000, from: "us-east", method: "GET", url: `https://app.example.com${path}` })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const storage = new SqliteStorageProvider({ dir: join(dir, `run${++runs}`) });
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: storage });
  const result = world.run();
  world.dispose();
  storage.closeAll();
  return result;
}

const summary = (r: { status: number; body: string } | null | undefined) => (r == null ? "no answer" : `${r.status} ${r.body}`);
const limitEntries = (trace: readonly TraceEntry[], limit: string) => trace.filter((e) => e.kind === "limit" && e.limit === limit);

test("Durable Object fetches are subrequests of the tree: 32 objects each calling 32 more are refused at subrequestsPerTreeMax", () => {
  const result = run(["/do-fetch?w=32&name=a", "/"]);
  assert.equal(result.responses[0]?.status, 503, summary(result.responses[0]));
  assert.match(result.responses[0]?.body ?? "", /subrequestsPerTreeMax \(1000\)/);
  assert.equal(summary(result.responses[1]), "200 ok");
  assert.equal(limitEntries(result.trace, "subrequestsPerTreeMax").length, 1);
});

test("Durable Object RPC calls are subrequests of the tree: 32 × 32 RPC calls are refused at subrequestsPerTreeMax", () => {
  const result = run(["/do-rpc?w=32&name=b", "/"]);
  assert.equal(result.responses[0]?.status, 503, summary(result.responses[0]));
  assert.match(result.responses[0]?.body ?? "", /subrequestsPerTreeMax \(1000\)/);
  assert.equal(summary(result.responses[1]), "200 ok");
  assert.ok(result.trace.filter((e) => e.kind === "rpc_call").length <= limits.subrequestsPerTreeMax);
});

test("a chain of Durable Objects each calling the next is refused at subrequestDepthMax", () => {
  const result = run(["/do-fetch?w=1&name=d&levels=100", "/"]);
  // The deepest call rejects naming the limit; each object above answers its caller.
  assert.equal(summary(result.responses[1]), "200 ok");
  assert.equal(limitEntries(result.trace, "subrequestDepthMax").length, 1);
  assert.ok(result.trace.filter((e) => e.kind === "do_enqueue").length <= limits.subrequestDepthMax);
});

test("service-binding calls to the worker itself count in the same tree: 32 × 32 are refused at subrequestsPerTreeMax", () => {
  const result = run(["/service?w=32", "/"]);
  assert.equal(result.responses[0]?.status, 503, summary(result.responses[0]));
  assert.match(result.responses[0]?.body ?? "", /subrequestsPerTreeMax \(1000\)/);
  assert.equal(summary(result.responses[1]), "200 ok");
});

test("ctx.waitUntil fetches stay in their tree: a chain of them after each response ends at subrequestDepthMax", () => {
  const result = run(["/wait-chain", "/"], { runTimeMsMax: 120_000 });
  assert.deepEqual(result.responses.map(summary), ["200 later", "200 ok"]);
  assert.equal(result.trace.filter((e) => e.kind === "subrequest").length, limits.subrequestDepthMax);
  assert.equal(limitEntries(result.trace, "subrequestDepthMax").length, 1);
});

test("ctx.waitUntil fetches stay in their tree: a doubling fan-out after each response ends at subrequestsPerTreeMax", () => {
  const result = run(["/wait-fan", "/"], { runTimeMsMax: 120_000 });
  assert.deepEqual(result.responses.map(summary), ["200 later", "200 ok"]);
  assert.ok(result.trace.filter((e) => e.kind === "subrequest").length <= limits.subrequestsPerTreeMax);
  assert.equal(limitEntries(result.trace, "subrequestsPerTreeMax").length, 1);
});

test("the tree's code shares one CPU budget: 600 subrequests that each burn CPU are refused at treeCpuMsMax", () => {
  // Each child burns 1e7 iterations (at least about 5 ms of CPU, far below its own limit even on
  // a loaded machine): 600 of them pass 2,000 ms on any machine.
  const result = run(["/burn?w=600&child=10000000", "/"]);
  assert.equal(result.responses[0]?.status, 503, summary(result.responses[0]));
  assert.match(result.responses[0]?.body ?? "", new RegExp(`treeCpuMsMax \\(${limits.treeCpuMsMax} ms\\)`));
  assert.equal(summary(result.responses[1]), "200 ok");
  assert.equal(limitEntries(result.trace, "treeCpuMsMax").length, 1);
});
