// Runs every lesson's check on its starter (must fail) and its solution (must pass), each run
// made headless in real isolates. The solution is the solution code with the lesson's own
// answers to its predict steps; the starter is the starter code with no answers, as a learner
// who has just opened the lesson. Used by `npm run lessons:check` and lessons/lessons.test.ts.

import type { IsolateFactory } from "../sim/isolate-port.ts";
import { runLessonCheck } from "./checks.ts";
import { lessonFolders, loadLesson } from "./loader.ts";
import { runLessonCode } from "./run-lesson.ts";
import type { LabFindings } from "./labs.ts";
import type { CheckResult, Lesson } from "./types.ts";

export interface LessonCheckOutcome {
  id: string;
  /** Null when the lesson itself failed to load or run. */
  starter: CheckResult | null;
  solution: CheckResult | null;
  problem: string | null;
  ok: boolean;
}

/** A lab's findings for a piece of code (lessons 16–18), measured beforehand: see check-lab.ts. */
export type FindingsFor = (code: string) => LabFindings | undefined;

/** The lesson's model answers, by question id. */
export function lessonAnswers(lesson: Pick<Lesson, "steps">): Record<string, string> {
  return Object.fromEntries(lesson.steps.flatMap((s) => (s.predict ? [[s.predict.id, s.predict.answer]] : [])));
}

function checkCode(lesson: Lesson, code: string, isolates: IsolateFactory, predictions: Record<string, string>, findingsFor: FindingsFor): CheckResult | string {
  const run = runLessonCode(lesson, code, isolates);
  if (!run.ok) return `${run.error.code} ${run.error.path}: ${run.error.message}`;
  const findings = findingsFor(code);
  const checked = runLessonCheck(lesson.id, { result: run.value, predictions, ...(findings ?? {}) });
  return checked.ok ? checked.value : checked.error.message;
}

export function checkLesson(id: string, isolates: IsolateFactory, dir?: string, findingsFor: FindingsFor = () => undefined): LessonCheckOutcome {
  const loaded = loadLesson(id, dir);
  if (!loaded.ok) return { id, starter: null, solution: null, problem: `${loaded.error.code} ${loaded.error.path}: ${loaded.error.message}`, ok: false };
  const lesson = loaded.value;
  const starter = checkCode(lesson, lesson.starter, isolates, {}, findingsFor);
  const solution = checkCode(lesson, lesson.solution, isolates, lessonAnswers(lesson), findingsFor);
  if (typeof starter === "string") return { id, starter: null, solution: null, problem: `starter: ${starter}`, ok: false };
  if (typeof solution === "string") return { id, starter, solution: null, problem: `solution: ${solution}`, ok: false };
  const problem = starter.pass ? "the check passes on the starter" : !solution.pass ? "the check fails on the solution" : null;
  return { id, starter, solution, problem, ok: problem === null };
}

export function checkAllLessons(isolates: IsolateFactory, dir?: string): LessonCheckOutcome[] {
  return lessonFolders(dir).map((id) => checkLesson(id, isolates, dir));
}
