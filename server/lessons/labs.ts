// A lab measures what a lesson's check needs but the world's trace cannot hold: timings and heap
// sizes from V8 itself (the V8 lessons, 16–18). It runs on the server, in real isolates, with the
// learner's code and the starter's; its figures reach the check as `run.measured` and
// `run.notes`, and the check still decides purely on what it is given.

export interface LabFindings {
  measured: Record<string, number>;
  notes: Record<string, string>;
}

/** `code` is the learner's worker, `starter` the lesson's starter (for comparisons). */
export type LessonLab = (code: string, starter: string) => Promise<LabFindings>;
