// The network state that faults change: PoPs down, regions down, partitions, slow regions; and
// the message latency model (base latency, seeded jitter, slowdowns). A message that cannot get
// through (partition, region down) is reported as unreachable; callers decide whether to retry
// (replication) or fail (a call from worker code).

import type { Prng } from "../core/prng.ts";
import type { Topology } from "./topology.ts";

export type Reach = { ok: true; latencyMs: number } | { ok: false; reason: "partitioned" | "region_down" };

export class Network {
  readonly popsDown = new Set<string>();
  readonly regionsDown = new Set<string>();
  /** Each active partition isolates its regions from every region outside it. */
  readonly partitions = new Map<number, ReadonlySet<string>>();
  /** Extra one-way latency in ms for messages to or from a slow region. */
  readonly slowRegionsMs = new Map<string, number>();

  constructor(
    readonly topology: Topology,
    private readonly prng: Prng,
    private readonly jitterPercent: number,
  ) {}

  /** Whether a message from one region can reach another now. */
  reachable(from: string, to: string): boolean {
    if (this.regionsDown.has(from) || this.regionsDown.has(to)) return false;
    return !this.partitioned(from, to);
  }

  partitioned(from: string, to: string): boolean {
    for (const members of this.partitions.values()) {
      if (members.has(from) !== members.has(to)) return true;
    }
    return false;
  }

  /** One message: its latency with jitter, or why it cannot be delivered. */
  send(from: string, to: string): Reach {
    if (this.regionsDown.has(from) || this.regionsDown.has(to)) return { ok: false, reason: "region_down" };
    if (this.partitioned(from, to)) return { ok: false, reason: "partitioned" };
    const base = this.topology.latencyMs(from, to) + this.slowMs(from) + (from === to ? 0 : this.slowMs(to));
    return { ok: true, latencyMs: this.jitter(base) };
  }

  /** A client's last mile to a PoP plus the path between their regions. */
  clientLatencyMs(clientRegion: string, popRegion: string, lastMileMs: number): number {
    const path = clientRegion === popRegion ? 0 : this.topology.latencyMs(clientRegion, popRegion);
    return this.jitter(lastMileMs + path + this.slowMs(popRegion));
  }

  /** Seeded jitter of ±jitterPercent, in whole ms, so seeds change interleavings. */
  jitter(baseMs: number): number {
    const spread = Math.floor((baseMs * this.jitterPercent) / 100);
    if (spread <= 0) return baseMs;
    return baseMs - spread + this.prng.nextInt(2 * spread + 1);
  }

  private slowMs(region: string): number {
    return this.slowRegionsMs.get(region) ?? 0;
  }
}
