// The router's trie, drawn from the deployed routes (every worker's patterns plus its
// `<name>.workers.dev/*`): a host node, then one node per path segment, then the worker that
// owns the pattern. The text depends on the routes only; the lookup of the request at the
// cursor lights its path, and the root shows the route cache's answer and hit rate so far.
import type { TraceEntry } from "../../../server/protocol/index.ts";
import { addClass, emptyDecoration, type Diagram } from "./diagram.ts";
import { mermaidLabel } from "./escape.ts";

export interface RoutedWorker { name: string; routes: readonly string[] }

interface Pattern { pattern: string; worker: string; host: string; segments: string[]; wildcard: boolean; nodes: string[] }

const workersDev = "workers.dev";
const routerId = "router";

/** Each pattern with the node ids of its host and segments (shared prefixes share nodes). */
export function routePatterns(workers: readonly RoutedWorker[]): { patterns: Pattern[]; labels: Map<string, string>; edges: [string, string][] } {
  const ids = new Map<string, string>();
  const labels = new Map<string, string>();
  const edges: [string, string][] = [];
  const nodeFor = (key: string, label: string, parent: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = `t${ids.size}`;
      ids.set(key, id);
      labels.set(id, label);
      edges.push([parent, id]);
    }
    return id;
  };
  const patterns: Pattern[] = [];
  for (const worker of workers) {
    for (const pattern of [...worker.routes, `${worker.name}.${workersDev}/*`]) {
      const slash = pattern.indexOf("/");
      const host = (slash < 0 ? pattern : pattern.slice(0, slash)).toLowerCase();
      const parts = (slash < 0 ? "" : pattern.slice(slash + 1)).split("/").filter(Boolean);
      const wildcard = parts.at(-1) === "*";
      const segments = wildcard ? parts.slice(0, -1) : parts;
      const nodes = [nodeFor(host, host, routerId)];
      segments.forEach((segment, i) => nodes.push(nodeFor(`${host}/${segments.slice(0, i + 1).join("/")}`, `/${segment}`, nodes[i]!)));
      if (wildcard) nodes.push(nodeFor(`${host}/${segments.join("/")}/*`, "/* any rest", nodes.at(-1)!));
      patterns.push({ pattern, worker: worker.name, host, segments, wildcard, nodes });
    }
  }
  return { patterns, labels, edges };
}

const workerId = (i: number) => `w${i}`;

export function routeTrieText(workers: readonly RoutedWorker[]): string {
  const { patterns, labels, edges } = routePatterns(workers);
  const lines = ["flowchart LR", `  ${routerId}[${mermaidLabel("router: route cache, then trie")}]`];
  if (patterns.length === 0) return lines.join("\n");
  for (const [id, label] of labels) lines.push(`  ${id}[${mermaidLabel(label)}]`);
  workers.forEach((w, i) => lines.push(`  ${workerId(i)}[${mermaidLabel(`worker ${w.name}`)}]`));
  for (const [from, to] of edges) lines.push(`  ${from} --> ${to}`);
  const ends = new Set<string>();
  for (const p of patterns) {
    const edge = `${p.nodes.at(-1)} --> ${workerId(workers.findIndex((w) => w.name === p.worker))}`;
    if (!ends.has(edge)) { ends.add(edge); lines.push(`  ${edge}`); }
  }
  return lines.join("\n");
}

function hostMatches(pattern: string, host: string): boolean {
  return pattern === host || (pattern.startsWith("*.") && host.endsWith(pattern.slice(1)));
}

/** The pattern that served a lookup: among the answering worker's, the most specific that matches. */
export function servingPattern(patterns: readonly Pattern[], host: string, path: string, worker: string): Pattern | null {
  const segments = path.split("?")[0]!.split("/").filter(Boolean);
  const fits = patterns.filter((p) => p.worker === worker && hostMatches(p.host, host.toLowerCase())
    && (p.wildcard ? p.segments.every((s, i) => segments[i] === s) : p.segments.length === segments.length && p.segments.every((s, i) => segments[i] === s)));
  const rank = (p: Pattern) => (p.host.startsWith("*.") ? 0 : 1000) + p.segments.length * 2 + (p.wildcard ? 0 : 1);
  return fits.sort((a, b) => rank(b) - rank(a))[0] ?? null;
}

export function routeTrie(workers: readonly RoutedWorker[], trace: readonly TraceEntry[], cursor: number): Diagram {
  const d = emptyDecoration();
  const { patterns } = routePatterns(workers);
  let hits = 0, lookups = 0;
  let last: Extract<TraceEntry, { kind: "route" }> | null = null;
  for (let i = 0; i < Math.min(cursor, trace.length); i++) {
    const e = trace[i]!;
    if (e.kind !== "route") continue;
    lookups++;
    if (e.cache === "hit") hits++;
    last = e;
  }
  if (last !== null) {
    addClass(d, routerId, "lit");
    const rate = `${hits}/${lookups} hits (${Math.round((hits / lookups) * 100)} %)`;
    if (last.worker === null) d.badges[routerId] = `${last.req}: no route, 404 · ${rate}`;
    else {
      d.badges[routerId] = `${last.req} at ${last.pop}: cache ${last.cache} · ${rate}`;
      const served = servingPattern(patterns, last.host, last.path, last.worker);
      // A cache hit skips the walk: only the answer (the worker) lights up.
      if (served && last.cache === "miss") for (const node of served.nodes) addClass(d, node, "lit");
      const w = workers.findIndex((x) => x.name === last!.worker);
      if (w >= 0) { addClass(d, workerId(w), "lit"); d.badges[workerId(w)] = served ? served.pattern : last.worker; }
    }
  }
  return { text: routeTrieText(workers), decoration: d };
}
