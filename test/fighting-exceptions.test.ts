// Exceptions that fight back (issue 12 §6): an exception whose `name` or `stack` getter throws,
// a Proxy whose every trap throws, a thrown value whose toString throws, a 9 MiB message. Each
// must answer the platform's 500 (message cut to exceptionTextCharsMax), never end the isolate
// (no crash, no CPU-limit 503), and the next request is served warm by the same isolate.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { sandboxLimits } from "../sandbox/limits.ts";
import { MiniHost, script } from "../sandbox/testing/mini-host.ts";

const sandbox = createSandboxFactory({ poolSize: 1 });
after(() => sandbox.dispose());

const host = new MiniHost(sandbox, script(`let served = 0;
const throwing = (what) => ({ get() { throw new Error(what + " getter fights back"); } });
export default { async fetch(request) {
  served++;
  const url = request.url;
  if (url === "https://w.example/name") { const e = new Error("named"); Object.defineProperty(e, "name", throwing("name")); throw e; }
  if (url === "https://w.example/stack") { const e = new TypeError("stacked"); Object.defineProperty(e, "stack", throwing("stack")); throw e; }
  if (url === "https://w.example/both") { const e = new Error("both"); for (const k of ["name", "message", "stack"]) Object.defineProperty(e, k, throwing(k)); throw e; }
  if (url === "https://w.example/proxy") throw new Proxy(new Error("p"), { get() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); }, getOwnPropertyDescriptor() { throw new Error("trap"); } });
  if (url === "https://w.example/tostring") throw { toString() { throw new Error("toString fights back"); } };
  if (url === "https://w.example/huge") throw new Error("x".repeat(9 * 1024 * 1024));
  if (url === "https://w.example/huge-sync") { const e = new RangeError("y".repeat(9 * 1024 * 1024)); e.stack; throw e; }
  return new Response("served " + served);
} }`));

const cases: [path: string, body: RegExp][] = [
  ["/name", /^Error: named$/],
  ["/stack", /^TypeError: stacked$/],
  ["/both", /^Error: $/],
  ["/proxy", /^Error: Uncaught/],
  ["/tostring", /^Error: Uncaught an exception that cannot be converted to a string$/],
  ["/huge", new RegExp(`^Error: \\(9437184 characters, not shown: over exceptionTextCharsMax = ${sandboxLimits.exceptionTextCharsMax}\\)$`)],
  ["/huge-sync", /^RangeError: \(9437184 characters, not shown: over exceptionTextCharsMax/],
];

test("each fighting exception is a 500 from the same isolate, and the next request is warm", () => {
  assert.equal(host.request("https://w.example/ok").body, "served 1");
  const isolate = host.isolate;
  let served = 1;
  for (const [path, body] of cases) {
    const result = host.request(`https://w.example${path}`);
    served++;
    assert.equal(result.end, null, `${path}: the isolate must not end (${JSON.stringify(result.end)})`);
    assert.equal(result.status, 500, `${path}: ${result.body}`);
    assert.match(result.body, body, path);
    assert.ok(result.body.length < 2 * sandboxLimits.exceptionTextCharsMax, `${path}: the message is cut`);
    const next = host.request("https://w.example/ok");
    served++;
    assert.equal(next.status, 200);
    assert.equal(next.body, `served ${served}`, `${path}: the next request is served by the same warm isolate`);
    assert.equal(host.isolate, isolate, `${path}: no new isolate was loaded`);
  }
});
