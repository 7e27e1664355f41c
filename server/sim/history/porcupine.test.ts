// Checks the checker against a peer's test suite: each of Porcupine's 102 Jepsen etcd histories
// (register) and 6 key-value histories (kv, partitioned by key) gets the verdict that
// porcupine_test.go states for it (testdata/porcupine/expected.json, copied with the MIT notice).

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkHistory } from "./checker.ts";
import { parseHistory } from "./jepsen.ts";
import { kvModel, registerModel } from "./models.ts";

const dir = fileURLToPath(new URL("./testdata/porcupine/", import.meta.url));
const expected = JSON.parse(readFileSync(`${dir}expected.json`, "utf8")) as { jepsen: Record<string, string>; kv: Record<string, string> };

function verdicts(group: "jepsen" | "kv") {
  const model = group === "jepsen" ? registerModel() : kvModel();
  const wrong: string[] = [];
  for (const [file, verdict] of Object.entries(expected[group])) {
    const history = parseHistory(readFileSync(`${dir}${group}/${file}`, "utf8"));
    assert.ok(history.ok, `${file} parses`);
    const answer = checkHistory(model, history.value);
    if (answer.verdict !== verdict) wrong.push(`${file}: expected ${verdict}, got ${answer.verdict}`);
    if (verdict === "illegal") assert.ok(answer.explanation && answer.explanation.length > 40, `${file} explains itself`);
  }
  return wrong;
}

test("the 102 etcd histories get Porcupine's verdicts", () => {
  assert.equal(Object.keys(expected.jepsen).length, 102);
  assert.equal(Object.values(expected.jepsen).filter((v) => v === "ok").length, 23);
  assert.deepEqual(verdicts("jepsen"), []);
});

test("the 6 key-value histories get Porcupine's verdicts", () => {
  assert.deepEqual(Object.keys(expected.kv).sort(), ["c01-bad.txt", "c01-ok.txt", "c10-bad.txt", "c10-ok.txt", "c50-bad.txt", "c50-ok.txt"]);
  assert.deepEqual(verdicts("kv"), []);
});
