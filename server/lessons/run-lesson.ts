// Runs a lesson's scenario headless with the given worker code, in real isolates with real
// SQLite storage (server/world/run-scenario.ts), for `npm run lessons:check` and the tests.

import { err, ok, type Result } from "../sim/core/result.ts";
import type { IsolateFactory } from "../sim/isolate-port.ts";
import type { RunResult } from "../sim/world/result.ts";
import { runScenario } from "../world/run-scenario.ts";
import { scenarioFor } from "./loader.ts";
import type { Lesson, LessonError } from "./types.ts";

export type LessonRunError = LessonError | { code: "worker_load_failed"; path: string; message: string };

export function runLessonCode(lesson: Lesson, code: string, isolates: IsolateFactory, seed?: number): Result<RunResult, LessonRunError> {
  const scenario = scenarioFor(lesson, code);
  if (!scenario.ok) return scenario;
  const run = runScenario(scenario.value, seed ?? scenario.value.seed, isolates);
  if (!run.ok) return err({ code: run.code, path: `${lesson.id}`, message: run.message });
  return ok(run.result);
}
