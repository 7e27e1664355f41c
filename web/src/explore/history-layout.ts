// The history view's geometry, as Porcupine's visualizer draws a history: one row per client,
// each operation a bar from its call to its return on a shared axis of event order, numbered by its place
// in the linearization, with the linearization drawn as a line through each operation's
// linearization point; the operation that cannot be linearized is marked. Pure: the component
// only draws these boxes (as SVG, text as text).
import type { CheckedHistory } from "../store/explore-slice.ts";

export const historyGeometry = { labelWidthPx: 64, rowHeightPx: 30, barHeightPx: 18, axisHeightPx: 22, padPx: 8, ticksMax: 7 } as const;

export type BarKind = "linearized" | "stuck" | "unlinearized";

export interface HistoryBar {
  id: number;
  client: string;
  key: string | null;
  x: number;
  y: number;
  width: number;
  label: string;
  kind: BarKind;
  /** 1-based place in its key's linearization (null when not in it). */
  order: number | null;
  /** The model's state before and after the operation, as the linearization saw it. */
  before: string | null;
  after: string | null;
  /** Never returned (unknown outcome or still running): drawn open to the right. */
  open: boolean;
  evidence: string[];
  callMs: number;
  returnMs: number | null;
}

export interface HistoryLayout {
  width: number;
  height: number;
  rows: { client: string; y: number }[];
  bars: HistoryBar[];
  ticks: { x: number; label: string }[];
  /** Per key, the polyline through the linearization points, in linearization order. */
  paths: { key: string | null; points: { x: number; y: number }[]; illegal: boolean }[];
}

const byName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

export function historyLayout(history: CheckedHistory, widthPx: number): HistoryLayout {
  const g = historyGeometry;
  const ops = history.operations;
  const clients = [...new Set(ops.map((o) => o.client))].sort(byName);
  const rowY = new Map(clients.map((c, i) => [c, g.axisHeightPx + g.padPx + i * g.rowHeightPx]));
  // Porcupine's visualizer spaces the calls and returns evenly in their order rather than by
  // their times: a 3 ms operation next to a 1 s wait stays readable, and what the checker
  // reasons about (which operation returned before which began) is exactly what is drawn.
  const times = [...new Set(ops.flatMap((o) => (o.returnMs === null ? [o.callMs] : [o.callMs, o.returnMs])))].sort((a, b) => a - b);
  const rank = new Map(times.map((t, i) => [t, i]));
  const slots = Math.max(1, times.length - 1 + (ops.some((o) => o.returnMs === null) ? 1 : 0));
  const plotWidth = Math.max(40, widthPx - g.labelWidthPx - 2 * g.padPx);
  const xOf = (ms: number) => g.labelWidthPx + g.padPx + ((rank.get(ms) ?? 0) / slots) * plotWidth;
  const endX = g.labelWidthPx + g.padPx + plotWidth;

  const place = new Map<number, { key: string | null; order: number | null; before: string | null; after: string | null; kind: BarKind }>();
  for (const lin of history.linearizations) {
    lin.order.forEach((id, i) => place.set(id, { key: lin.key, order: i + 1, before: i === 0 ? lin.initialState : lin.states[i - 1] ?? null, after: lin.states[i] ?? null, kind: "linearized" }));
    if (lin.stuck !== null) place.set(lin.stuck, { key: lin.key, order: null, before: lin.states.at(-1) ?? lin.initialState, after: null, kind: "stuck" });
  }
  const bars: HistoryBar[] = ops.map((op) => {
    const p = place.get(op.id);
    const x = xOf(op.callMs);
    const right = op.returnMs === null ? endX : xOf(op.returnMs);
    return {
      id: op.id, client: op.client, key: op.key, x, y: rowY.get(op.client)! + (g.rowHeightPx - g.barHeightPx) / 2, width: Math.max(3, right - x),
      label: op.label, kind: p?.kind ?? "unlinearized", order: p?.order ?? null, before: p?.before ?? null, after: p?.after ?? null,
      open: op.returnMs === null, evidence: op.evidence, callMs: op.callMs, returnMs: op.returnMs,
    };
  });
  return {
    width: widthPx,
    height: g.axisHeightPx + g.padPx * 2 + clients.length * g.rowHeightPx,
    rows: clients.map((client) => ({ client, y: rowY.get(client)! })),
    bars,
    ticks: everyNth(times, historyGeometry.ticksMax).map((ms) => ({ x: xOf(ms), label: `${ms} ms` })),
    paths: history.linearizations.map((lin) => ({ key: lin.key, illegal: lin.verdict === "illegal", points: linearizationPoints(lin.order, bars) })),
  };
}

/**
 * A point inside each operation's interval, non-decreasing along the linearization: the latest
 * of its call and the previous point. For a real linearization it never passes the return.
 */
function linearizationPoints(order: number[], bars: HistoryBar[]): { x: number; y: number }[] {
  const byId = new Map(bars.map((b) => [b.id, b]));
  let last = -Infinity;
  const points: { x: number; y: number }[] = [];
  for (const id of order) {
    const bar = byId.get(id);
    if (!bar) continue;
    last = Math.min(Math.max(bar.x, last), bar.x + bar.width);
    points.push({ x: last, y: bar.y + historyGeometry.barHeightPx / 2 });
  }
  return points;
}

/** At most `max` of `values`, evenly picked, always with the first and the last. */
export function everyNth<T>(values: readonly T[], max: number): T[] {
  if (values.length <= max) return [...values];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(values[Math.round((i * (values.length - 1)) / (max - 1))]!);
  return out;
}
