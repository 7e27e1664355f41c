// Lesson 16: the learner's rewrite must give the same sum and be measurably faster than the
// starter, timed in the same run. 1.5× is far below what one hidden class gains here (2–4× on
// this machine), so noise does not decide the verdict.
import { fail, figure, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export const speedupMin = 1.5;

export function check({ result, measured }: LessonRun): CheckResult {
  const speedup = measured?.speedup ?? null;
  const figures = [
    figure("starter-ms", "starter, one request", measured?.["starter-ms"] ?? null, "ms", null, true),
    figure("learner-ms", "your code, one request", measured?.["learner-ms"] ?? null, "ms", null, true),
    figure("speedup", "speed-up over the starter", speedup, "×", null, true),
  ];
  const answers = trafficRequests(result).map((r) => r.response);
  const broken = answers.find((r) => r === null || r.status !== 200);
  if (broken !== undefined) return fail(`a request did not answer 200 (${broken?.status ?? "no answer"}: ${broken?.body.slice(0, 100) ?? ""})`, figures);
  if (speedup === null || measured?.["same-answer"] === undefined) return fail("no timing was measured: press Check to run the lab", figures);
  if (measured["same-answer"] !== 1) return fail("your worker answers a different sum from the starter's: the rewrite must keep the result", figures);
  if (measured["is-starter"] === 1) {
    return fail(`this is the starter's code (timed against itself: ${speedup.toFixed(2)}×, which is the machine's noise). Rewrite it so that every point has the same properties in the same order, with no delete`, figures);
  }
  if (speedup < speedupMin) {
    return fail(`your code took ${measured["learner-ms"]!.toFixed(3)} ms a request against the starter's ${measured["starter-ms"]!.toFixed(3)} ms: ${speedup.toFixed(2)}×, below ${speedupMin}×. Are all points built with the same properties in the same order, with no delete?`, figures);
  }
  return pass(`${speedup.toFixed(1)}× faster than the starter (${measured["learner-ms"]!.toFixed(3)} ms against ${measured["starter-ms"]!.toFixed(3)} ms a request): one hidden class keeps the load in sumX monomorphic.`, figures);
}
