// `npm run real-programs [-- NAME...]`: runs the real public Worker programs (test/real-programs/)
// in the world and in Miniflare and prints each difference and the score: programs that answer
// as workerd does / programs run (excluded ones listed with their reason, not counted as passes).
import { createSandboxFactory } from "../sandbox/index.ts";
import { realPrograms, runRealProgram } from "../test/real-programs/run-real-programs.ts";

const filter = process.argv.slice(2);
const names = realPrograms().filter((name) => filter.length === 0 || filter.some((part) => name.includes(part)));
const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
try {
  let passed = 0;
  let excluded = 0;
  for (const name of names) {
    const result = await runRealProgram(name, sandbox);
    if (result.excluded) {
      excluded++;
      console.log(`skip ${name}: ${result.excluded}`);
      continue;
    }
    if (result.passed) passed++;
    console.log(`${result.passed ? "pass" : "FAIL"} ${name}`);
    for (const d of result.differences) console.log(`     ${d}`);
  }
  console.log(`real programs: ${passed}/${names.length - excluded} answer as workerd does (${excluded} excluded)`);
  process.exitCode = passed === names.length - excluded ? 0 : 1;
} finally {
  sandbox.dispose();
}
