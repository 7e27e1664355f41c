// Real public Worker programs (test/real-programs/) run unmodified: each, bundled as wrangler
// bundles it, must answer every request as Miniflare's workerd does. One test per program (a
// program whose failure is known and explained in its program.json is reported as to do, and
// fails once it passes so that the note is removed), and a score test that fails when a program
// that passed stops passing or when fewer than 95 % of the programs not excluded pass.
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
    if (result.knownFailure) {
      assert.ok(!result.passed, `${name} now answers as workerd does: remove its knownFailure note`);
      return void t.todo(result.knownFailure);
    }
    assert.deepEqual(result.differences, []);
  });
}

test("the real programs' score: every program not known to fail answers as workerd does", (t) => {
  const counted = results.filter((r) => !r.excluded);
  assert.ok(counted.length >= 40, `only ${counted.length} programs ran`);
  const passed = counted.filter((r) => r.passed).length;
  t.diagnostic(`${passed}/${counted.length} answer as workerd does (goal 95 %); ${results.length - counted.length} excluded`);
  assert.equal(passed, counted.filter((r) => !r.knownFailure).length);
  assert.ok(passed * 100 >= counted.length * 95, `${passed}/${counted.length} is below the 95 % goal`);
});
