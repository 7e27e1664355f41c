// Runs a lesson's lab for a live session in its own child process (lab-process.ts), one lab at a
// time per server, bounded by `labMsMax`; the check then decides on the findings. Failures come
// back as a LabError whose message the learner can act on.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { lessonLabs } from "../../lessons/labs.ts";
import type { LabFindings } from "./labs.ts";

export const labLimits = {
  /** Wall-clock ms one lab may take (lesson 17 measures 1,000 requests and two heap snapshots). */
  labMsMax: 120_000,
  /** Labs running at once on this server; the others wait their turn. */
  labsConcurrentMax: 1,
} as const;

export class LabError extends Error {
  constructor(message: string, readonly limit?: string) {
    super(message);
  }
}

const entry = fileURLToPath(new URL("./lab-process.ts", import.meta.url));
let running = 0;
const waiting: (() => void)[] = [];

export function hasLab(lessonId: string): boolean {
  return Object.hasOwn(lessonLabs, lessonId);
}

export async function runLab(lessonId: string, code: string, starter: string, msMax: number = labLimits.labMsMax): Promise<LabFindings> {
  if (running >= labLimits.labsConcurrentMax) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await runInChild(lessonId, code, starter, msMax);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function runInChild(lessonId: string, code: string, starter: string, msMax: number): Promise<LabFindings> {
  return new Promise((resolve, reject) => {
    // Its stderr goes to the server's log: host stack traces are for the operator, not the learner.
    const child = fork(entry, [], { execArgv: ["--no-node-snapshot", "--import", "tsx"], serialization: "advanced", stdio: ["ignore", "ignore", "inherit", "ipc"] });
    child.on("error", () => {}); // reported by "exit"
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new LabError(`the lab took longer than ${msMax / 1000} s (labMsMax) and was stopped`, "labMsMax"));
    }, msMax);
    let answered = false;
    child.once("message", (reply: { ok: true; findings: LabFindings } | { ok: false; message: string }) => {
      answered = true;
      clearTimeout(timer);
      if (reply.ok) resolve(reply.findings);
      else reject(new LabError(`the lab could not measure your code: ${reply.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!answered) reject(new LabError(`the lab stopped before it answered (${signal ?? `exit ${code}`}); try again, and simplify the code if it happens again`));
    });
    child.send({ lessonId, code, starter });
  });
}

