// ctx.passThroughOnException(): a fetch handler that called it and then throws fails open, so
// the request goes on to its host's origin and the client gets the origin's answer; with no
// origin in the scenario it gets the usual 500, and the trace says why. Without the call, an
// exception is a 500 as before. Real isolates, one scenario per case.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import type { TraceEntry } from "../server/sim/core/trace.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { runScenario } from "../server/world/run-scenario.ts";

const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
after(() => sandbox.dispose());

const code = `export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path !== "/no-call") ctx.passThroughOnException();
    if (path === "/fine") return new Response("worker answered");
    await null;
    throw new Error("the worker broke");
  },
};`;

function run(paths: string[], origins: unknown[]) {
  const parsed = parseScenario({
    name: "pass-through", seed: 1, world: { regions: ["us-east", "eu-west"] },
    worker: { routes: ["app.example/*"], code, bindings: {} },
    origins,
    traffic: paths.map((path, i) => ({ atMs: i * 100, from: "eu-west", method: "GET", url: `https://app.example${path}` })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const result = runScenario(parsed.value, 1, sandbox);
  assert.ok(result.ok, result.ok ? "" : result.message);
  return result.result;
}

const passes = (trace: readonly TraceEntry[]) => trace.filter((e): e is Extract<TraceEntry, { kind: "pass_through" }> => e.kind === "pass_through");
const origin = { host: "app.example", region: "us-east", status: 203, body: "from the origin", latencyMs: 30 };

test("after passThroughOnException an exception sends the request to the origin", () => {
  const result = run(["/throw"], [origin]);
  const response = result.responses[0]!;
  assert.deepEqual([response.status, response.body], [203, "from the origin"]);
  assert.deepEqual(passes(result.trace).map((e) => [e.req, e.origin, e.status]), [["r1", "app.example", 203]]);
  assert.ok(result.trace.some((e) => e.kind === "log" && e.level === "error" && e.message.includes("the worker broke")), "the exception is still logged");
  // The origin is in another region: its answer costs the round trip plus its own latency.
  assert.ok(response.finishedAtMs - response.startedAtMs > origin.latencyMs + 2 * 40);
});

test("without an origin the request gets the usual 500, and the trace says there was none", () => {
  const result = run(["/throw"], []);
  assert.deepEqual([result.responses[0]!.status, result.responses[0]!.body], [500, "Error: the worker broke"]);
  const [entry] = passes(result.trace);
  assert.equal(entry?.origin, null);
  assert.match(entry?.reason ?? "", /no origin for app\.example/);
});

test("a handler that answers is not passed through, and one that did not call it gets a 500", () => {
  const result = run(["/fine", "/no-call"], [origin]);
  assert.deepEqual(result.responses.map((r) => [r!.status, r!.body]), [[200, "worker answered"], [500, "Error: the worker broke"]]);
  assert.equal(passes(result.trace).length, 0);
});
