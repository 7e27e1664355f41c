// KV replication: for each key (rows), the version held by the central store, by each region's
// replica and by each PoP's cache (cells). The grid's text depends on keys and regions only;
// versions are badges and stale cells a class, so a replication event re-renders nothing.
import type { WorldView } from "../../../server/protocol/index.ts";
import { addClass, emptyDecoration, type Diagram } from "./diagram.ts";
import { mermaidLabel, plainTitle } from "./escape.ts";
import { popOf, type Topology } from "./topology.ts";

export const kvIds = {
  key: (k: number) => `key${k}`,
  name: (k: number) => `kn${k}`,
  central: (k: number) => `c${k}`,
  replica: (k: number, r: number) => `r${k}x${r}`,
  cache: (k: number, r: number) => `p${k}x${r}`,
};

export function kvReplicationText(t: Topology): string {
  const lines = ["flowchart LR"];
  if (t.keys.length === 0) {
    lines.push(`  none[${mermaidLabel("no KV key used yet")}]`);
    return lines.join("\n");
  }
  t.keys.forEach((key, k) => {
    lines.push(`  subgraph ${kvIds.key(k)}[${plainTitle(`key ${k + 1}`)}]`, "    direction LR");
    lines.push(`    ${kvIds.name(k)}>${mermaidLabel(`key ${key}`)}]`);
    lines.push(`    ${kvIds.central(k)}[(${mermaidLabel("central")})]`);
    t.regions.forEach((region, r) => {
      lines.push(`    ${kvIds.replica(k, r)}[${mermaidLabel(`replica ${region}`)}]`);
      lines.push(`    ${kvIds.cache(k, r)}[${mermaidLabel(`cache ${popOf(region)}`)}]`);
    });
    lines.push(`    ${kvIds.name(k)} --- ${kvIds.central(k)}`);
    t.regions.forEach((_, r) => lines.push(`    ${kvIds.central(k)} -.-> ${kvIds.replica(k, r)} --> ${kvIds.cache(k, r)}`));
    lines.push("  end");
  });
  return lines.join("\n");
}

const version = (v: number | null | undefined) => (v === null || v === undefined ? "none" : `v${v}`);

export function kvReplication(t: Topology, view: WorldView, replicationLagMs: Record<string, number> = {}): Diagram {
  const d = emptyDecoration();
  t.keys.forEach((key, k) => {
    const central = view.kv.central[key];
    d.badges[kvIds.central(k)] = version(central);
    addClass(d, kvIds.central(k), central === undefined ? "empty" : "fresh");
    t.regions.forEach((region, r) => {
      const replica = view.kv.replicas[region]?.[key];
      const stale = central !== undefined && (replica ?? 0) < central;
      const lag = replicationLagMs[region];
      d.badges[kvIds.replica(k, r)] = stale && lag !== undefined ? `${version(replica)} stale, catches up ≤ ${lag} ms` : `${version(replica)}${stale ? " stale" : ""}`;
      addClass(d, kvIds.replica(k, r), stale ? "stale" : replica === undefined ? "empty" : "fresh");
      const cached = view.kv.pops[popOf(region)]?.[key];
      const cacheStale = cached !== undefined && (cached.stale || (central !== undefined && (cached.version ?? 0) < central));
      d.badges[kvIds.cache(k, r)] = cached === undefined ? "not cached" : `${version(cached.version)}${cacheStale ? " stale" : ""}`;
      addClass(d, kvIds.cache(k, r), cached === undefined ? "empty" : cacheStale ? "stale" : "fresh");
    });
  });
  return { text: kvReplicationText(t), decoration: d };
}
