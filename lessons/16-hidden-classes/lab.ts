// Lesson 16's lab: the learner's worker and the starter timed in the same run, requests
// interleaved round by round, so a noisy machine slows both alike and the ratio survives.
import { compareSpeed } from "../../sandbox/instruments/labs.ts";
import type { LabFindings } from "../../server/lessons/labs.ts";

export async function lab(code: string, starter: string): Promise<LabFindings> {
  const speed = compareSpeed(starter, code, "https://shapes.example.com/sum");
  return {
    measured: { "starter-ms": speed.baselineMs, "learner-ms": speed.candidateMs, speedup: speed.ratio, "speedup-spread": speed.ratioSpread, "same-answer": speed.sameAnswer ? 1 : 0, "is-starter": sameProgram(code, starter) ? 1 : 0 },
    notes: {},
  };
}

/** The starter itself, whatever its spacing: timing it against itself is noise, never a pass. */
function sameProgram(a: string, b: string): boolean {
  const squeeze = (s: string) => s.replace(/\s+/g, " ").trim();
  return squeeze(a) === squeeze(b);
}
