// The URL chunk's fast paths (url-fast-record.ts) must produce exactly what whatwg-url's own
// parsers produce, for every input they accept; they must accept the common cases (or they buy
// nothing) and refuse the rest. The reference is whatwg-url in Node, unpatched.
import assert from "node:assert/strict";
import { test } from "node:test";
import stateMachine from "whatwg-url/lib/url-state-machine.js";
import urlencoded from "whatwg-url/lib/urlencoded.js";
import { canonicalUrlSamples, knownSlow, seed } from "./canonical-url-samples.ts";
import { canonicalUrlRecord, installFastBasicParse, installFastUrlencoded, plainUrlencodedPairs } from "./url-fast-record.ts";

test(`a canonical URL's record equals the state machine's (seed=${seed})`, () => {
  const inputs = canonicalUrlSamples();
  let accepted = 0;
  for (const input of inputs) {
    const fast = canonicalUrlRecord(input);
    if (fast === null) continue;
    accepted++;
    assert.deepEqual(fast, stateMachine.basicURLParse(input), `input ${JSON.stringify(input)}; reproduce with seed=${seed}`);
  }
  assert.ok(accepted > 500, `only ${accepted} of ${inputs.length} inputs took the fast path`);
  assert.deepEqual(knownSlow.filter((input) => canonicalUrlRecord(input) !== null), []);
});

test("the record splits path, query and fragment where the parser does", () => {
  assert.deepEqual(canonicalUrlRecord("https://a.example:8443/x/y/?q=1&r=/s?t#f?g#h"), {
    scheme: "https", username: "", password: "", host: "a.example", port: 8443, path: ["x", "y", ""], query: "q=1&r=/s?t", fragment: "f?g#h",
  });
  assert.deepEqual(canonicalUrlRecord("http://localhost/"), { scheme: "http", username: "", password: "", host: "localhost", port: null, path: [""], query: null, fragment: null });
  assert.deepEqual(canonicalUrlRecord("https://a.example/#"), { scheme: "https", username: "", password: "", host: "a.example", port: null, path: [""], query: null, fragment: "" });
});

test("plain queries split as the urlencoded parser splits them; anything to decode is refused", () => {
  const plain = ["", "a", "a=", "=b", "a=1&b=2", "&&a=1&&", "a=1=2&b", "x=/y?z&w=~", "a=b&a=c", "&", "="];
  for (const input of plain) assert.deepEqual(plainUrlencodedPairs(input), urlencoded.parseUrlencodedString(input), `query ${JSON.stringify(input)}`);
  for (const input of ["a=%20", "a+b=1", "é=1", "a=\u{1F600}"]) assert.equal(plainUrlencodedPairs(input), null, `query ${JSON.stringify(input)}`);
});

test("the installed parsers fall back to whatwg-url's for what they refuse and for state overrides", () => {
  const calls: unknown[] = [];
  const machine = { basicURLParse: (input: unknown, options?: unknown) => (calls.push([input, options]), "slow") };
  installFastBasicParse(machine);
  assert.equal((machine.basicURLParse("https://a.example/x") as { host: string }).host, "a.example");
  assert.equal(machine.basicURLParse("https://A.example/x"), "slow");
  assert.equal(machine.basicURLParse("https://a.example/x", { baseURL: { scheme: "https" } }), "slow");
  assert.equal(machine.basicURLParse("https://a.example/x", { url: {}, stateOverride: "host" }), "slow");
  assert.equal(calls.length, 3);
  const codec = { parseUrlencodedString: (): [string, string][] => [["slow", ""]] };
  installFastUrlencoded(codec);
  assert.deepEqual(codec.parseUrlencodedString("a=1"), [["a", "1"]]);
  assert.deepEqual(codec.parseUrlencodedString("a=%31"), [["slow", ""]]);
});
