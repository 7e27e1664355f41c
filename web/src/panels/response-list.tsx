// Responses: status, time, region served by, version, cold or warm; open one for its headers,
// body (JSON pretty-printed), logs and measured numbers from the trace. Text only, never markup.
import { useMemo } from "react";
import type { LiveResponse, TraceEntry } from "../../../server/protocol/index.ts";
import { useApp } from "../store/use-app.ts";

export function ResponseList() {
  const responses = useApp((s) => s.responses);
  const selected = useApp((s) => s.selectedResponse);
  const select = useApp((s) => s.selectResponse);
  const trace = useApp((s) => s.trace);
  const open = responses.find((r) => r.req === selected) ?? null;
  return (
    <div className="responses">
      <table aria-label="Responses">
        <thead><tr><th>req</th><th>from</th><th>status</th><th>ms</th><th>served by</th><th>version</th><th>start</th></tr></thead>
        <tbody>
          {responses.length === 0 && <tr><td colSpan={7} className="muted">No response yet: press Send (Ctrl+Enter).</td></tr>}
          {[...responses].reverse().map((r) => (
            <tr key={r.req} className={r.req === selected ? "selected" : ""} onClick={() => select(r.req === selected ? null : r.req)} tabIndex={0}
              onKeyDown={(e) => { if (e.key === "Enter") select(r.req); }} aria-label={`Response ${r.req} from ${r.from}: ${r.status}`} data-testid="response-row">
              <td>{r.req}</td><td>{r.from}</td><td className={r.status >= 400 ? "bad" : "ok"}>{r.status}</td><td>{r.finishedAtMs - r.startedAtMs}</td>
              <td data-testid="served-by">{r.servedBy ?? "–"}</td><td>{r.version ?? "–"}</td><td><ColdWarm req={r.req} trace={trace} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <ResponseDetail response={open} trace={trace} />}
    </div>
  );
}

function requestEntries(trace: readonly TraceEntry[], req: string): TraceEntry[] {
  return trace.filter((e) => "req" in e && e.req === req);
}

function ColdWarm({ req, trace }: { req: string; trace: readonly TraceEntry[] }) {
  const cold = useMemo(() => {
    const route = trace.findIndex((e) => e.kind === "route" && e.req === req);
    return route >= 0 && trace[route + 1]?.kind === "isolate_start";
  }, [req, trace]);
  return <>{cold ? "cold" : "warm"}</>;
}

function pretty(body: string): string {
  try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body; }
}

function ResponseDetail({ response, trace }: { response: LiveResponse; trace: readonly TraceEntry[] }) {
  const entries = useMemo(() => requestEntries(trace, response.req), [trace, response.req]);
  const route = entries.find((e) => e.kind === "route");
  const anycast = entries.find((e) => e.kind === "anycast");
  const routeIndex = route ? trace.indexOf(route) : -1;
  const start = routeIndex >= 0 && trace[routeIndex + 1]?.kind === "isolate_start" ? trace[routeIndex + 1] : undefined;
  const delivers = entries.filter((e) => e.kind === "deliver");
  const cpuMs = delivers.reduce((sum, e) => sum + Number((e.measured as { cpuMs?: number } | undefined)?.cpuMs ?? 0), 0);
  const logs = trace.filter((e) => e.kind === "log" && e.req === response.req);
  const measured = ((start as { measured?: Record<string, number> } | undefined)?.measured ?? {});
  return (
    <div className="response-detail" aria-label={`Details of ${response.req}`}>
      <dl className="metrics">
        <dt>PoP (anycast)</dt><dd>{anycast?.kind === "anycast" ? anycast.pop ?? "none" : "–"}</dd>
        <dt>route cache</dt><dd>{route?.kind === "route" ? route.cache : "–"}</dd>
        <dt>cold start</dt><dd>{start ? `create ${fmt(measured.createIsolateMs)}, load ${fmt(measured.loadCodeMs)}, bindings ${fmt(measured.bindingsMs)}, init ${fmt(measured.moduleInitMs)}` : "warm"}</dd>
        <dt>CPU</dt><dd>{cpuMs.toFixed(2)} ms (measured here)</dd>
      </dl>
      <h4>Headers</h4>
      <pre className="headers">{Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`).join("\n") || "(none)"}</pre>
      <h4>Body</h4>
      <pre className="body" data-testid="response-body">{pretty(response.body)}</pre>
      <h4>Logs</h4>
      <LogLines logs={logs} />
    </div>
  );
}

const fmt = (ms: number | undefined) => (ms === undefined ? "–" : `${ms.toFixed(2)} ms`);

/** Console output, each line with a link to the line of code that printed it. */
function LogLines({ logs }: { logs: readonly TraceEntry[] }) {
  const revealSource = useApp((s) => s.revealSource);
  const lines = logs.flatMap((e) => (e.kind === "log" ? [e] : []));
  if (lines.length === 0) return <pre className="logs">(none)</pre>;
  return (
    <ol className="logs" data-testid="log-lines">
      {lines.map((e, i) => (
        <li key={i}>
          <span className="log-text">[{e.level}] {e.message}</span>
          {e.source && (
            <button className="link" onClick={() => revealSource(e.source!.file, e.source!.line, e.source!.column)} aria-label={`Open ${e.source.file} at line ${e.source.line}`}>
              {e.source.file}:{e.source.line}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}
