// Lesson 6: a PoP goes down; until the next health check withdraws it, its clients' connections
// fail, and clients that retry reach the next nearest PoP afterwards. The check: no request is
// lost across the failover — every request answered 200, and the final GET /cart lists every
// item the client was told it added (state kept in one PoP's isolate does not follow the client).

import { entries, fail, figure, listing, pass, pathOf, trafficRequests, type RequestFacts } from "../../server/lessons/evidence.ts";
import type { CheckFigure, CheckResult, LessonRun } from "../../server/lessons/types.ts";

export const predictionId = "where-r2";

const regionOf = (pop: string | null) => (pop === null ? "no PoP" : pop.replace(/-pop$/, ""));

export function check({ result, predictions = {} }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const figures = figuresOf(result, requests);
  const unanswered = requests.find((r) => r.response?.status !== 200);
  if (unanswered) {
    return fail(`${unanswered.req} (${unanswered.method} ${pathOf(unanswered.url)}) got ${unanswered.response?.status ?? "no answer"}${unanswered.response ? `: ${unanswered.response.body.slice(0, 120)}` : ""}`, figures);
  }
  const adds = requests.filter((r) => pathOf(r.url) === "/cart/add");
  const listed = itemsOf(requests.find((r) => pathOf(r.url) === "/cart")?.response?.body);
  if (listed === null) return fail(`the final GET /cart did not answer {"items": [...]}`, figures);
  const added = adds.map((r) => new URL(r.url).searchParams.get("item") ?? "?");
  const lost = added.filter((item) => !listed.includes(item));
  if (lost.length > 0) {
    const where = adds.map((r) => `${r.req} ${new URL(r.url).searchParams.get("item")} at ${regionOf(r.pop)}`).join(", ");
    return fail(`the cart lost ${listing(lost)}: ${where}; GET /cart at ${regionOf(requests.at(-1)?.pop ?? null)} listed [${listed.join(", ")}]. Memory of one PoP's isolate stays there when anycast moves the client`, figures);
  }
  const answer = predictions[predictionId];
  if (answer === undefined || answer.trim() === "") return fail(`no request was lost; now answer the prediction ("${predictionId}") before you press Check`, figures);
  return pass(`every request answered 200 and the cart kept ${listing(added)} across the failover from us-west to ${regionOf(requests.at(-1)?.pop ?? null)}`, figures);
}

function itemsOf(body: string | undefined): string[] | null {
  if (body === undefined) return null;
  try {
    const json = JSON.parse(body) as { items?: unknown };
    return Array.isArray(json.items) ? json.items.map(String) : null;
  } catch {
    return null;
  }
}

function figuresOf(result: LessonRun["result"], requests: RequestFacts[]): CheckFigure[] {
  const down = entries(result.trace, "fault").find((f) => f.fault === "pop_down" && f.active);
  const withdrawn = entries(result.trace, "health").find((h) => !h.advertised && down !== undefined && h.t >= down.t);
  const retries = entries(result.trace, "retry");
  const r2 = requests[1];
  return [
    figure("failover-window", "from the PoP failing to its withdrawal from anycast", down && withdrawn ? withdrawn.t - down.t : null, "ms", "up to one health-check interval"),
    figure("retries", "connections the clients retried", retries.length, ""),
    figure("r2-latency", "r2's latency, retries included", r2?.latencyMs ?? null, "ms"),
    figure("served-elsewhere", "requests answered by another region's PoP", requests.filter((r) => r.pop !== null && regionOf(r.pop) !== r.from).length, ""),
  ];
}
