// The all-lessons check for lessons with a lab (16–18): the lab measures the starter and the
// solution first (asynchronously: heap snapshots are), then the ordinary check runs with those
// findings. Lessons without a lab are checked as before.
import { lessonLabs } from "../../lessons/labs.ts";
import type { IsolateFactory } from "../sim/isolate-port.ts";
import { checkLesson, type LessonCheckOutcome } from "./check-all.ts";
import type { LabFindings } from "./labs.ts";
import { loadLesson } from "./loader.ts";

export async function checkLessonWithLab(id: string, isolates: IsolateFactory, dir?: string): Promise<LessonCheckOutcome> {
  const lab = lessonLabs[id];
  const lesson = loadLesson(id, dir);
  if (lab === undefined || !lesson.ok) return checkLesson(id, isolates, dir);
  const findings = new Map<string, LabFindings>();
  for (const code of [lesson.value.starter, lesson.value.solution]) findings.set(code, await lab(code, lesson.value.starter));
  return checkLesson(id, isolates, dir, (code) => findings.get(code));
}
