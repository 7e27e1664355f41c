// The scenario's simulated origins (the servers behind a route, on the internet): an origin
// answers after the network path both ways plus its own latency; across a partition, 502.

import { utf8Encode } from "../core/hash.ts";
import type { WireResponse } from "../isolate-port.ts";
import type { OriginSpec } from "../scenario-types.ts";
import type { Ctx } from "./context.ts";
import { textResponse } from "./wire.ts";

export interface OriginAnswer {
  response: WireResponse;
  /** Virtual ms from sending the request to having the answer. */
  ms: number;
  reachable: boolean;
}

export function originFor(ctx: Ctx, host: string): OriginSpec | null {
  return ctx.scenario.origins.find((o) => o.host === host) ?? null;
}

/** What `origin` answers a request sent from `fromRegion` now. */
export function originAnswer(ctx: Ctx, origin: OriginSpec, fromRegion: string): OriginAnswer {
  const there = ctx.network.send(fromRegion, origin.region);
  const back = ctx.network.send(origin.region, fromRegion);
  if (!there.ok || !back.ok) return { response: textResponse(502, `origin ${origin.host} unreachable`), ms: 1, reachable: false };
  const response = { status: origin.status, statusText: "", headers: origin.headers, body: utf8Encode(origin.body) };
  return { response, ms: there.latencyMs + origin.latencyMs + back.latencyMs, reachable: true };
}
