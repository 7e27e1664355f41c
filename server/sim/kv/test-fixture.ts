// A small world for KV unit tests: three regions, PoPs named after airports, fixed lags.

import { utf8Encode } from "../core/hash.ts";
import { replicationLagMsAdjacent, replicationLagMsFar, replicationLagMsMid } from "./limits.ts";
import { applyReplication, type KvReplicationStep } from "./replication.ts";
import { createKvNamespace, type KvNamespaceState, type KvSite } from "./store.ts";

const regionOfPop: Record<string, string> = {
  sjc: "us-west", lax: "us-west", sea: "us-west",
  iad: "us-east", ewr: "us-east",
  bom: "ap-south",
};

const lagMs: Record<string, number> = {
  "us-west>us-east": replicationLagMsMid,
  "us-east>us-west": replicationLagMsMid,
  "us-west>ap-south": replicationLagMsFar,
  "ap-south>us-west": replicationLagMsFar,
  "us-east>ap-south": replicationLagMsFar,
  "ap-south>us-east": replicationLagMsFar,
};

export function makeTestNamespace(options: { perKeyWriteLimit?: boolean } = {}): KvNamespaceState {
  return createKvNamespace({
    regions: ["us-west", "us-east", "ap-south"],
    lagMsFor: (from, to) => lagMs[`${from}>${to}`] ?? replicationLagMsAdjacent,
    ...options,
  });
}

export function at(pop: string, nowMs: number): KvSite {
  const region = regionOfPop[pop];
  if (region === undefined) throw new Error(`test fixture: unknown PoP ${pop}`);
  return { nowMs, pop, region };
}

export function bytes(ascii: string): Uint8Array {
  return utf8Encode(ascii);
}

/** Decodes ASCII test values (the pure core has no TextDecoder). */
export function text(value: Uint8Array | null): string | null {
  return value === null ? null : String.fromCharCode(...value);
}

/** Applies every step due at or before `nowMs`, in time order, as the world would. */
export function deliverDue(state: KvNamespaceState, queue: KvReplicationStep[], nowMs: number): void {
  queue.sort((a, b) => a.atMs - b.atMs || a.version - b.version);
  while (queue.length > 0 && queue[0]!.atMs <= nowMs) {
    const step = queue.shift()!;
    applyReplication(state, step.region, step.key, step.version);
  }
}
