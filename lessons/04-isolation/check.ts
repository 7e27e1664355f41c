// Lesson 4: tenant B is unaffected by tenant A's pollution. The check needs tenant A's own probe
// to show the pollution (so there was something to leak), both tenants served by the same PoP,
// and every probe of tenant B to see pristine built-ins and no foreign global.

import { fail, figure, pass, trafficRequests, type RequestFacts } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

interface Probe { tenant?: string; arrayPrototypeMarked?: boolean; globalSecret?: string | null; jsonPatched?: boolean }

function probeOf(r: RequestFacts): Probe | null {
  try {
    return JSON.parse(r.response?.body ?? "") as Probe;
  } catch {
    return null;
  }
}

const polluted = (p: Probe | null) => p !== null && (p.arrayPrototypeMarked === true || p.globalSecret != null || p.jsonPatched === true);
const what = (p: Probe) => [p.arrayPrototypeMarked && "Array.prototype.owner", p.globalSecret != null && `globalThis.secret = ${JSON.stringify(p.globalSecret)}`, p.jsonPatched && "a patched JSON.stringify"].filter(Boolean).join(", ");

export function check({ result, measured = {} }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const host = (r: RequestFacts) => /^https?:\/\/([^/]+)/.exec(r.url)?.[1] ?? "";
  const aProbes = requests.filter((r) => host(r).startsWith("a.") && r.url.endsWith("/probe"));
  const bProbes = requests.filter((r) => host(r).startsWith("b."));
  const isolates = result.trace.filter((e) => e.kind === "isolate_start");
  const figures = [
    figure("isolates-on-pop", "isolates started on us-west-pop", isolates.filter((e) => e.kind === "isolate_start" && e.pop === "us-west-pop").length, ""),
    figure("isolate-mb", "V8 heap of one isolate of tenant A's worker", measured["isolate-mb"] === undefined ? null : Math.round(measured["isolate-mb"] * 100) / 100, "MB", "≈ 2 MB; a container hundreds of MB", true),
    figure("b-polluted", "tenant B probes that saw pollution", bProbes.filter((r) => polluted(probeOf(r))).length, ""),
  ];
  const broken = requests.find((r) => r.response?.status !== 200);
  if (broken) return fail(`${broken.req} (${broken.url}) got ${broken.response?.status ?? "no answer"}: ${broken.response?.body.slice(0, 120) ?? ""}`, figures);
  const leaked = bProbes.find((r) => polluted(probeOf(r)));
  if (leaked) return fail(`${leaked.req}: tenant B saw ${what(probeOf(leaked)!)}, set by tenant A`, figures);
  const shown = aProbes.find((r) => polluted(probeOf(r)));
  if (!shown) return fail(`tenant A's probe ${aProbes[0]?.req ?? "(none)"} shows pristine built-ins: pollute something in /pollute first, so there is something for tenant B not to see`, figures);
  const pops = new Set([...aProbes, ...bProbes].map((r) => r.pop));
  return pass(`${shown.req}: tenant A sees ${what(probeOf(shown)!)}; ${bProbes.map((r) => r.req).join(" and ")} of tenant B, on the same ${[...pops].join(", ")}, see none of it`, figures);
}
