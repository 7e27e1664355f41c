// Lesson 18's lab: isolates, worker threads and processes started and measured on this machine
// by the server (never by learner code). Measured once per server process: the figures describe
// the machine, not the learner's code.
import { compareRuntimes, type RuntimesCompared } from "../../sandbox/instruments/runtimes-compared.ts";
import type { LabFindings } from "../../server/lessons/labs.ts";

let measuredOnce: Promise<RuntimesCompared> | null = null;

export async function lab(): Promise<LabFindings> {
  measuredOnce ??= compareRuntimes({ repeats: 3, scalingWorkers: [] });
  const runtimes = await measuredOnce;
  const measured: Record<string, number> = { cores: runtimes.cores };
  for (const cost of runtimes.costs) {
    measured[`${cost.runtime}-start-ms`] = cost.startMs;
    measured[`${cost.runtime}-memory-mb`] = cost.memoryMb;
    measured[`${cost.runtime}-round-trip-us`] = cost.roundTripUs;
  }
  return { measured, notes: {} };
}
