// Integration: hostile programs in the world, on real isolates and real SQLite. Each checks that
// the program ends only its own request, with the answer the platform gives, and that an
// ordinary request after it answers 200: a promise that can never settle, an object stuck in
// blockConcurrencyWhile, a worker that fetches its own route forever (no host recursion: the
// world process would die of a stack overflow), a 1,000 × 1,000 fan-out to its own route, and
// 6,000 clearTimeout(setTimeout()) pairs in one request.

import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { World } from "../server/sim/world/world.ts";
import { hungMessage } from "../server/sim/world/isolates.ts";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";

const dir = mkdtempSync(join(tmpdir(), "world-hostile-"));
const sandbox = createSandboxFactory();
after(() => {
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const code = `
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/hang": return new Promise(() => {});
      case "/alarm": return env.STUCK.get(env.STUCK.idFromName(url.searchParams.get("name") ?? "x")).fetch(request);
      case "/stuck": return env.STUCK.get(env.STUCK.idFromName(url.searchParams.get("name") ?? "x")).fetch(request);
      case "/self": return fetch(request.url);
      case "/fan": {
        const answers = await Promise.all(Array.from({ length: 1000 }, () => fetch(request.url)));
        return new Response(String(answers.length));
      }
      case "/churn": {
        for (let i = 0; i < 6000; i++) clearTimeout(setTimeout(() => {}, 1000));
        return new Response("churned");
      }
      default: return new Response("ok");
    }
  },
};
export class Stuck {
  constructor(ctx) {
    this.ctx = ctx;
    this.born = ctx.id.name;
    if (this.born === "never") ctx.blockConcurrencyWhile(() => new Promise(() => {}));
  }
  async fetch(request) {
    const url = new URL(request.url);
    if (url.searchParams.get("hang") === "1") return new Promise(() => {});
    if (url.pathname === "/alarm") {
      await this.ctx.storage.setAlarm(Date.now());
      return new Response("armed");
    }
    return new Response("object ok");
  }
  async alarm() {
    const n = ((await this.ctx.storage.get("alarms")) ?? 0) + 1;
    await this.ctx.storage.put("alarms", n);
    if (this.born === "throws") throw new Error("alarm " + n + " fails");
    await this.ctx.storage.setAlarm(Date.now());
  }
}`;

let runs = 0;

function run(paths: string[], spacingMs = 1000, worldOptions: Record<string, unknown> = {}) {
  const parsed = parseScenario({
    seed: 5,
    world: worldOptions,
    worker: { name: "app", code, routes: ["app.example.com/*"], bindings: { STUCK: { type: "durable_object", className: "Stuck" } } },
    traffic: paths.map((path, i) => ({ atMs: i * spacingMs, from: "us-east", method: "GET", url: `https://app.example.com${path}` })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const storage = new SqliteStorageProvider({ dir: join(dir, `run${++runs}`) });
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: storage });
  const result = world.run();
  world.dispose();
  storage.closeAll();
  return result;
}

const summary = (r: { status: number; body: string } | null) => (r === null ? "no answer" : `${r.status} ${r.body}`);

test("a request whose promise can never settle answers 500 as workerd does, the reason in the trace; the next request is served", async () => {
  const result = run(["/hang", "/"]);
  assert.deepEqual(result.responses.map(summary), [`500 Error: ${hungMessage}`, "200 ok"]);
  // workerd's answer to the same hang, less the stack trace Miniflare's entry worker adds.
  const mf = await startMiniflare(`export default { fetch() { return new Promise(() => {}) } }`);
  try {
    const theirs = await mf.dispatchFetch("https://hang.example/");
    assert.equal(theirs.status, 500);
    assert.equal((await theirs.text()).split("\n")[0], `Error: ${hungMessage}`);
  } finally {
    await mf.dispose();
  }
  const hung = result.trace.find((e) => e.kind === "request_hung");
  assert.ok(hung && hung.kind === "request_hung" && hung.req === "r1" && /no timer .* no call/.test(hung.reason));
});

test("an object stuck in blockConcurrencyWhile answers 500 and its gate opens: later requests to it are served", () => {
  const result = run(["/stuck?name=never", "/stuck?name=ok&hang=1", "/stuck?name=ok", "/"]);
  const [stuck, hung, fine, plain] = result.responses;
  assert.equal(stuck?.status, 500);
  assert.match(stuck?.body ?? "", /never generate a response/);
  assert.equal(hung?.status, 500);
  assert.deepEqual([summary(fine ?? null), summary(plain ?? null)], ["200 object ok", "200 ok"]);
  // The stuck object was evicted with the error, so its next request builds a fresh instance.
  assert.ok(result.trace.some((e) => e.kind === "do_state" && e.reason === "hung"));
});

test("a worker that fetches its own route forever is refused at subrequestDepthMax, without host recursion; the next request is served", () => {
  const result = run(["/self", "/"]);
  assert.equal(result.responses[0]?.status, 500);
  assert.match(result.responses[0]?.body ?? "", /subrequestDepthMax \(16\)/);
  assert.equal(summary(result.responses[1] ?? null), "200 ok");
  assert.equal(result.trace.filter((e) => e.kind === "subrequest").length, 16);
});

test("a 1,000 × 1,000 fan-out to its own route is refused at subrequestsPerTreeMax; the next request is served", () => {
  const result = run(["/fan", "/"], 60_000);
  assert.equal(result.responses[0]?.status, 503);
  assert.match(result.responses[0]?.body ?? "", /subrequestsPerTreeMax \(1000\)/);
  assert.equal(summary(result.responses[1] ?? null), "200 ok");
  assert.ok(result.trace.filter((e) => e.kind === "subrequest").length <= 1000);
});

test("6,000 clearTimeout(setTimeout()) pairs in one request answer 200: live timers count, not operations issued", () => {
  const result = run(["/churn", "/"]);
  assert.deepEqual(result.responses.map(summary), ["200 churned", "200 ok"]);
});

test("an alarm that re-arms for Date.now() runs after alarmDelayMsMin each time: virtual time moves, later requests are served, the run ends at its bound", () => {
  const result = run(["/alarm?name=loop", "/"], 2_000, { runTimeMsMax: 5_000 });
  assert.deepEqual(result.responses.map(summary), ["200 armed", "200 ok"]);
  const alarms = result.trace.filter((e) => e.kind === "deliver" && e.event === "object_alarm").map((e) => e.t);
  assert.ok(alarms.length > 10 && alarms.length <= 500, `alarms ran ${alarms.length} times in 5 s`);
  for (let i = 1; i < alarms.length; i++) assert.ok(alarms[i]! - alarms[i - 1]! >= 10, "each re-armed alarm waits alarmDelayMsMin");
  assert.equal(result.completed, false);
});

test("an alarm whose handler throws is retried with exponential backoff from 2 s, at most 6 times", () => {
  const result = run(["/alarm?name=throws", "/"], 1_000, { runTimeMsMax: 600_000 });
  assert.deepEqual(result.responses.map(summary), ["200 armed", "200 ok"]);
  const alarms = result.trace.filter((e) => e.kind === "deliver" && e.event === "object_alarm").map((e) => e.t);
  assert.equal(alarms.length, 7, "the first run and six retries");
  const gaps = alarms.slice(1).map((t, i) => t - alarms[i]!);
  gaps.forEach((gap, i) => assert.ok(gap >= 2_000 * 2 ** i && gap < 2_000 * 2 ** i + 100, `retry ${i + 1} after ${gap} ms`));
  assert.ok(result.trace.some((e) => e.kind === "limit" && e.limit === "alarmRetriesMax"));
});
