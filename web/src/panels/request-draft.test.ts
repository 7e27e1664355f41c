// The request draft follows the loaded world: a region it lacks and a URL no route serves are
// replaced by the world's first region and route; a draft that fits is left as written.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fitDraftToWorld, routeAddress, routeServes } from "./request-draft.ts";

const draft = { from: "us-west", method: "GET", url: "https://app.example.com/", headers: "", body: "" };

test("a draft that fits the world is left alone", () => {
  assert.deepEqual(fitDraftToWorld(draft, ["us-west", "eu-west"], ["app.example.com/*"]), {});
  assert.deepEqual(fitDraftToWorld({ ...draft, url: "https://app.example.com/cart?item=1" }, ["us-west"], ["app.example.com/*"]), {});
});

test("a lesson's world replaces the region and the address it does not have", () => {
  assert.deepEqual(fitDraftToWorld(draft, ["us-east", "eu-west"], ["bank.example.com/*"]), { from: "us-east", url: "https://bank.example.com/" });
});

test("route patterns: host wildcards, path prefixes, and the bare host of a /* route", () => {
  assert.ok(routeServes("*.example.com/*", "https://shop.example.com/x"));
  assert.ok(routeServes("example.com/api/*", "https://example.com/api/users"));
  assert.ok(!routeServes("example.com/api/*", "https://example.com/other"));
  assert.ok(routeServes("a.example.com/*", "https://a.example.com"));
  assert.equal(routeAddress("example.com/api/*"), "https://example.com/api/");
  assert.equal(routeAddress("*.example.com/*"), "https://example.com/");
  assert.equal(routeAddress("bank.example.com/*"), "https://bank.example.com/");
});
