// Real public Worker programs (test/real-programs/) run unmodified: each, bundled as wrangler
// bundles it, must answer every request as Miniflare's workerd does. One test per program, and a
// score test that fails when fewer than 95 % of the programs not excluded answer as workerd does.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { realPrograms, runRealProgram, type RealProgramResult } from "./real-programs/run-real-programs.ts";

const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
after(() => sandbox.dispose());
const results: RealProgramResult[] = [];

for (const name of realPrograms()) {
  test(`real program answers as workerd: ${name}`, async (t) => {
    const result = await runRealProgram(name, sandbox);
    results.push(result);
    if (result.excluded) return void t.skip(result.excluded);
    assert.deepEqual(result.differences, []);
  });
}

test("at least 95 % of the real programs answer as workerd does", () => {
  const counted = results.filter((r) => !r.excluded);
  assert.ok(counted.length >= 4, `only ${counted.length} programs ran`);
  const passed = counted.filter((r) => r.passed).length;
  assert.ok(passed / counted.length >= 0.95, `${passed}/${counted.length} answer as workerd does`);
});
