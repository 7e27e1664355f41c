// The diagrams: six live views of the world at the timeline's cursor, one shown at a time, each
// with "Copy as Mermaid" and "Download SVG".
import { useMemo, useRef } from "react";
import { useApp } from "../store/use-app.ts";
import type { DiagramId } from "../store/types.ts";
import { coldStart, coldStarts } from "./cold-start.ts";
import type { Diagram } from "./diagram.ts";
import { doLifecycle } from "./do-lifecycle.ts";
import { kvReplication } from "./kv-replication.ts";
import { MermaidView } from "./mermaid-view.tsx";
import { raceDiagram } from "./race.ts";
import { routeTrie, type RoutedWorker } from "./route-trie.ts";
import { topologyOf } from "./topology.ts";
import { worldMap } from "./world-map.ts";

const tabs: { id: DiagramId; label: string }[] = [
  { id: "world-map", label: "World map" },
  { id: "kv-replication", label: "KV replication" },
  { id: "do-lifecycle", label: "Object lifecycle" },
  { id: "race", label: "Race view" },
  { id: "cold-start", label: "Cold start" },
  { id: "route-trie", label: "Routes" },
];

export function DiagramPanel() {
  const diagram = useApp((s) => s.diagram);
  const showDiagram = useApp((s) => s.showDiagram);
  const theme = useApp((s) => s.theme);
  const current = useCurrentDiagram(diagram);
  const svg = useRef("");
  const copy = () => void navigator.clipboard?.writeText(current.text);
  const download = () => {
    const url = URL.createObjectURL(new Blob([svg.current], { type: "image/svg+xml" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `${diagram}.svg` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section className="panel diagram-panel" aria-label="Diagrams">
      <div className="tabs" role="tablist" aria-label="Diagrams">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === diagram} className={t.id === diagram ? "tab active" : "tab"} onClick={() => showDiagram(t.id)}>{t.label}</button>
        ))}
      </div>
      {/* Over the diagram's corner, so they stay in view however many tabs there are. */}
      <div className="diagram-actions">
        <button className="small" onClick={copy} aria-label="Copy as Mermaid" title="Copy as Mermaid">Copy Mermaid</button>
        <button className="small" onClick={download} aria-label="Download SVG" title="Download SVG">SVG ↓</button>
      </div>
      <MermaidView key={diagram} name={diagram} text={current.text} decoration={current.decoration} theme={theme} onSvg={(s) => { svg.current = s; }} />
    </section>
  );
}

function useCurrentDiagram(id: DiagramId): Diagram {
  const trace = useApp((s) => s.trace);
  const cursor = useApp((s) => s.cursor);
  const view = useApp((s) => s.view);
  const selectedEntry = useApp((s) => s.selectedEntry);
  const topology = useMemo(() => topologyOf(trace), [trace]);
  const scenarioWorkers = useApp((s) => s.server?.scenario?.workers);
  // Routes change only with a load or a deploy: the same shape keeps the same (memoized) list.
  const routesKey = JSON.stringify(scenarioWorkers?.map((w) => [w.name, w.routes]) ?? []);
  const routed = useMemo<RoutedWorker[]>(() => (JSON.parse(routesKey) as [string, string[]][]).map(([name, routes]) => ({ name, routes })), [routesKey]);
  const lags = useMemo(() => {
    const start = trace[0];
    return (start?.kind === "start" ? ((start.options.world as { kvReplicationLagMs?: Record<string, number> })?.kvReplicationLagMs ?? {}) : {});
  }, [trace]);
  const starts = useMemo(() => coldStarts(trace), [trace]);
  const empty = useMemo(() => ({ entries: 0, timeMs: 0, pops: {}, isolates: {}, versions: {}, kv: { central: {}, replicas: {}, pops: {} }, objects: {}, inFlight: [], faults: [] }), []);
  const v = view ?? empty;
  const selectedObject = useMemo(() => {
    const e = selectedEntry === null ? undefined : trace[selectedEntry];
    if (e && "object" in e && typeof e.object === "string") return e.object;
    return topology.objects[0] ?? null;
  }, [selectedEntry, trace, topology]);
  const race = useMemo(() => (id === "race" ? raceDiagram(trace, null, trace.length) : null), [id, trace]);
  switch (id) {
    case "world-map": return worldMap(topology, trace, cursor, v);
    case "kv-replication": return kvReplication(topology, v, lags);
    case "do-lifecycle": return doLifecycle(v, selectedObject);
    case "race": {
      const revealed = race!.messageEntries.filter((i) => i < cursor).length;
      return { text: race!.text, decoration: { ...race!.decoration, revealed } };
    }
    case "route-trie": return routeTrie(routed, trace, cursor);
    case "cold-start": {
      const chosen = selectedEntry !== null && trace[selectedEntry]?.kind === "isolate_start" ? trace[selectedEntry] : starts.filter((s) => trace.indexOf(s) < cursor).at(-1) ?? starts[0] ?? null;
      return coldStart((chosen ?? null) as Parameters<typeof coldStart>[0]);
    }
  }
}
