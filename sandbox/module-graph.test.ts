// Workers of several modules, some TypeScript, in real isolates: relative imports resolve as
// esbuild resolves them (extensionless, `.js` naming a `.ts` file, index files), types are
// stripped on deploy, and every error names the module and the line the learner wrote — a
// compile error, a missing import, and a runtime exception's stack through stripped TypeScript.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { WorkerScript } from "../server/sim/isolate-port.ts";
import { createSandboxFactory } from "./index.ts";
import { prepareModuleGraph, resolveRelative } from "./module-graph.ts";
import { MiniHost } from "./testing/mini-host.ts";

const sandbox = createSandboxFactory({ poolSize: 0 });
after(() => sandbox.dispose());

const worker = (main: string, code: string, modules: Record<string, string> = {}): WorkerScript => ({ name: "app", version: "v1", main, code, modules, bindings: {} });

const router = `import { greet } from "./greet";
interface Route { path: string }

export function route(path: string): string {
  if (path === "/boom") {
    const unused: Route = { path };
    throw new Error("boom");
  }
  return greet(path as string);
}
`;
const index = `import { route } from "./router.js";
type Env = Record<string, never>;
export default {
  fetch(req: Request, env: Env): Response {
    return new Response(route(new URL(req.url).pathname));
  },
};
`;

test("a TypeScript worker of three modules answers, and its stack names the learner's lines", () => {
  const host = new MiniHost(sandbox, worker("src/index.ts", index, { "src/router.ts": router, "src/greet.js": `export function greet(p) { return "hello " + p; }\n` }));
  assert.equal(host.request("https://a.example/hi").body, "hello /hi");
  const boom = host.request("https://a.example/boom");
  assert.equal(boom.status, 500);
  assert.match(boom.exception!.stack, /at route \(src\/router\.ts:7:11\)/);
  assert.match(boom.exception!.stack, /src\/index\.ts:5:/);
});

test("a syntax error in one module names that module and its line", () => {
  const loaded = new MiniHost(sandbox, worker("index.ts", `import { x } from "./b.ts";\nexport default { fetch() { return new Response(x) } }`, { "b.ts": "\n\nexport const x: string = (;\n" })).load();
  assert.equal(loaded.ok, false);
  assert.deepEqual(!loaded.ok && [loaded.error.code, loaded.error.file, loaded.error.line], ["compile_error", "b.ts", 3]);
});

test("an import of a module the worker lacks names the specifier, the importer and the modules there are", () => {
  const loaded = new MiniHost(sandbox, worker("index.js", `import "./lib/util";\nexport default {}`, { "lib/helpers.js": "" })).load();
  assert.equal(loaded.ok, false);
  assert.match(!loaded.ok ? loaded.error.message : "", /No such module "\.\/lib\/util"\.\n  imported from "index\.js"[\s\S]*"lib\/helpers\.js"/);
});

test("resolution follows esbuild: extensionless, .js for .ts, index files, parent folders", () => {
  const prepared = prepareModuleGraph(worker("src/index.ts", "", { "src/a.ts": "", "src/lib/index.ts": "", "shared/b.mjs": "" }));
  assert.ok(prepared.ok);
  const graph = prepared.graph;
  assert.equal(resolveRelative(graph, "src/index.ts", "./a"), "src/a.ts");
  assert.equal(resolveRelative(graph, "src/index.ts", "./a.js"), "src/a.ts");
  assert.equal(resolveRelative(graph, "src/index.ts", "./lib"), "src/lib/index.ts");
  assert.equal(resolveRelative(graph, "src/lib/index.ts", "../../shared/b"), "shared/b.mjs");
  assert.equal(resolveRelative(graph, "src/index.ts", "../../../etc/passwd"), null);
  assert.equal(resolveRelative(graph, "src/index.ts", "lodash"), null);
});

test("module names must be plain relative paths", () => {
  const bad = prepareModuleGraph(worker("index.js", "", { "../escape.js": "" }));
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error.message : "", /must be a relative path/);
});

test("a single-module JavaScript worker loads as before, named <name>.js", () => {
  const host = new MiniHost(sandbox, { name: "solo", version: "v1", code: `export default { fetch() { throw new Error("x") } }`, bindings: {} });
  assert.match(host.request("https://a.example/").exception!.stack, /solo\.js:1:/);
});
