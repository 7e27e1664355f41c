import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { TraceEntry } from "../../../server/protocol/index.ts";
import { routeTrie, routeTrieText } from "./route-trie.ts";

const workers = [{ name: "site", routes: ["example.com/*"] }, { name: "api", routes: ["example.com/api/*", "*.example.org/v1/health"] }];
const route = (req: string, path: string, cache: "hit" | "miss", worker: string | null, host = "example.com"): TraceEntry =>
  ({ kind: "route", t: 0, req, pop: "us-west-pop", host, path, cache, worker }) as TraceEntry;

test("the trie shares the host node between patterns and ends each at its worker", () => {
  const text = routeTrieText(workers);
  assert.equal(text.match(/"example.com"/g)?.length, 1, text);
  assert.match(text, /t\d+\["\/api"\]/);
  assert.match(text, /w0\["worker site"\]/);
  assert.match(text, /"site.workers.dev"/, "workers.dev routes are drawn too");
  assert.match(text, /"\*.example.org"/);
});

test("a miss lights the walked path to the most specific pattern; a hit lights only the answer", () => {
  const trace = [route("r1", "/api/users/7", "miss", "api"), route("r2", "/api/users/7", "hit", "api")];
  const miss = routeTrie(workers, trace, 1).decoration;
  const lit = Object.entries(miss.classes).filter(([, c]) => c.includes("lit")).map(([id]) => id);
  assert.ok(lit.includes("router") && lit.includes("w1"));
  assert.equal(lit.filter((id) => id.startsWith("t")).length, 3, `host, /api, /*: ${lit.join(" ")}`);
  assert.equal(miss.badges.w1, "example.com/api/*");
  assert.match(miss.badges.router!, /r1 at us-west-pop: cache miss · 0\/1 hits \(0 %\)/);
  const hit = routeTrie(workers, trace, 2).decoration;
  assert.deepEqual(Object.keys(hit.classes).sort(), ["router", "w1"]);
  assert.match(hit.badges.router!, /1\/2 hits \(50 %\)/);
});

test("an unrouted request says 404; labels never carry markup", () => {
  const d = routeTrie(workers, [route("r9", "/", "miss", null, "nope.test")], 1).decoration;
  assert.match(d.badges.router!, /no route, 404/);
  const text = routeTrieText([{ name: "x", routes: ['evil.com/"]-->click<b>'] }]);
  assert.doesNotMatch(text, /<b>|"\]-->/);
});
