// Regions, PoPs and the one-way latency between regions. The numbers are typical one-way
// internet latencies between cloud regions (about half the published round-trip times); a
// scenario can override any pair. A client in a region reaches a PoP in the same region in
// `clientToPopMs` (the last mile).

import { assert } from "../core/result.ts";

/** One-way latency in ms between the built-in regions. */
const builtinLatencyMs: Record<string, Record<string, number>> = {
  "us-west": { "us-east": 32, "eu-west": 70, "eu-central": 75, "ap-south": 110, "ap-northeast": 55, "sa-east": 90 },
  "us-east": { "eu-west": 38, "eu-central": 45, "ap-south": 100, "ap-northeast": 75, "sa-east": 60 },
  "eu-west": { "eu-central": 10, "ap-south": 60, "ap-northeast": 110, "sa-east": 95 },
  "eu-central": { "ap-south": 65, "ap-northeast": 115, "sa-east": 100 },
  "ap-south": { "ap-northeast": 60, "sa-east": 150 },
  "ap-northeast": { "sa-east": 130 },
};

export const builtinRegions: readonly string[] = ["us-west", "us-east", "eu-west", "eu-central", "ap-south", "ap-northeast", "sa-east"];
export const defaultRegions: readonly string[] = ["us-west", "us-east", "eu-west", "ap-south"];
/** Between two regions the table does not know (custom regions without an override). */
const unknownPairLatencyMs = 100;
const sameRegionLatencyMs = 1;

export interface Pop {
  id: string;
  region: string;
}

export interface LatencyOverride {
  from: string;
  to: string;
  ms: number;
}

export class Topology {
  readonly regions: readonly string[];
  readonly pops: readonly Pop[];
  private readonly overrides = new Map<string, number>();

  constructor(regions: readonly string[], overrides: readonly LatencyOverride[]) {
    assert(regions.length > 0, "a world needs at least one region");
    this.regions = regions;
    // One PoP per region; its id names the region so traces stay readable.
    this.pops = regions.map((region) => ({ id: popIdOf(region), region }));
    for (const o of overrides) {
      this.overrides.set(pairKey(o.from, o.to), o.ms);
      this.overrides.set(pairKey(o.to, o.from), o.ms);
    }
  }

  hasRegion(region: string): boolean {
    return this.regions.includes(region);
  }

  popOf(popId: string): Pop {
    const pop = this.pops.find((p) => p.id === popId);
    assert(pop, `unknown PoP ${popId}`);
    return pop;
  }

  popInRegion(region: string): Pop {
    const pop = this.pops.find((p) => p.region === region);
    assert(pop, `no PoP in region ${region}`);
    return pop;
  }

  /** Base one-way latency between two regions, before jitter and slowdowns. */
  latencyMs(from: string, to: string): number {
    const override = this.overrides.get(pairKey(from, to));
    if (override !== undefined) return override;
    if (from === to) return sameRegionLatencyMs;
    return builtinLatencyMs[from]?.[to] ?? builtinLatencyMs[to]?.[from] ?? unknownPairLatencyMs;
  }
}

export function popIdOf(region: string): string {
  return `${region}-pop`;
}

function pairKey(from: string, to: string): string {
  return `${from}>${to}`;
}
