// A scenario's worker may be several modules, some TypeScript: the world runs it in real
// isolates, a load error names the module and line, and the scenario's own mistakes (code and
// modules both, a main that is not among the modules) name the field.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { runScenario } from "../server/world/run-scenario.ts";

const sandbox = createSandboxFactory({ poolSize: 1 });
after(() => sandbox.dispose());

const scenario = (worker: Record<string, unknown>) => ({
  name: "mm", seed: 1, world: { regions: ["us-east"] },
  worker: { routes: ["a.example.com/*"], ...worker },
  traffic: [{ atMs: 0, from: "us-east", method: "GET", url: "https://a.example.com/x" }],
});

const modules = {
  "src/index.ts": "import { hello } from './hello';\nexport default { fetch(req: Request): Response { return new Response(hello(new URL(req.url).pathname)); } };\n",
  "src/hello.ts": "export const hello = (p: string): string => `hi ${p}`;\n",
};

test("a TypeScript worker of two modules answers through the world", () => {
  const parsed = parseScenario(scenario({ main: "src/index.ts", modules }));
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const run = runScenario(parsed.value, 1, sandbox);
  assert.ok(run.ok, run.ok ? "" : run.message);
  assert.deepEqual(run.result.responses.map((r) => [r?.status, r?.body]), [[200, "hi /x"]]);
});

test("a syntax error in one module names that module and its line", () => {
  const parsed = parseScenario(scenario({ main: "src/index.ts", modules: { ...modules, "src/hello.ts": "\n\nexport const hello = (;\n" } }));
  assert.ok(parsed.ok);
  const run = runScenario(parsed.value, 1, sandbox);
  assert.equal(run.ok, false);
  assert.match(!run.ok ? run.message : "", /compile_error at src\/hello\.ts:3:/);
});

test("scenario mistakes about modules name the field", () => {
  const both = parseScenario(scenario({ code: "export default {}", modules }));
  assert.equal(!both.ok && both.error.path, "worker.code");
  const missing = parseScenario(scenario({ main: "src/nope.ts", modules }));
  assert.equal(!missing.ok && missing.error.path, "worker.main");
  assert.match(!missing.ok ? missing.error.message : "", /no module named "src\/nope\.ts"/);
});

test("console output carries the module and line of the code that logged it, TypeScript lines mapped back", () => {
  const logging = {
    "src/index.ts": "import { hello } from './hello';\nexport default { fetch(req: Request): Response { return new Response(hello(new URL(req.url).pathname)); } };\n",
    "src/hello.ts": "type Path = string;\n\nexport const hello = (p: Path): string => {\n  console.log('hello for', p);\n  return `hi ${p}`;\n};\n",
  };
  const parsed = parseScenario(scenario({ main: "src/index.ts", modules: logging }));
  assert.ok(parsed.ok);
  const run = runScenario(parsed.value, 1, sandbox);
  assert.ok(run.ok, run.ok ? "" : run.message);
  const log = run.result.trace.find((e) => e.kind === "log");
  assert.ok(log && log.kind === "log");
  assert.equal(log.message, "hello for /x");
  assert.deepEqual(log.source && { file: log.source.file, line: log.source.line }, { file: "src/hello.ts", line: 4 });
});
