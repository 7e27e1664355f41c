// Runs a lesson's check on a run. Checks are pure functions (lessons/NN-slug/check.ts), listed
// once in lessons/registry.ts so that they are type-checked and bundled like any other module.

import { err, ok, type Result } from "../sim/core/result.ts";
import type { CheckResult, LessonError, LessonRun } from "./types.ts";
import { lessonChecks } from "../../lessons/registry.ts";

export function runLessonCheck(id: string, run: LessonRun): Result<CheckResult, LessonError> {
  const check = Object.hasOwn(lessonChecks, id) ? lessonChecks[id] : undefined;
  if (!check) return err({ code: "unknown_lesson", path: String(id), message: `no lesson "${String(id)}"` });
  return ok(check(run));
}
