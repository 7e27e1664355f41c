// The trace as a virtualized list (@tanstack/react-virtual): only the visible rows exist, so it
// stays smooth at 100,000 entries. Filterable by request, object, key (text) and kind; a click
// seeks to the entry and selects it for the diagrams.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef } from "react";
import { useApp } from "../store/use-app.ts";
import { entryLabel, filterIndices } from "./labels.ts";

const rowHeightPx = 22;
const kinds = ["request", "anycast", "route", "isolate_start", "deliver", "kv_read", "kv_write", "kv_replicate", "cache", "pass_through", "rpc_call", "do_enqueue", "do_dequeue", "do_done", "do_state", "fault", "log", "limit", "response"];

export function EventList() {
  const trace = useApp((s) => s.trace);
  const cursor = useApp((s) => s.cursor);
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const seek = useApp((s) => s.seek);
  const selectEntry = useApp((s) => s.selectEntry);
  const selected = useApp((s) => s.selectedEntry);
  const indices = useMemo(() => filterIndices(trace, filter), [trace, filter]);
  const count = indices ? indices.length : trace.length;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => rowHeightPx, overscan: 12 });
  const at = (row: number) => (indices ? indices[row]! : row);
  // Keep the row at the cursor in view (the last entry shown is cursor - 1).
  useEffect(() => {
    const row = indices ? lowerBound(indices, cursor - 1) : cursor - 1;
    if (row >= 0 && row < count) virtualizer.scrollToIndex(row, { align: "auto" });
  }, [cursor, count, indices, virtualizer]);
  return (
    <div className="event-list">
      <div className="filters">
        <input type="search" placeholder="Filter: r2, a key, an object…" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} aria-label="Filter events by request, object or key" />
        <select value={filter.kinds[0] ?? ""} onChange={(e) => setFilter({ kinds: e.target.value ? [e.target.value] : [] })} aria-label="Filter events by kind">
          <option value="">all kinds</option>
          {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <span className="count">{count.toLocaleString()} events</span>
      </div>
      <div ref={scroller} className="rows" role="listbox" aria-label="Trace events" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const index = at(item.index);
            const entry = trace[index]!;
            const past = index < cursor;
            return (
              <div key={item.key} role="option" aria-selected={index === selected} data-index={index}
                className={`row ${past ? "past" : "future"}${index === cursor - 1 ? " at-cursor" : ""}${index === selected ? " selected" : ""} kind-${entry.kind}`}
                style={{ position: "absolute", top: 0, left: 0, right: 0, height: rowHeightPx, transform: `translateY(${item.start}px)` }}
                onClick={() => { seek(index + 1); selectEntry(index); }}>
                <span className="idx">{index}</span><span className="t">{entry.t} ms</span><span className="label">{entryLabel(entry)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < value) lo = mid + 1; else hi = mid; }
  return Math.min(lo, sorted.length - 1);
}
