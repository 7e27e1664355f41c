// scheduler.wait(ms) waits on the virtual clock (Date.now moves by exactly ms, the response
// leaves that much later, an aborted signal rejects it), and request.cf names the PoP (colo) and
// region that took the request. Real isolates in a two-region world.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { runScenario } from "../server/world/run-scenario.ts";

const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
after(() => sandbox.dispose());

const code = `export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === "/cf") return Response.json({ colo: request.cf.colo, region: request.cf.region });
    if (path === "/abort") {
      const controller = new AbortController();
      const waiting = scheduler.wait(10_000, { signal: controller.signal });
      controller.abort(new Error("stop"));
      return new Response(await waiting.then(() => "waited", (e) => "rejected: " + e.message));
    }
    const before = Date.now();
    const value = await scheduler.wait(1500);
    return new Response(String(Date.now() - before) + " " + String(value));
  },
};`;

function run(traffic: { from: string; path: string }[]) {
  const parsed = parseScenario({
    name: "scheduler", seed: 1, world: { regions: ["us-east", "ap-south"] },
    worker: { routes: ["app.example/*"], code, bindings: {} },
    traffic: traffic.map((t, i) => ({ atMs: i * 10_000, from: t.from, method: "GET", url: `https://app.example${t.path}` })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const result = runScenario(parsed.value, 1, sandbox);
  assert.ok(result.ok, result.ok ? "" : result.message);
  return result.result;
}

test("scheduler.wait(ms) resolves after ms of virtual time, with undefined", () => {
  // A cold request: the code (and its Date.now()) starts once the cold start is over, so the
  // wait is exactly its delay on the clock the code reads.
  const [response] = run([{ from: "us-east", path: "/wait" }]).responses;
  assert.equal(response!.body, "1500 undefined");
  assert.ok(response!.finishedAtMs - response!.startedAtMs >= 1500);
});

test("scheduler.wait rejects with the reason of an aborted signal", () => {
  const [response] = run([{ from: "us-east", path: "/abort" }]).responses;
  assert.equal(response!.body, "rejected: stop");
  assert.ok(response!.finishedAtMs - response!.startedAtMs < 10_000, "the aborted wait's timer does not hold the request");
});

test("request.cf names the PoP and region that took the request", () => {
  const result = run([{ from: "us-east", path: "/cf" }, { from: "ap-south", path: "/cf" }]);
  assert.deepEqual(result.responses.map((r) => JSON.parse(r!.body)), [{ colo: "us-east-pop", region: "us-east" }, { colo: "ap-south-pop", region: "ap-south" }]);
});
