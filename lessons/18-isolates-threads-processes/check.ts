// Lesson 18: the learner's answers (GET /answers) must agree with this machine's measurements
// (the orders of start time, memory and round trip) and with when each runtime fits.
import { fail, figure, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

const runtimes = ["isolate", "worker_thread", "process"] as const;
type Runtime = (typeof runtimes)[number];

/** When each runtime fits, as the design documents argue it. */
const fits: Record<string, { answer: Runtime; why: string }> = {
  perTenantCode: { answer: "isolate", why: "thousands of tenants need the smallest, fastest-starting unit with its own heap" },
  cpuBoundJob: { answer: "worker_thread", why: "a thread runs CPU work beside the event loop and shares memory cheaply" },
  ioBoundServing: { answer: "process", why: "a cluster of processes uses every core and one crash ends only its process" },
};

/**
 * Two figures closer than this are a tie: either order of them is right. A worker thread's and
 * a process's message round trips are both an event-loop round trip, and on this machine they
 * came out 157 and 160 µs, in either order from run to run; start times can come as close.
 */
const tieRatio = 1.5;

/** The given order is the three runtimes, each no slower than the ones after it beyond a tie. */
function agrees(given: unknown, value: (runtime: Runtime) => number): boolean {
  if (!Array.isArray(given) || given.length !== runtimes.length || !runtimes.every((r) => given.includes(r))) return false;
  for (let i = 0; i < given.length; i++) {
    for (let j = i + 1; j < given.length; j++) if (value(given[i] as Runtime) > value(given[j] as Runtime) * tieRatio) return false;
  }
  return true;
}

const measures = [
  { key: "startOrder", figure: "start-ms", unit: "ms", label: "start" },
  { key: "memoryOrder", figure: "memory-mb", unit: "MB", label: "memory" },
  { key: "roundTripOrder", figure: "round-trip-us", unit: "µs", label: "message round trip" },
] as const;

export function check({ result, measured }: LessonRun): CheckResult {
  const figures = measures.flatMap((m) => runtimes.map((r) => figure(`${r.replace("_", "-")}-${m.figure}`, `${r.replace("_", " ")} ${m.label}`, measured?.[`${r}-${m.figure}`] ?? null, m.unit, r === "isolate" && m.figure === "memory-mb" ? "≈ 2 MB" : null, true)));
  const response = trafficRequests(result)[0]?.response;
  if (!response || response.status !== 200) return fail(`GET /answers did not answer 200 (${response?.status ?? "no answer"})`, figures);
  let answers: Record<string, unknown>;
  try {
    answers = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    return fail("GET /answers must answer JSON (Response.json(answers))", figures);
  }
  if (measured?.["isolate-start-ms"] === undefined) return fail("nothing was measured yet: press Check to run the lab", figures);
  const wrong: string[] = [];
  for (const m of measures) {
    const value = (r: Runtime) => measured[`${r}-${m.figure}`]!;
    const actual = [...runtimes].sort((a, b) => value(a) - value(b));
    const given = answers[m.key];
    if (!agrees(given, value)) {
      wrong.push(`${m.key}: you said ${JSON.stringify(given)}, this machine measured ${actual.map((r) => `${r} ${value(r).toFixed(m.unit === "µs" ? 1 : 2)} ${m.unit}`).join(" < ")} (within ${tieRatio}× of each other counts as a tie, either order)`);
    }
  }
  for (const [key, fit] of Object.entries(fits)) {
    if (answers[key] !== fit.answer) wrong.push(`${key}: ${JSON.stringify(answers[key])} — the design's answer is ${fit.answer}: ${fit.why}`);
  }
  if (wrong.length > 0) return fail(wrong.join("; "), figures);
  return pass(`every answer agrees with this ${measured.cores}-core machine: an isolate started in ${measured["isolate-start-ms"]!.toFixed(2)} ms against ${measured["process-start-ms"]!.toFixed(0)} ms for a process.`, figures);
}
