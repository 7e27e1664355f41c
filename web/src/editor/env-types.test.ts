// Checks that the generated Env typings make RPC type-check as in the editor: the TypeScript
// compiler (the one Monaco runs) checks a learner's JavaScript file with the generated env.d.ts
// and @cloudflare/workers-types, with Monaco's options. A method of the Durable Object class
// and of a service's WorkerEntrypoint is typed (its result is the method's), and a method that
// does not exist is an error, which it would not be with untyped stubs.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import ts from "typescript";
import { envTypeSource } from "./env-types.ts";

const require = createRequire(import.meta.url);
const workersTypes = readFileSync(require.resolve("@cloudflare/workers-types/index.d.ts"), "utf8");

const app = `import { DurableObject } from "cloudflare:workers";
export class Counter extends DurableObject {
  /** @param {number} by */
  async increment(by) { return by + 1; }
}
export class Old { hello() { return 1; } }
export default {
  /** @param {Request} request @param {Env} env */
  async fetch(request, env) {
    /** @type {number} */ const n = await env.COUNTER.getByName("A").increment(1);
    /** @type {string} */ const s = await env.API.greet("x");
    env.COUNTER.getByName("A").nope();
    env.OLD.getByName("B");
    return new Response(String(n) + s);
  },
};
`;
const api = `import { WorkerEntrypoint } from "cloudflare:workers";
export class Api extends WorkerEntrypoint {
  /** @param {string} name */
  greet(name) { return "hello " + name; }
}
export default { fetch() { return new Response("api"); } };
`;

function diagnostics(env: string): string[] {
  const files: Record<string, string> = { "/app.js": app, "/api.js": api, "/env.d.ts": env, "/workers-types.d.ts": workersTypes };
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, allowJs: true, checkJs: true, noEmit: true, skipLibCheck: true, lib: ["lib.es2022.d.ts"], types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (files[name] !== undefined ? ts.createSourceFile(name, files[name]!, version) : read(name, version));
  host.fileExists = (name) => files[name] !== undefined || ts.sys.fileExists(name);
  host.readFile = (name) => files[name] ?? ts.sys.readFile(name);
  const program = ts.createProgram(["/workers-types.d.ts", "/env.d.ts", "/app.js"], options, host);
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === "/app.js").map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

test("the generated Env types stubs by their class: methods complete with their types, unknown ones are errors", () => {
  const env = envTypeSource(
    { COUNTER: { type: "durable_object", className: "Counter" }, OLD: { type: "durable_object", className: "Old" }, API: { type: "service", service: "api", entrypoint: "Api" } },
    { files: { "app.js": app, "api.js": api }, self: "app.js" },
  );
  assert.match(env, /COUNTER: DurableObjectNamespace<import\("\.\/app\.js"\)\.Counter>;/);
  assert.match(env, /OLD: DurableObjectNamespace;/, "a class that does not extend DurableObject gets the untyped namespace");
  assert.match(env, /API: Service<import\("\.\/api\.js"\)\.Api>;/);
  const errors = diagnostics(env);
  assert.equal(errors.length, 1, errors.join("\n"));
  assert.match(errors[0]!, /Property 'nope' does not exist/);
});

test("without the modules (or with an entrypoint the code does not declare) the typings stay untyped", () => {
  assert.match(envTypeSource({ C: { type: "durable_object", className: "Counter" } }), /C: DurableObjectNamespace;/);
  assert.match(envTypeSource({ S: { type: "service", service: "api", entrypoint: "Nope" } }, { files: { "api.js": api }, self: "app.js" }), /S: Fetcher;/);
  assert.match(envTypeSource({ S: { type: "service", service: "api" } }, { files: { "api.js": api }, self: "app.js" }), /S: Fetcher;/);
});
