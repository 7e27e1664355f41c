// `npm run corpus [-- NAME...]`: runs the corpus of realistic Worker programs (test/corpus/) in
// the world with real isolates and prints each failure and the score, passing/total. Exits 1
// when any program fails.
import { createSandboxFactory } from "../sandbox/index.ts";
import { corpusPrograms, runCorpus } from "../test/corpus/run-corpus.ts";

const filter = process.argv.slice(2);
const names = corpusPrograms().filter((name) => filter.length === 0 || filter.some((part) => name.includes(part)));
const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
try {
  const results = runCorpus(sandbox, names);
  for (const result of results) {
    console.log(`${result.passed ? "pass" : "FAIL"} ${result.name}`);
    for (const failure of result.failures) console.log(`     ${failure}`);
  }
  const passed = results.filter((r) => r.passed).length;
  console.log(`corpus: ${passed}/${results.length} programs pass`);
  process.exitCode = passed === results.length ? 0 : 1;
} finally {
  sandbox.dispose();
}
