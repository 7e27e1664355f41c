// `fetch()` from worker code: a host that a route of the world serves goes back through the
// router at the same PoP (no anycast: the subrequest starts inside the PoP), and so does any host
// that is not one of the scenario's simulated origins (the router answers it 404). An origin
// answers after the network path both ways plus its own latency; across a partition, 502.

import type { WireRequest } from "../isolate-port.ts";
import { callError, replyAt, type CallOp } from "./calls.ts";
import { handleAtPop } from "./requests.ts";
import type { IsolateRecord, WorldState } from "./state.ts";
import { textResponse, urlParts } from "./wire.ts";
import { utf8Encode } from "../core/hash.ts";

export function subrequest(w: WorldState, isolate: IsolateRecord, op: CallOp, request: WireRequest, atMs: number): void {
  const parts = typeof request?.url === "string" ? urlParts(request.url) : null;
  if (!parts) {
    replyAt(w, isolate, op.callId, atMs, callError("TypeError", "fetch: invalid URL"), "fetch error", false);
    return;
  }
  const origin = w.scenario.origins.find((o) => o.host === parts.host);
  const req = w.nextId("s");
  w.record({ kind: "subrequest", t: w.nowMs, req, url: request.url, target: origin ? `origin:${origin.region}` : "route" });
  if (!origin) {
    handleAtPop(w, req, isolate.pop, request, { type: "call", isolate: isolate.key, callId: op.callId, fromRegion: isolate.region }, atMs);
    return;
  }
  const there = w.network.send(isolate.region, origin.region);
  const back = w.network.send(origin.region, isolate.region);
  if (!there.ok || !back.ok) {
    replyAt(w, isolate, op.callId, atMs + 1, { ok: true, value: textResponse(502, `origin ${origin.host} unreachable`) }, "origin 502", true);
    return;
  }
  const response = { status: origin.status, statusText: "", headers: origin.headers, body: utf8Encode(origin.body) };
  const doneAt = atMs + there.latencyMs + origin.latencyMs + back.latencyMs;
  replyAt(w, isolate, op.callId, doneAt, { ok: true, value: response }, `origin ${origin.host} answers`, true);
}
