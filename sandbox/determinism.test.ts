// Determinism inside the isolate: the host's seed fixes Math.random, getRandomValues and
// randomUUID; Date.now() is the host's virtual time and stands still while code runs.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "./index.ts";
import { MiniHost, script } from "./testing/mini-host.ts";

const sandbox = createSandboxFactory({ poolSize: 1 });
after(() => sandbox.dispose());

const randomWorker = script(`export default { fetch() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Response.json({ random: [Math.random(), Math.random()], bytes: [...bytes], uuid: crypto.randomUUID() });
} }`);

function randomsWithSeed(seed: number): string {
  return new MiniHost(sandbox, randomWorker, seed).request("https://r.example/").body;
}

test("the same seed gives the same random values, UUID and bytes; another seed does not", () => {
  const first = randomsWithSeed(42);
  assert.equal(randomsWithSeed(42), first);
  assert.notEqual(randomsWithSeed(43), first);
  const parsed = JSON.parse(first) as { random: number[]; uuid: string };
  assert.match(parsed.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  for (const value of parsed.random) assert.ok(value >= 0 && value < 1);
});

test("Date.now() is the host's virtual time and is frozen during a CPU loop", () => {
  const host = new MiniHost(sandbox, script(`export default { fetch() {
    const start = Date.now(); const startDate = new Date().getTime(); const perf = performance.now();
    let x = 0; for (let i = 0; i < 2e6; i++) x += i;
    return Response.json({ start, startDate, end: Date.now(), perfSame: performance.now() === perf, asString: typeof Date(), x: x > 0 });
  } }`));
  host.nowMs = 1_234_567_000;
  const result = JSON.parse(host.request("https://d.example/").body) as Record<string, unknown>;
  assert.deepEqual(result, { start: 1_234_567_000, startDate: 1_234_567_000, end: 1_234_567_000, perfSame: true, asString: "string", x: true });
});

test("the clock moves between deliveries: a timer resumes at its virtual due time", () => {
  const host = new MiniHost(sandbox, script(`export default { async fetch() {
    const before = Date.now(); await new Promise((r) => setTimeout(r, 1500));
    return Response.json({ waited: Date.now() - before });
  } }`));
  assert.deepEqual(JSON.parse(host.request("https://d.example/").body), { waited: 1500 });
});

test("Date still parses, formats and subclasses like the builtin", () => {
  const host = new MiniHost(sandbox, script(`export default { fetch() {
    class MyDate extends Date {}
    return Response.json({ iso: new Date(0).toISOString(), parsed: Date.parse("2020-01-01T00:00:00Z"), utc: Date.UTC(2020, 0, 1), sub: new MyDate(5) instanceof Date, ctor: new Date().constructor === Date });
  } }`));
  assert.deepEqual(JSON.parse(host.request("https://d.example/").body), { iso: "1970-01-01T00:00:00.000Z", parsed: 1577836800000, utc: 1577836800000, sub: true, ctor: true });
});
