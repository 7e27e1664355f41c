// Requests from clients and between workers: anycast to a PoP, route lookup, hand-off to the
// worker's isolate, and the answer's way back (to the client, or to the calling isolate).

import type { WireRequest, WireResponse } from "../isolate-port.ts";
import type { ClientRetry } from "../scenario-types.ts";
import { nearestAdvertisedPop } from "../net/anycast.ts";
import { regionOfPop, type Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { InstantEvent, Lineage, Responder } from "./events.ts";
import { rpcOutcome, rpcResultLabel } from "./rpc.ts";
import { textResponse, urlParts, withHeader } from "./wire.ts";

export const versionHeader = "x-deployment-version";

export interface ClientRequest {
  id: string;
  trafficIndex: number | null;
  from: string;
  request: WireRequest;
  startedAtMs: number;
  pop: string | null;
  response: { response: WireResponse; servedBy: string | null; finishedAtMs: number } | null;
  /** The client's policy for failed connections (null: it gives up at once). */
  retry: ClientRetry | null;
  /** Which attempt is in flight: 1, then 2.. for each retry. */
  attempt: number;
  /** True once the worker's answer is on its way back (the client has it one path later). */
  answered?: boolean;
}

/** The requests concern's slice: every client request of the run, by id. */
export interface RequestsSlice {
  readonly clients: Map<string, ClientRequest>;
}

/** A traffic entry leaves its client: anycast picks the nearest advertised PoP. */
export function clientSend(s: RequestsSlice, ctx: Ctx, req: string, attempt?: number): Effects {
  const out = new Effects();
  const client = s.clients.get(req)!;
  if (attempt === undefined) out.trace({ kind: "request", t: ctx.nowMs, req, traffic: client.trafficIndex, from: client.from, method: client.request.method, url: client.request.url });
  else out.trace({ kind: "retry", t: ctx.nowMs, req, from: client.from, attempt, reason: `PoP ${client.pop ?? "?"} did not answer` });
  const pop = nearestAdvertisedPop(ctx.network.topology, client.from, ctx.reads.advertised());
  out.trace({ kind: "anycast", t: ctx.nowMs, req, from: client.from, pop });
  if (pop === null) {
    finishClient(s, ctx, out, req, textResponse(503, "no PoP reachable"), null, null);
    return out;
  }
  client.pop = pop;
  const ms = ctx.network.clientLatencyMs(client.from, regionOfPop(ctx, pop), ctx.options.clientToPopMs);
  out.send(ctx.nowMs + ms, { kind: "pop_arrive", req, pop });
  return out;
}

/** A client request reaches its PoP. A PoP that is down (but still advertised) fails it. */
export function popArrive(s: RequestsSlice, ctx: Ctx, req: string, pop: string): Effects {
  const out = new Effects();
  const client = s.clients.get(req)!;
  const region = regionOfPop(ctx, pop);
  if (ctx.network.popsDown.has(pop) || ctx.network.regionsDown.has(region)) {
    // The connection fails; the client sees it one path later (its timeout is not modelled).
    const back = ctx.network.clientLatencyMs(client.from, region, ctx.options.clientToPopMs);
    if (client.retry !== null && client.attempt <= client.retry.attempts) {
      // It waits, then connects again: anycast answers afresh, so after the health check
      // withdraws this PoP the retry reaches the next nearest one.
      client.attempt += 1;
      out.send(ctx.nowMs + back + client.retry.afterMs, { kind: "client_send", req, attempt: client.attempt });
      return out;
    }
    out.send(ctx.nowMs + back, { kind: "client_receive", req, response: textResponse(502, `PoP ${pop} is down`), servedBy: null, version: null });
    return out;
  }
  routeAtPop(ctx, out, req, pop, client.request, { type: "client", req }, { root: req, depth: 0 }, ctx.nowMs);
  return out;
}

/** A subrequest to a route of the world, handled at the caller's PoP. */
export function route(ctx: Ctx, event: Extract<InstantEvent, { kind: "route" }>): Effects {
  const out = new Effects();
  routeAtPop(ctx, out, event.req, event.pop, event.request, event.responder, event.lineage, event.atMs);
  return out;
}

/** Routes a request at a PoP and hands it to the worker's isolate, or answers 404. */
function routeAtPop(ctx: Ctx, out: Effects, req: string, pop: string, request: WireRequest, responder: Responder, lineage: Lineage, atMs: number): void {
  const parts = urlParts(request.url);
  const lookup = parts ? ctx.router.lookup(pop, parts.host, parts.path, ctx.nowMs) : { worker: null, cache: "miss" as const };
  out.trace({ kind: "route", t: ctx.nowMs, req, pop, host: parts?.host ?? "", path: parts?.path ?? "", cache: lookup.cache, worker: lookup.worker });
  if (lookup.worker === null) {
    out.now({ kind: "respond", responder, response: textResponse(404, `no route for ${request.url}`), pop, version: null, atMs });
    return;
  }
  const version = ctx.reads.versionAt(lookup.worker, pop);
  out.now({ kind: "isolate_fetch", req, worker: lookup.worker, version, pop, request, responder, lineage, atMs });
}

/** Sends a worker's answer where its request came from; the version header tells which version answered. */
export function respond(s: RequestsSlice, ctx: Ctx, event: Extract<InstantEvent, { kind: "respond" }>): Effects {
  const out = new Effects();
  const { responder, response, pop, version, atMs } = event;
  const answer = version === null ? response : withHeader(response, versionHeader, version);
  switch (responder.type) {
    case "client": {
      const client = s.clients.get(responder.req)!;
      client.answered = true;
      const back = ctx.network.clientLatencyMs(client.from, regionOfPop(ctx, pop), ctx.options.clientToPopMs);
      out.send(atMs + back, { kind: "client_receive", req: responder.req, response: answer, servedBy: regionOfPop(ctx, pop), version });
      break;
    }
    case "call": {
      // A subrequest to another route of the world (or a service binding's call) is answered inside the same PoP.
      if (responder.rpc !== undefined) {
        const outcome = rpcOutcome(event.rpc, response);
        out.send(atMs + 1, { kind: "isolate_reply", isolate: responder.isolate, callId: responder.callId, result: outcome, label: rpcResultLabel(responder.rpc, outcome), inFlight: true });
        break;
      }
      out.send(atMs + 1, { kind: "isolate_reply", isolate: responder.isolate, callId: responder.callId, result: { ok: true, value: answer }, label: `response ${answer.status}`, inFlight: true });
      break;
    }
    case "object":
      out.now({ kind: "object_respond", object: responder.object, doReq: responder.doReq, response: answer, atMs, ...(event.rpc === undefined ? {} : { rpc: event.rpc }) });
      break;
  }
  return out;
}

export function clientReceive(s: RequestsSlice, ctx: Ctx, event: { req: string; response: WireResponse; servedBy: string | null; version: string | null; refusal?: true }): Effects {
  const out = new Effects();
  if (event.refusal === true && s.clients.get(event.req)?.answered === true) return out;
  finishClient(s, ctx, out, event.req, event.response, event.servedBy, event.version);
  return out;
}

function finishClient(s: RequestsSlice, ctx: Ctx, out: Effects, req: string, response: WireResponse, servedBy: string | null, version: string | null): void {
  const client = s.clients.get(req)!;
  if (client.response) return;
  client.response = { response, servedBy, finishedAtMs: ctx.nowMs };
  out.trace({ kind: "response", t: ctx.nowMs, req, status: response.status, servedBy, version });
}

/**
 * A client request's tree went over its budget: the client gets a 503 naming the limit now,
 * unless the worker's own answer left first (the tree went on in ctx.waitUntil work, or the
 * same delivery that started the fan-out also answered: that answer comes after its calls).
 */
export function treeRefused(s: RequestsSlice, ctx: Ctx, e: { root: string; message: string; atMs: number }): Effects {
  const out = new Effects();
  const client = s.clients.get(e.root);
  if (!client || client.response || client.pop === null) return out;
  const back = ctx.network.clientLatencyMs(client.from, regionOfPop(ctx, client.pop), ctx.options.clientToPopMs);
  out.send(e.atMs + back, { kind: "client_receive", req: e.root, response: textResponse(503, e.message), servedBy: regionOfPop(ctx, client.pop), version: null, refusal: true });
  return out;
}
