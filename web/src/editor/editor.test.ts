// Checks the editor's pure parts: a scenario becomes tabs and the tabs compose the same scenario
// back; a JSON error names its line; the generated Env interface names the learner's bindings.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { envTypeSource } from "./env-types.ts";
import { bindingsOf, filesFromScenario, scenarioFileName, scenarioFromFiles } from "./scenario-files.ts";

const scenario = {
  name: "two workers",
  world: { regions: ["us-west", "eu-west"] },
  workers: [
    { name: "app", code: "export default { fetch() { return new Response('a') } }", routes: ["app.example.com/*"], bindings: { COUNTS: { type: "kv" }, COUNTER: { type: "durable_object", className: "Counter" } } },
    { name: "api", code: "export default {}", routes: ["api.example.com/*"], bindings: {} },
  ],
};

test("a scenario becomes one tab per worker and composes back unchanged", () => {
  const files = filesFromScenario(scenario);
  assert.deepEqual(Object.keys(files), ["app.js", "api.js", scenarioFileName]);
  assert.equal(files["app.js"], scenario.workers[0]!.code);
  assert.match(files[scenarioFileName]!, /"code": "file:app.js"/);
  const back = scenarioFromFiles({ ...files, "api.js": "export default { changed: 1 }" });
  assert.ok(back.ok);
  assert.deepEqual(back.scenario, { ...scenario, workers: [scenario.workers[0], { ...scenario.workers[1], code: "export default { changed: 1 }" }] });
});

test("a broken scenario tab is reported at its line", () => {
  const result = scenarioFromFiles({ [scenarioFileName]: '{\n  "name": "x",\n  oops\n}' });
  assert.equal(result.ok, false);
  if (!result.ok) { assert.equal(result.line, 3); assert.match(result.message, /not valid JSON/); }
});

test("Env lists the worker's own KV and Durable Object bindings", () => {
  const source = envTypeSource(bindingsOf(filesFromScenario(scenario))["app.js"]!);
  assert.match(source, /COUNTS: KVNamespace;/);
  assert.match(source, /COUNTER: DurableObjectNamespace;/);
  assert.match(envTypeSource({ "bad name": { type: "kv" } }), /"bad name": KVNamespace;/);
});
