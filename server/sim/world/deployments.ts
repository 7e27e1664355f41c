// Deployments: a new version of a worker rolls out across PoPs, one more PoP every `stepMs`.
// During the rollout PoPs serve different versions, which the `X-Deployment-Version` header
// shows. Isolates of the old version finish what they hold and are evicted when idle; Durable
// Object instances stay in their isolate until evicted.

import type { WorldState } from "./state.ts";

export function deployStep(w: WorldState, deployment: number, step: number): void {
  const spec = w.scenario.deployments[deployment]!;
  const pop = spec.rollout.pops[step];
  if (pop === undefined) return;
  w.versions.get(spec.worker)!.set(pop, spec.version);
  w.record({ kind: "deploy", t: w.nowMs, worker: spec.worker, version: spec.version, pop });
  if (step + 1 < spec.rollout.pops.length) {
    w.schedule(w.nowMs + spec.rollout.stepMs, { kind: "deploy", deployment, step: step + 1 });
  }
}
