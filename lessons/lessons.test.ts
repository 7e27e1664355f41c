// The all-lessons check (also `npm run lessons:check`): every lesson folder loads, and its check
// fails on the starter and passes on the solution, each run headless in real isolates. A second
// run of one lesson gives the same verdicts and trace hash (the checks are deterministic).

import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { checkLessonWithLab } from "../server/lessons/check-lab.ts";
import { lessonFolders, loadLesson } from "../server/lessons/loader.ts";
import { runLessonCode } from "../server/lessons/run-lesson.ts";

const sandbox = createSandboxFactory();
after(() => sandbox.dispose());

for (const id of lessonFolders()) {
  test(`lesson ${id}: the check fails on the starter and passes on the solution`, async () => {
    const o = await checkLessonWithLab(id, sandbox);
    assert.equal(o.problem, null, `${o.problem}\nstarter: ${o.starter?.hint}\nsolution: ${o.solution?.hint}`);
    assert.ok(o.starter && o.starter.hint.length > 0, "a failing check must say why");
    // Every figure a step names must be one the check reports.
    const lesson = loadLesson(id);
    assert.ok(lesson.ok);
    const reported = new Set(o.solution!.figures.map((f) => f.id));
    const unknown = lesson.value.steps.flatMap((s) => s.figures).filter((f) => !reported.has(f));
    assert.deepEqual(unknown, [], `steps name figures the check does not report: ${unknown.join(", ")}`);
  });
}

// Lesson 7's code makes no URL objects, whose first use in an isolate can hit the CPU limit on a
// loaded machine (see check-all.ts), so its trace depends on nothing but the seed.
test("a lesson run is deterministic: same code, same trace hash", () => {
  const lesson = loadLesson("07-kv-eventual");
  assert.ok(lesson.ok);
  const a = runLessonCode(lesson.value, lesson.value.starter, sandbox);
  const b = runLessonCode(lesson.value, lesson.value.starter, sandbox);
  assert.ok(a.ok && b.ok);
  assert.equal(a.value.traceHash, b.value.traceHash);
});
