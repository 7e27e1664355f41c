// A crowd of live-session clients in a process of their own, as browser tabs are: the clients'
// own work (parsing and validating every server message against the protocol's schema) does not
// run on the gateway's event loop. Each client connects, loads the scenario it is given and steps
// until the deadline; the step round trips go back to the parent, all of them and those begun
// after `warmMs` (by then every session's isolates have started: cold starts are over).
import { fileURLToPath } from "node:url";
import { LiveClient } from "../test/live-client.ts";
import { exited, forkBench } from "./fork.ts";

export interface StepCrowd {
  url: string;
  clients: number;
  scenario: Record<string, unknown>;
  durationMs: number;
  warmMs: number;
}

export interface CrowdSamples {
  all: number[];
  warm: number[];
}

export async function stepLoop(client: LiveClient, untilMs: number, samples: number[], warm?: { fromMs: number; samples: number[] }): Promise<void> {
  while (performance.now() < untilMs) {
    const t = performance.now();
    const answer = await client.call({ type: "step" });
    // A step that met its process's death is answered too (the session rebuilt): it counts.
    if (answer.type === "error" && answer.code !== "world_process_died") return;
    samples.push(performance.now() - t);
    if (warm !== undefined && t >= warm.fromMs) warm.samples.push(performance.now() - t);
  }
}

/** Runs the crowd in a child process; resolves with the steps' round trips in ms. */
export function stepInCrowd(crowd: StepCrowd): Promise<CrowdSamples> {
  const child = forkBench("./step-clients.ts", []);
  const done = exited(child, "step-clients");
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as CrowdSamples));
    done.then(() => reject(new Error("step-clients exited without its samples")), reject);
    child.send(crowd);
  });
}

async function runCrowd(crowd: StepCrowd): Promise<CrowdSamples> {
  const clients = await Promise.all(Array.from({ length: crowd.clients }, () => LiveClient.connect(crowd.url)));
  await Promise.all(clients.map((c) => c.ok({ type: "load_scenario", scenario: crowd.scenario })));
  const all: number[] = [];
  const warm = { fromMs: performance.now() + crowd.warmMs, samples: [] as number[] };
  const untilMs = performance.now() + crowd.durationMs;
  await Promise.all(clients.map((c) => stepLoop(c, untilMs, all, warm)));
  await Promise.all(clients.map((c) => c.close()));
  return { all, warm: warm.samples };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once("message", (crowd) => {
    void runCrowd(crowd as StepCrowd).then((samples) => process.send!(samples, () => process.exit(0)));
  });
}
