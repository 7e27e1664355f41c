// The history view, in the manner of Porcupine's visualizer: one row per client, each operation
// a bar on a shared time axis, numbered in the linearization found (or the longest partial one),
// the operation that cannot follow it in red; hovering or focusing a bar shows the model's state
// before and after it. Geometry comes from history-layout.ts; labels are SVG text, never markup.
import { useLayoutEffect, useRef, useState } from "react";
import type { CheckedHistory } from "../store/explore-slice.ts";
import { useApp } from "../store/use-app.ts";
import { historyGeometry, historyLayout, type HistoryBar } from "./history-layout.ts";

export function HistoryView({ history }: { history: CheckedHistory }) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(420);
  const focus = useApp((s) => s.historyFocus);
  const setFocus = useApp((s) => s.focusOperation);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const layout = historyLayout(history, width);
  const focused = layout.bars.find((b) => b.id === focus) ?? null;
  const g = historyGeometry;
  return (
    <div className="history-view" ref={host}>
      <p className={history.verdict === "ok" ? "ok" : history.verdict === "illegal" ? "bad" : "muted"} data-testid="history-verdict">
        {history.model} model: {history.verdict === "ok" ? "linearizable" : history.verdict === "illegal" ? "not linearizable" : "unknown (the checker's budget ran out)"} · {history.operations.length} operations
      </p>
      <svg width={layout.width} height={layout.height} role="img" aria-label={`History of ${history.operations.length} operations, ${history.verdict}`}>
        {layout.ticks.map((t, i) => (
          <g key={t.x} className="tick">
            <line x1={t.x} x2={t.x} y1={g.axisHeightPx - 4} y2={layout.height - g.padPx} />
            <text x={t.x} y={g.axisHeightPx - 8} textAnchor={i === layout.ticks.length - 1 && i > 0 ? "end" : "middle"}>{t.label}</text>
          </g>
        ))}
        {layout.rows.map((r) => (
          <text key={r.client} className="client" x={g.labelWidthPx - 4} y={r.y + g.rowHeightPx / 2 + 4} textAnchor="end">{r.client}</text>
        ))}
        {layout.paths.map((p) => (
          <polyline key={p.key ?? ""} className={`lin-path${p.illegal ? " illegal" : ""}`} points={p.points.map((pt) => `${pt.x},${pt.y}`).join(" ")} />
        ))}
        {layout.bars.map((b) => <Bar key={b.id} bar={b} focused={b.id === focus} onFocus={() => setFocus(b.id)} />)}
      </svg>
      <OperationDetail bar={focused} />
      {history.explanation && <p className="explanation">{history.explanation}</p>}
    </div>
  );
}

function Bar({ bar, focused, onFocus }: { bar: HistoryBar; focused: boolean; onFocus: () => void }) {
  const g = historyGeometry;
  const mark = bar.kind === "stuck" ? "✗" : bar.order !== null ? String(bar.order) : "";
  const text = `${mark ? `${mark} ` : ""}${bar.label}`;
  // About 6 px a character at this size: a label longer than its bar is cut (the detail has it all).
  const fit = Math.max(0, Math.floor((bar.width - 6) / 6));
  const shown = text.length > fit ? (fit > 2 ? `${text.slice(0, fit - 1)}…` : mark) : text;
  return (
    <g className={`op ${bar.kind}${focused ? " focused" : ""}${bar.open ? " open" : ""}`} tabIndex={0} onMouseEnter={onFocus} onFocus={onFocus} data-op={bar.id} aria-label={`${bar.client}: ${bar.label}${bar.kind === "stuck" ? ", cannot be linearized" : bar.order !== null ? `, number ${bar.order} in the linearization` : ""}`}>
      <rect x={bar.x} y={bar.y} width={bar.width} height={g.barHeightPx} rx={3} />
      <text x={bar.x + 4} y={bar.y + g.barHeightPx - 5}>{shown}</text>
    </g>
  );
}

function OperationDetail({ bar }: { bar: HistoryBar | null }) {
  if (bar === null) return <p className="muted op-detail">Hover over an operation to see the model's state before and after it.</p>;
  const when = `called at ${bar.callMs} ms, ${bar.returnMs === null ? "never returned" : `returned at ${bar.returnMs} ms`}`;
  const state = bar.kind === "stuck" ? `state before: ${bar.before ?? "?"} — no state explains its answer` : bar.kind === "linearized" ? `state ${bar.before ?? "?"} → ${bar.after ?? "?"}` : "not reached by the linearization";
  return (
    <div className="op-detail" data-testid="op-detail">
      <strong>{bar.client}: {bar.label}</strong> <span className="muted">({when}{bar.key === null ? "" : `, key ${bar.key}`})</span>
      <div>{state}</div>
      {bar.evidence.length > 0 && <ul>{bar.evidence.map((e, i) => <li key={i}>{e}</li>)}</ul>}
    </div>
  );
}
