// World map: clients per region → PoPs → isolates (one per PoP and worker, warm or cold) → KV
// replicas and the central store, and the Durable Objects with their owner. The text depends on
// the topology only; the moment (cursor) is a decoration.
import type { TraceEntry, WorldView } from "../../../server/protocol/index.ts";
import { addClass, emptyDecoration, type Diagram } from "./diagram.ts";
import { mermaidLabel, plainTitle } from "./escape.ts";
import { popOf, regionOfPop, shortObject, type Topology } from "./topology.ts";

/** How far back from the cursor recent activity (lit PoP, cache hit, a kill) is looked for. */
export const recentEntriesWindow = 12;
const dotLookbackEntriesMax = 5_000;

export const worldMapIds = {
  client: (r: number) => `client${r}`,
  pop: (r: number) => `pop${r}`,
  isolate: (r: number, w: number) => `iso${r}x${w}`,
  replica: (r: number) => `kv${r}`,
  central: "kvcentral",
  object: (o: number) => `do${o}`,
};

/** Objects reached from every region's isolates while the map stays readable; past it, from the first region's. */
const objectEdgesMax = 16;

/**
 * Regions side by side, each a column from its clients down through its PoP and isolates to its
 * KV replica; the central store and the Durable Objects below, where every region reaches them.
 * Edges are the paths requests travel, so a request's dot can move along them.
 */
export function worldMapText(t: Topology): string {
  const lines = ["flowchart TB"];
  t.regions.forEach((region, r) => {
    lines.push(`  subgraph reg${r}[${plainTitle(region)}]`);
    lines.push(`    ${worldMapIds.client(r)}(${mermaidLabel(`clients ${region}`)})`);
    lines.push(`    ${worldMapIds.pop(r)}[${mermaidLabel(popOf(region))}]`);
    t.workers.forEach((worker, w) => lines.push(`    ${worldMapIds.isolate(r, w)}[${mermaidLabel(`isolate ${worker}`)}]`));
    lines.push(`    ${worldMapIds.replica(r)}[(${mermaidLabel(`KV replica ${region}`)})]`);
    lines.push("  end");
  });
  lines.push(`  ${worldMapIds.central}[(${mermaidLabel(`KV central ${t.centralRegion ?? ""}`.trim())})]`);
  t.objects.forEach((id, o) => lines.push(`  ${worldMapIds.object(o)}{{${mermaidLabel(shortObject(id))}}}`));
  const objectRegions = t.regions.length * t.objects.length <= objectEdgesMax ? t.regions.map((_, r) => r) : t.regions.slice(0, 1).map((_, r) => r);
  t.regions.forEach((_, r) => {
    lines.push(`  ${worldMapIds.client(r)} --> ${worldMapIds.pop(r)}`);
    t.workers.forEach((_, w) => {
      lines.push(`  ${worldMapIds.pop(r)} --> ${worldMapIds.isolate(r, w)}`);
      lines.push(`  ${worldMapIds.isolate(r, w)} --> ${worldMapIds.replica(r)}`);
    });
    lines.push(`  ${worldMapIds.replica(r)} -.- ${worldMapIds.central}`);
  });
  for (const r of objectRegions) t.objects.forEach((_, o) => lines.push(`  ${worldMapIds.isolate(r, 0)} -.-> ${worldMapIds.object(o)}`));
  return lines.join("\n");
}

export function worldMap(t: Topology, trace: readonly TraceEntry[], cursor: number, view: WorldView): Diagram {
  const d = emptyDecoration();
  const regionIndex = new Map(t.regions.map((r, i) => [r, i]));
  const popIndex = (pop: string) => regionIndex.get(regionOfPop(pop));
  const downRegions = new Set(view.faults.flatMap((f) => (f.startsWith("pop_down:") || f.startsWith("region_down:") || f.startsWith("partition:") ? f.split(":")[1]!.split(",") : [])));
  t.regions.forEach((region, r) => {
    const advertised = view.pops[popOf(region)]?.advertised ?? true;
    if (!advertised || downRegions.has(region) || downRegions.has(popOf(region))) addClass(d, worldMapIds.pop(r), "down");
    t.workers.forEach((worker, w) => {
      const warm = Object.values(view.isolates).find((i) => i.pop === popOf(region) && i.worker === worker);
      addClass(d, worldMapIds.isolate(r, w), warm ? "warm" : "cold");
      d.badges[worldMapIds.isolate(r, w)] = warm ? `warm ${warm.version}` : "cold";
    });
    const replica = view.kv.replicas[region] ?? {};
    const stale = Object.entries(view.kv.central).some(([key, v]) => (replica[key] ?? 0) < v);
    addClass(d, worldMapIds.replica(r), stale ? "stale" : "fresh");
  });
  t.objects.forEach((id, o) => {
    const object = view.objects[id];
    addClass(d, worldMapIds.object(o), object ? object.state : "future");
    if (object) d.badges[worldMapIds.object(o)] = `${object.state} in ${object.region}${object.queueDepth > 0 ? `, queue ${object.queueDepth}` : ""}`;
  });
  for (let i = Math.max(0, cursor - recentEntriesWindow); i < cursor; i++) {
    const e = trace[i]!;
    if (e.kind === "anycast" && e.pop !== null) { const r = popIndex(e.pop); if (r !== undefined) addClass(d, worldMapIds.pop(r), "lit"); }
    if (e.kind === "route") { const r = popIndex(e.pop); if (r !== undefined) { addClass(d, worldMapIds.pop(r), e.cache); d.badges[worldMapIds.pop(r)] = `route cache ${e.cache}`; } }
    if (e.kind === "limit" || (e.kind === "isolate_end" && e.reason !== "idle")) {
      const pop = e.kind === "isolate_end" ? e.pop : popOfIsolate(e.isolate);
      const r = pop === undefined ? undefined : popIndex(pop);
      if (r !== undefined) t.workers.forEach((_, w) => addClass(d, worldMapIds.isolate(r, w), "killed"));
    }
  }
  placeDots(d, t, trace, cursor, view, popIndex);
  return { text: worldMapText(t), decoration: d };
}

function placeDots(d: Diagram["decoration"], t: Topology, trace: readonly TraceEntry[], cursor: number, view: WorldView, popIndex: (pop: string) => number | undefined): void {
  const want = new Set(view.inFlight);
  const lowest = Math.max(0, cursor - dotLookbackEntriesMax);
  const workerIndex = (name: string) => Math.max(0, t.workers.indexOf(name));
  for (let i = cursor - 1; i >= lowest && want.size > 0; i--) {
    const e = trace[i]!;
    if (!("req" in e) || e.req === null || !want.has(e.req)) continue;
    let node: string | undefined;
    if (e.kind === "request") { const r = t.regions.indexOf(e.from); if (r >= 0) node = worldMapIds.client(r); }
    else if (e.kind === "anycast" && e.pop !== null) { const r = popIndex(e.pop); if (r !== undefined) node = worldMapIds.pop(r); }
    else if (e.kind === "route") { const r = popIndex(e.pop); if (r !== undefined) node = worldMapIds.isolate(r, workerIndex(e.worker ?? "")); }
    else if (e.kind === "kv_read" || e.kind === "kv_write") { const r = popIndex(e.pop); if (r !== undefined) node = worldMapIds.replica(r); }
    else if (e.kind === "do_enqueue") { const o = t.objects.indexOf(e.object); if (o >= 0) node = worldMapIds.object(o); }
    else if (e.kind === "deliver") { const pop = popOfIsolate(e.isolate); const r = pop === undefined ? undefined : popIndex(pop); if (r !== undefined) node = worldMapIds.isolate(r, 0); }
    if (node !== undefined) { d.dots[e.req] = node; want.delete(e.req); }
  }
}

/** Isolate keys read `worker@version/pop#n`. */
function popOfIsolate(isolate: string): string | undefined {
  return isolate.split("/")[1]?.split("#")[0];
}
