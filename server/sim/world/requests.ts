// Requests from clients and between workers: anycast to a PoP, route lookup, hand-off to the
// worker's isolate, and the answer's way back (to the client, or to the calling isolate).

import type { WireRequest, WireResponse } from "../isolate-port.ts";
import { nearestAdvertisedPop } from "../net/anycast.ts";
import { deliverTo, ensureIsolate } from "./isolates.ts";
import { respondToObjectCaller } from "./objects.ts";
import type { Responder, WorldState } from "./state.ts";
import { textResponse, urlParts, withHeader } from "./wire.ts";

export const versionHeader = "x-deployment-version";

/** A traffic entry leaves its client: anycast picks the nearest advertised PoP. */
export function clientSend(w: WorldState, req: string): void {
  const client = w.clients.get(req)!;
  w.record({ kind: "request", t: w.nowMs, req, traffic: client.trafficIndex, from: client.from, method: client.request.method, url: client.request.url });
  const pop = nearestAdvertisedPop(w.network.topology, client.from, w.advertised);
  w.record({ kind: "anycast", t: w.nowMs, req, from: client.from, pop });
  if (pop === null) {
    finishClient(w, req, textResponse(503, "no PoP reachable"), null, null);
    return;
  }
  client.pop = pop;
  const ms = w.network.clientLatencyMs(client.from, w.regionOfPop(pop), w.options.clientToPopMs);
  w.schedule(w.nowMs + ms, { kind: "pop_arrive", req, pop });
}

/** A client request reaches its PoP. A PoP that is down (but still advertised) fails it. */
export function popArrive(w: WorldState, req: string, pop: string): void {
  const client = w.clients.get(req)!;
  const region = w.regionOfPop(pop);
  if (w.network.popsDown.has(pop) || w.network.regionsDown.has(region)) {
    // The connection fails; the client sees it one path later (its timeout is not modelled).
    const back = w.network.clientLatencyMs(client.from, region, w.options.clientToPopMs);
    w.schedule(w.nowMs + back, { kind: "client_receive", req, response: textResponse(502, `PoP ${pop} is down`), servedBy: null, version: null });
    return;
  }
  handleAtPop(w, req, pop, client.request, { type: "client", req }, w.nowMs);
}

/** Routes a request at a PoP and delivers it to the worker's isolate, or answers 404/500. */
export function handleAtPop(w: WorldState, req: string, pop: string, request: WireRequest, responder: Responder, atMs: number): void {
  const parts = urlParts(request.url);
  const lookup = parts ? w.router.lookup(pop, parts.host, parts.path, w.nowMs) : { worker: null, cache: "miss" as const };
  w.record({ kind: "route", t: w.nowMs, req, pop, host: parts?.host ?? "", path: parts?.path ?? "", cache: lookup.cache, worker: lookup.worker });
  if (lookup.worker === null) {
    respond(w, responder, textResponse(404, `no route for ${request.url}`), pop, null, atMs);
    return;
  }
  const version = w.versions.get(lookup.worker)!.get(pop)!;
  const loaded = ensureIsolate(w, lookup.worker, version, pop);
  if (!loaded.ok) {
    respond(w, responder, textResponse(500, `worker failed to load: ${loaded.error.message}`), pop, version, atMs);
    return;
  }
  const isolate = loaded.value.isolate;
  isolate.inFlight.set(req, responder);
  deliverTo(w, isolate, { kind: "fetch", requestId: req, request }, req, atMs - w.nowMs + loaded.value.coldMs);
}

/** Sends a worker's answer where its request came from; the version header tells which version answered. */
export function respond(w: WorldState, responder: Responder, response: WireResponse, pop: string, version: string | null, atMs: number): void {
  const answer = version === null ? response : withHeader(response, versionHeader, version);
  switch (responder.type) {
    case "client": {
      const client = w.clients.get(responder.req)!;
      const back = w.network.clientLatencyMs(client.from, w.regionOfPop(pop), w.options.clientToPopMs);
      w.schedule(atMs + back, { kind: "client_receive", req: responder.req, response: answer, servedBy: w.regionOfPop(pop), version });
      return;
    }
    case "call": {
      // A subrequest to another route of the world is answered inside the same PoP.
      w.schedule(atMs + 1, { kind: "isolate_reply", isolate: responder.isolate, callId: responder.callId, result: { ok: true, value: answer }, label: `response ${answer.status}`, inFlight: true });
      return;
    }
    case "object":
      respondToObjectCaller(w, responder.object, responder.doReq, answer, atMs);
      return;
  }
}

export function clientReceive(w: WorldState, req: string, response: WireResponse, servedBy: string | null, version: string | null): void {
  finishClient(w, req, response, servedBy, version);
}

function finishClient(w: WorldState, req: string, response: WireResponse, servedBy: string | null, version: string | null): void {
  const client = w.clients.get(req)!;
  if (client.response) return;
  client.response = { response, servedBy, finishedAtMs: w.nowMs };
  w.record({ kind: "response", t: w.nowMs, req, status: response.status, servedBy, version });
}
