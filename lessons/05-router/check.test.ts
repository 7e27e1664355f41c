// Unit tests of lesson 5's check on hand-made runs: a request routed to the wrong worker fails
// naming both; the right worker answering 404 fails with its body; a low hit rate fails; the
// intended routes, answers and a high hit rate pass.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const route = (req: string, worker: string | null, cache: "hit" | "miss") => ({ kind: "route" as const, t: 5, req, pop: "us-west-pop", host: "", path: "", cache, worker });
const api = (status = 200) => ({ from: "us-west", url: "https://api.workers.dev/users/7", status, body: status === 200 ? "{}" : "{\"error\":\"the API has no /users/7\"}" });
const many = (n: number, cache: (i: number) => "hit" | "miss") => {
  const reqs = Array.from({ length: n }, () => api());
  return fakeRun(reqs, reqs.map((_, i) => route(`r${i + 1}`, "api", cache(i))));
};

test("the wrong worker fails naming both; the right worker's 404 fails with its body", () => {
  assert.equal(check({ result: fakeRun([api()], [route("r1", "site", "miss")]) }).hint, "r1 https://api.workers.dev/users/7 went to site, but should reach api");
  assert.match(check({ result: fakeRun([api(404)], [route("r1", "api", "miss")]) }).hint, /reached api \(route cache miss\) but api answered 404: \{"error":"the API has no \/users\/7"\}/);
});

test("a hit rate under 90 % fails; 90 % and over passes", () => {
  assert.match(check({ result: many(10, (i) => (i < 2 ? "miss" : "hit")) }).hint, /^route cache hit rate 80 %, under 90 %/);
  const good = check({ result: many(10, (i) => (i < 1 ? "miss" : "hit")) });
  assert.equal(good.pass, true, good.hint);
  assert.equal(good.figures.find((f) => f.id === "hit-rate")?.value, 90);
});
