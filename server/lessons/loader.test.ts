// Checks the lesson loader against a temporary lessons folder: an unknown id and each kind of
// malformed lesson give a coded error naming the file or field; the learner's code replaces
// the $LESSON_CODE marker; runLessonCheck refuses an unknown id. The shipped lessons are
// checked for real (starter fails, solution passes) by lessons/lessons.test.ts.

import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { defaultLessonsDir, listLessons, loadLesson, scenarioFor } from "./loader.ts";
import { runLessonCheck } from "./checks.ts";
import { fakeRun } from "./testing.ts";

const dir = mkdtempSync(join(tmpdir(), "lessons-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const good = "08-lost-update";
cpSync(join(defaultLessonsDir, good), join(dir, good), { recursive: true });

function variant(change: (folder: string) => void) {
  rmSync(join(dir, good), { recursive: true, force: true });
  cpSync(join(defaultLessonsDir, good), join(dir, good), { recursive: true });
  change(join(dir, good));
  return loadLesson(good, dir);
}

test("a well-formed lesson loads and is listed", () => {
  const r = loadLesson(good, dir);
  assert.ok(r.ok, r.ok ? "" : r.error.message);
  assert.equal(r.value.number, 8);
  assert.ok(r.value.steps.some((s) => s.predict !== null));
  assert.deepEqual(listLessons(dir).map((l) => l.id), [good]);
});

test("an unknown id is a coded error", () => {
  const r = loadLesson("99-nothing", dir);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, "unknown_lesson");
  const c = runLessonCheck("../etc", { result: fakeRun([]) });
  assert.equal(!c.ok && c.error.code, "unknown_lesson");
});

test("malformed lessons name the file and field", () => {
  const missing = variant((f) => rmSync(join(f, "solution.js")));
  assert.deepEqual(!missing.ok && [missing.error.code, missing.error.path], ["lesson_file_missing", `${good}/solution.js`]);
  const badMd = variant((f) => writeFileSync(join(f, "lesson.md"), "---\nid: 08-lost-update\ntitle: T\nsummary: S\nminutes: 0\n---\n## A\n"));
  assert.deepEqual(!badMd.ok && [badMd.error.code, badMd.error.path], ["lesson_malformed", `${good}/lesson.md: front matter.minutes`]);
  const badJson = variant((f) => writeFileSync(join(f, "scenario.json"), "{"));
  assert.deepEqual(!badJson.ok && [badJson.error.code, badJson.error.path], ["lesson_malformed", `${good}/scenario.json`]);
  const noMarker = variant((f) => writeFileSync(join(f, "scenario.json"), JSON.stringify({ worker: { code: "x" } })));
  assert.match(!noMarker.ok ? noMarker.error.message : "", /\$LESSON_CODE/);
  const badScenario = variant((f) => writeFileSync(join(f, "scenario.json"), JSON.stringify({ worker: { code: "$LESSON_CODE" }, traffic: [{ atMs: -1, from: "us-west", url: "https://a.example.com/" }] })));
  assert.deepEqual(!badScenario.ok && [badScenario.error.code, badScenario.error.path], ["lesson_scenario_invalid", `${good}/scenario.json: traffic[0].atMs`]);
  const wrongId = variant((f) => cpSync(join(f), join(dir, "07-other"), { recursive: true }));
  assert.ok(wrongId.ok);
  const other = loadLesson("07-other", dir);
  assert.deepEqual(!other.ok && [other.error.code, other.error.path], ["lesson_malformed", "07-other/lesson.md: front matter.id"]);
  rmSync(join(dir, "07-other"), { recursive: true, force: true });
});

test("the learner's code replaces every $LESSON_CODE marker", () => {
  const r = loadLesson(good, dir);
  assert.ok(r.ok);
  const s = scenarioFor(r.value, "export default { fetch() { return new Response('x') } }");
  assert.ok(s.ok);
  assert.equal(s.value.workers[0]!.code, "export default { fetch() { return new Response('x') } }");
});
