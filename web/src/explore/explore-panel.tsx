// The Explore panel: search the scenario's interleavings for a run that breaks a property, watch
// the progress, cancel, read the bad outcome and its shrunk schedule, replay that schedule into
// the timeline, and check the current run's history (drawn by the history view). Every string
// from the server or the learner is shown as text.
import "./explore.css";
import { useActions } from "../panels/actions-context.ts";
import type { ExploreForm } from "../store/explore-slice.ts";
import { useApp } from "../store/use-app.ts";
import { HistoryView } from "./history-view.tsx";
import { keptRequests, progressShare, scheduleStory } from "./schedule.ts";

const properties: { id: ExploreForm["property"]; label: string }[] = [
  { id: "no-lost-update", label: "no lost update" },
  { id: "linearizable", label: "linearizable" },
  { id: "no-5xx", label: "no 5xx" },
  { id: "predicate", label: "my predicate (JavaScript)" },
];
const runsChoices = [500, 4_000, 20_000, 100_000];

export function ExplorePanel() {
  return (
    <section className="panel explore-panel" aria-label="Race explorer">
      <h2>Race explorer</h2>
      <p className="muted">Tries the orders the platform allows for the editor's scenario (messages in flight, queued object requests, replication) and looks for one that breaks a property.</p>
      <SearchForm />
      <Progress />
      <Result />
      <HistorySection />
    </section>
  );
}

function SearchForm() {
  const actions = useActions();
  const form = useApp((s) => s.exploreForm);
  const set = useApp((s) => s.setExploreForm);
  const status = useApp((s) => s.exploreStatus);
  const busy = status === "starting" || status === "running" || status === "cancelling";
  return (
    <div className="explore-form">
      <label>Property
        <select value={form.property} onChange={(e) => set({ property: e.target.value as ExploreForm["property"] })} aria-label="Property" disabled={busy}>
          {properties.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </label>
      {form.property === "linearizable" && (
        <label>History
          <select value={form.history} onChange={(e) => set({ history: e.target.value as ExploreForm["history"] })} aria-label="History checked" disabled={busy}>
            <option value="requests">requests as a counter</option>
            <option value="kv">KV reads and writes</option>
          </select>
        </label>
      )}
      <label>Deviations per run
        <input type="number" min={0} max={8} value={form.bound} onChange={(e) => set({ bound: Math.max(0, Math.min(8, Number(e.target.value) || 0)) })} aria-label="Deviations per run (bound)" disabled={busy} />
      </label>
      <label>Runs at most
        <select value={form.runsMax} onChange={(e) => set({ runsMax: Number(e.target.value) })} aria-label="Runs at most" disabled={busy}>
          {runsChoices.map((n) => <option key={n} value={n}>{n.toLocaleString("en-US")}</option>)}
        </select>
      </label>
      <label>Search
        <select value={form.mode} onChange={(e) => set({ mode: e.target.value as ExploreForm["mode"] })} aria-label="Search mode" disabled={busy}>
          <option value="auto">systematic, then random</option>
          <option value="systematic">systematic only</option>
          <option value="random">random walks</option>
        </select>
      </label>
      {form.property === "predicate" && (
        <label className="wide">Predicate over {"{ responses, trace }"}: true, false or why it fails (runs in an isolate)
          <textarea rows={3} spellCheck={false} value={form.predicate} onChange={(e) => set({ predicate: e.target.value })} aria-label="Predicate code" disabled={busy} />
        </label>
      )}
      <div className="explore-buttons">
        <button className="primary" onClick={actions.startExplore} disabled={busy} aria-label="Explore the interleavings">Explore</button>
        <button onClick={actions.cancelExplore} disabled={!busy || status === "cancelling"} aria-label="Cancel the exploration">Cancel</button>
      </div>
    </div>
  );
}

function Progress() {
  const status = useApp((s) => s.exploreStatus);
  const progress = useApp((s) => s.exploreProgress);
  const runsMax = useApp((s) => s.exploreRunsMax);
  if (status === "idle" || status === "done") return null;
  const runs = progress?.runs ?? 0;
  return (
    <div className="explore-progress" role="status" aria-label="Exploration progress">
      <progress max={1} value={progressShare(runs, runsMax)} aria-label="Runs done" />
      <span>{status === "cancelling" ? "cancelling… " : ""}{runs.toLocaleString("en-US")} runs · {(progress?.distinctOrders ?? 0).toLocaleString("en-US")} distinct orders · {progress?.phase ?? "starting"}{progress?.failing ? " · a failing order found" : ""}</span>
    </div>
  );
}

function Result() {
  const actions = useActions();
  const result = useApp((s) => s.exploreResult);
  const trafficCount = useApp((s) => s.exploreTrafficCount);
  if (result === null) return null;
  const violated = result.verdict === "violated";
  return (
    <div className={`explore-result ${violated ? "violated" : "holds"}`} data-testid="explore-result">
      <h3 className={violated ? "bad" : result.verdict === "holds-within-bound" ? "ok" : ""}>
        {violated ? `✗ ${result.property} is broken` : result.verdict === "holds-within-bound" ? `✓ ${result.property} holds within the bound` : result.verdict === "cancelled" ? "Cancelled" : "The exploration failed"}
      </h3>
      <p>{result.statement}</p>
      {result.shrunk && (
        <>
          <p className="explore-message">{result.shrunk.message}</p>
          <h4>The shortest story</h4>
          <p className="muted">{keptRequests(result.shrunk.kept, trafficCount)}; {result.shrunk.choices.length === 0 ? "the default order already fails" : `${result.shrunk.choices.length} ${result.shrunk.choices.length === 1 ? "choice" : "choices"} away from the default order`}:</p>
          <ol className="story">
            {scheduleStory(result.shrunk).map((line) => <li key={line.step}>{line.text}</li>)}
          </ol>
          <button className="primary" onClick={actions.replaySchedule} aria-label="Replay this schedule in the timeline">Replay this schedule</button>
        </>
      )}
      {result.explanation && <><h4>Why it is impossible</h4><p className="explanation">{result.explanation}</p></>}
    </div>
  );
}

function HistorySection() {
  const actions = useActions();
  const history = useApp((s) => s.checkedHistory);
  const hasRun = useApp((s) => s.trace.length > 0);
  return (
    <div className="history-section">
      <h3>This run's history</h3>
      <div className="explore-buttons">
        <button onClick={() => actions.checkHistory("requests")} disabled={!hasRun} aria-label="Check the requests as a counter">Check requests</button>
        <button onClick={() => actions.checkHistory("kv")} disabled={!hasRun} aria-label="Check the KV reads and writes">Check KV reads and writes</button>
      </div>
      {history && <HistoryView history={history} />}
    </div>
  );
}
