// Lesson 13: a client that pinned a version never sees another one mid-rollout. Requests that
// send X-Deployment-Version must get a body in that version's format, whichever version the PoP
// runs (the response's own X-Deployment-Version header, from the trace); requests that pin
// nothing must get the newest deployed version once the rollout is over.

import { entries, fail, figure, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";
import scenario from "./scenario.json" with { type: "json" };

/** The version each traffic entry pins (request headers are not in the trace; the lesson's scenario has them). */
const pins: (string | null)[] = scenario.traffic.map((t) => (t as { headers?: Record<string, string> }).headers?.["x-deployment-version"] ?? null);

function bodyVersion(body: string | undefined): string | null {
  try {
    const v = (JSON.parse(body ?? "") as { version?: unknown }).version;
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

export function check({ result }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const deploys = entries(result.trace, "deploy");
  const lastDeployAt = deploys.length ? Math.max(...deploys.map((d) => d.t)) : 0;
  const newest = deploys.at(-1)?.version ?? null;
  const served = requests.map((r) => ({ r, pin: pins[r.traffic] ?? null, runs: r.response?.headers["x-deployment-version"] ?? null, format: bodyVersion(r.response?.body) }));
  const pinned = served.filter((s) => s.pin !== null);
  const figures = [
    figure("pinned", "requests that pinned a version", pinned.length, ""),
    figure("served-by-newer", "pinned requests served by a PoP running a newer version", pinned.filter((s) => s.runs !== s.pin).length, ""),
    figure("mixed", "pinned requests answered in another version's format", pinned.filter((s) => s.format !== s.pin).length, ""),
    figure("rollout-done-at", "rollout reached its last PoP at", deploys.length ? lastDeployAt : null, "ms", "fast rollout < 30 s global"),
  ];
  const mixed = pinned.find((s) => s.format !== s.pin);
  if (mixed) {
    const before = pinned.filter((s) => s.r.traffic < mixed.r.traffic && s.format === s.pin).at(-1);
    const earlier = before ? `; ${before.r.req} from ${before.r.from} had been answered in ${before.format}` : "";
    return fail(`${mixed.r.req} from ${mixed.r.from} pinned ${mixed.pin} but reached a PoP running ${mixed.runs} and got the ${mixed.format ?? "unknown"} format${earlier}: the client saw both versions`, figures);
  }
  const stuck = served.find((s) => s.pin === null && result.trace.some((e) => e.kind === "request" && e.req === s.r.req && e.t > lastDeployAt) && s.format !== newest);
  if (stuck) return fail(`${stuck.r.req} from ${stuck.r.from} pinned nothing after the rollout finished but got ${stuck.format ?? "no version"}, not ${newest}`, figures);
  return pass(`${pinned.length} pinned requests all got their pinned format, ${pinned.filter((s) => s.runs !== s.pin).length} of them from PoPs already running a newer version; unpinned clients got ${newest}`, figures);
}
