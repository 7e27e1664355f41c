// Deployments: a new version of a worker rolls out across PoPs, one more PoP every `stepMs`.
// During the rollout PoPs serve different versions, which the `X-Deployment-Version` header
// shows. Isolates of the old version finish what they hold and are evicted when idle; Durable
// Object instances stay in their isolate until evicted.

import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";

/** The deployments concern's slice: the version each worker serves at each PoP, `worker` → `pop` → version. */
export type VersionsSlice = Map<string, Map<string, string>>;

export function deployStep(versions: VersionsSlice, w: Ctx, e: { deployment: number; step: number }): Effects {
  const out = new Effects();
  const { deployment, step } = e;
  const spec = w.scenario.deployments[deployment]!;
  const pop = spec.rollout.pops[step];
  if (pop === undefined) return out;
  versions.get(spec.worker)!.set(pop, spec.version);
  out.trace({ kind: "deploy", t: w.nowMs, worker: spec.worker, version: spec.version, pop });
  if (step + 1 < spec.rollout.pops.length) {
    out.send(w.nowMs + spec.rollout.stepMs, { kind: "deploy", deployment, step: step + 1 });
  }
  return out;
}
