// Markers for the editor from what the server and the trace say: a load or deploy error names
// `file:line:column` in its message ("compile_error at app.js:3:2: SyntaxError ..."), a worker
// that failed to load in the world leaves `isolate_load_failed` with its line, and an uncaught
// exception is a log entry with its `source`. Only the newest version of each worker counts:
// once the learner deploys a fix, the old version's errors go away.
import type { TraceEntry } from "../../../server/protocol/index.ts";
import type { EditorMarker } from "../store/types.ts";

const position = /\bat ([A-Za-z0-9_.\-/]+\.(?:js|mjs|cjs|ts|mts|cts)):(\d+):(\d+)/;
const workerName = /^worker "([^"]+)"/;

/** The tab a file of a worker's code shows in: the file itself when open, else the worker's tab. */
function tabFor(file: string | null, worker: string | null, files: Record<string, string>): string | null {
  if (file !== null && file in files) return file;
  if (worker !== null && `${worker}.js` in files) return `${worker}.js`;
  return null;
}

/** A marker for an error message that names a position, or null. */
export function markerFromError(message: string, files: Record<string, string>): EditorMarker | null {
  const at = position.exec(message);
  const worker = workerName.exec(message)?.[1] ?? null;
  const file = tabFor(at?.[1] ?? null, worker, files) ?? (worker === null ? null : tabFor(null, worker, files));
  if (file === null) return null;
  return { file, line: at ? Number(at[2]) : 1, column: at ? Number(at[3]) : 1, message, severity: "error" };
}

/** isolate keys read `worker@version/pop#n`. */
function workerOf(isolate: string): { worker: string; version: string } | null {
  const match = /^([^@/]+)@([^/]+)\//.exec(isolate);
  return match ? { worker: match[1]!, version: match[2]! } : null;
}

/**
 * Runtime markers over a growing trace, scanned incrementally: `update(trace)` reads only the
 * entries added since the last call (a trace that was replaced is read again from the start).
 */
export class RuntimeMarkers {
  private trace: readonly TraceEntry[] = [];
  private latest = new Map<string, string>();
  private found: { worker: string; version: string; file: string | null; line: number; column: number; message: string }[] = [];

  update(trace: readonly TraceEntry[]): void {
    const extends_ = trace.length >= this.trace.length && (this.trace.length === 0 || trace[this.trace.length - 1] === this.trace[this.trace.length - 1]) && trace[0] === this.trace[0];
    const from = extends_ ? this.trace.length : 0;
    if (from === 0) { this.latest.clear(); this.found = []; }
    for (let i = from; i < trace.length; i++) this.read(trace[i]!);
    this.trace = trace;
  }

  markers(files: Record<string, string>): EditorMarker[] {
    const out: EditorMarker[] = [];
    const seen = new Set<string>();
    for (const f of this.found) {
      if (this.latest.get(f.worker) !== f.version) continue;
      const file = tabFor(f.file, f.worker, files);
      const key = `${file}:${f.line}:${f.message}`;
      if (file === null || seen.has(key)) continue;
      seen.add(key);
      out.push({ file, line: f.line, column: f.column, message: f.message, severity: "error" });
    }
    return out;
  }

  private read(e: TraceEntry): void {
    if (e.kind === "start") {
      for (const w of (e.options.workers ?? []) as string[]) { const [name, version] = w.split("@"); if (name && version) this.latest.set(name, version); }
    } else if (e.kind === "deploy") {
      this.latest.set(e.worker, e.version);
    } else if (e.kind === "log" && e.level === "error" && e.source) {
      const who = workerOf(e.isolate);
      if (who) this.found.push({ ...who, file: e.source.file, line: e.source.line, column: e.source.column, message: `Uncaught ${e.message}` });
    } else if (e.kind === "isolate_load_failed" && e.line !== null) {
      const who = workerOf(e.isolate);
      if (who) this.found.push({ ...who, file: null, line: e.line, column: 1, message: `${e.code}: ${e.message}` });
    }
  }
}
