// Cold start: the measured phases of one isolate start (wall clock on this machine, from the
// trace's `measured` field) as a Gantt chart, next to the design's figures. Mermaid's Gantt has
// no sub-millisecond unit, so one microsecond is drawn as one chart millisecond and the axis
// reads "seconds.milliseconds" as "milliseconds.microseconds".
import type { TraceEntry } from "../../../server/protocol/index.ts";
import { emptyDecoration, type Diagram } from "./diagram.ts";
import { clean } from "./escape.ts";

export const coldStartPhases = [
  { key: "createIsolateMs", label: "create isolate" },
  { key: "loadCodeMs", label: "load and compile code" },
  { key: "bindingsMs", label: "bindings" },
  { key: "moduleInitMs", label: "module init" },
] as const;

/** DESIGN.md's figures for a cold start, in ms (low, high). */
export const designPhases = [
  { label: "create", ms: [1, 2] },
  { label: "load", ms: [1, 5] },
  { label: "compile", ms: [1, 10] },
  { label: "init", ms: [1, 30] },
] as const;

type IsolateStart = Extract<TraceEntry, { kind: "isolate_start" }>;

export function coldStarts(trace: readonly TraceEntry[]): IsolateStart[] {
  return trace.filter((e): e is IsolateStart => e.kind === "isolate_start");
}

export function coldStartText(start: IsolateStart | null): string {
  const lines = ["gantt", "  dateFormat x", "  axisFormat %S.%L ms"];
  if (start === null) {
    lines.push(`  title No cold start yet`, "  section measured", "  none : 0, 1");
    return lines.join("\n");
  }
  lines.push(`  title Cold start ${clean(start.isolate).replace(/[^A-Za-z0-9@/#._-]/g, "_")} at ${start.t} ms`);
  lines.push("  section measured here");
  let at = 0;
  coldStartPhases.forEach((phase, i) => {
    const ms = Number(start.measured?.[phase.key] ?? 0);
    const us = Math.max(1, Math.round(ms * 1000));
    lines.push(`  ${phase.label} ${ms.toFixed(2)} ms : m${i}, ${at}, ${at + us}`);
    at += us;
  });
  lines.push("  section design (upper bound)");
  at = 0;
  designPhases.forEach((phase, i) => {
    const us = phase.ms[1] * 1000;
    lines.push(`  ${phase.label} ${phase.ms[0]}-${phase.ms[1]} ms : d${i}, ${at}, ${at + us}`);
    at += us;
  });
  return lines.join("\n");
}

export function coldStart(start: IsolateStart | null): Diagram {
  return { text: coldStartText(start), decoration: emptyDecoration() };
}
