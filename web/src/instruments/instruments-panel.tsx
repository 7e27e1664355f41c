// The Instruments panel: V8's own instruments on the learner's code. The heap of each isolate
// after every delivery, a CPU profile of the request panel's request ×N as a flame chart (frames
// open their line), snapshots and what grew between two with the path that keeps it, and the
// runtimes compared on this machine. Profiles and snapshots are made in a shadow replay of the
// session, so the run and its trace stay as they are. Every server string is shown as text.
import "./instruments.css";
import { useState } from "react";
import { useActions } from "../panels/actions-context.ts";
import { useApp } from "../store/use-app.ts";
import { bars, flameLayout, heapChart } from "./chart-layout.ts";

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export default function InstrumentsPanel() {
  const on = useApp((s) => s.instrumentsOn);
  const busy = useApp((s) => s.instrumentBusy);
  const { setInstruments } = useActions();
  return (
    <section className="panel instruments-panel" aria-label="V8 instruments">
      <h2>V8 instruments</h2>
      <p className="muted">Measured beside the run, never in it: profiles and snapshots are taken in a shadow replay of this session, so its trace stays the same.</p>
      <label className="instruments-switch"><input type="checkbox" checked={on} disabled={busy !== null} onChange={(e) => setInstruments(e.target.checked)} /> Instruments on</label>
      {busy !== null && <p className="muted" role="status">Working: {busy}…</p>}
      {on && <><HeapCharts /><Profile /><Snapshots /></>}
      <Runtimes />
    </section>
  );
}

function HeapCharts() {
  const samples = useApp((s) => s.heapSamples);
  const isolates = Object.keys(samples);
  if (isolates.length === 0) return <p className="muted">Send a request: each isolate's heap shows here after every delivery.</p>;
  return (
    <div className="heap-charts">
      <h3>Heap over time</h3>
      {isolates.map((key) => {
        const list = samples[key]!;
        const chart = heapChart(list, 260, 60);
        const last = list[list.length - 1]!;
        return (
          <figure key={key} className="heap-chart" data-isolate={key}>
            <svg viewBox="0 0 260 60" width="260" height="60" role="img" aria-label={`heap of ${key}`}>
              <line x1="0" x2="260" y1={chart.limitY} y2={chart.limitY} className="limit" />
              <polyline points={chart.points} className="used" />
              {chart.drops.map((d, i) => <circle key={i} cx={d.x} cy={d.y} r="2.5" className="drop"><title>a collection freed memory here</title></circle>)}
            </svg>
            <figcaption>{key}: {mb(last.usedBytes)} used of {mb(last.totalBytes)} (limit {mb(last.limitBytes)}), {list.length} samples</figcaption>
          </figure>
        );
      })}
    </div>
  );
}

function Profile() {
  const profile = useApp((s) => s.cpuProfile);
  const url = useApp((s) => s.draft.url);
  const { profileDraft, openFrame } = useActions();
  const [times, setTimes] = useState(20);
  const rects = profile ? flameLayout(profile.flame, 300, 16, 1) : [];
  const depth = Math.max(1, ...rects.map((r) => r.depth + 1));
  return (
    <div className="profile">
      <h3>CPU profile</h3>
      <div className="row">
        <button type="button" onClick={() => profileDraft(times)}>Profile this request ×{times}</button>
        <select aria-label="Repetitions" value={times} onChange={(e) => setTimes(Number(e.target.value))}>{[1, 5, 20, 100].map((n) => <option key={n} value={n}>{n}</option>)}</select>
      </div>
      <p className="muted">{url}</p>
      {profile && (
        <>
          <p>
            {profile.repetitions} requests, {profile.sampleCount} samples every {Math.round(profile.samplingIntervalUs)} µs. Profiler overhead: {profile.overhead.plainMs.toFixed(2)} ms plain vs {profile.overhead.profiledMs.toFixed(2)} ms profiled (×{profile.overhead.ratio.toFixed(1)}),
            in a shadow world at step {profile.shadow.step} with {profile.shadow.requestCpuMsMax} ms CPU per request (shadowRequestCpuMsMax). <a href={profile.download.url} download>.cpuprofile</a>
          </p>
          <svg className="flame" viewBox={`0 0 300 ${depth * 16}`} width="300" height={depth * 16} role="img" aria-label="flame chart">
            {rects.map((r, i) => (
              <g key={i} onClick={() => openFrame(r.url, r.line, `${r.name}: ${r.selfMs.toFixed(1)} ms self, ${r.totalMs.toFixed(1)} ms total`)} className="frame">
                <rect x={r.x} y={r.y} width={Math.max(0.5, r.width - 0.5)} height="15" />
                {r.width > 30 && <text x={r.x + 2} y={r.y + 11}>{r.name}</text>}
                <title>{`${r.name} line ${r.line}: ${r.selfMs.toFixed(1)} ms self, ${r.totalMs.toFixed(1)} ms total`}</title>
              </g>
            ))}
          </svg>
          <table className="functions"><thead><tr><th>function</th><th>line</th><th>self ms</th><th>total ms</th></tr></thead>
            <tbody>{profile.functions.slice(0, 12).map((f, i) => (
              <tr key={i} onClick={() => openFrame(f.url, f.line, `${f.name}: ${f.selfMs.toFixed(1)} ms self`)}><td>{f.name}</td><td>{f.line}</td><td>{f.selfMs.toFixed(1)}</td><td>{f.totalMs.toFixed(1)}</td></tr>
            ))}</tbody>
          </table>
        </>
      )}
    </div>
  );
}

function Snapshots() {
  const snapshots = useApp((s) => s.heapSnapshots);
  const comparison = useApp((s) => s.heapComparison);
  const { takeSnapshot, compareSnapshots } = useActions();
  const last = snapshots[snapshots.length - 1];
  const previous = snapshots[snapshots.length - 2];
  return (
    <div className="snapshots">
      <h3>Heap snapshots</h3>
      <div className="row">
        <button type="button" onClick={takeSnapshot}>Take snapshot</button>
        <button type="button" disabled={previous === undefined} onClick={() => previous && last && compareSnapshots(previous.snapshotId, last.snapshotId)}>Compare last two</button>
      </div>
      <ul className="snapshot-list">{snapshots.map((s) => (
        <li key={s.snapshotId}>{s.snapshotId} at step {s.step}: {mb(s.totalBytes)}, {s.nodeCount} objects, {Math.round(s.snapshotMs)} ms. <a href={s.download.url} download>.heapsnapshot</a></li>
      ))}</ul>
      {last && (
        <table className="constructors"><thead><tr><th>constructor</th><th>count</th><th>retained</th></tr></thead>
          <tbody>{last.constructors.slice(0, 8).map((c) => <tr key={c.className}><td>{c.className}</td><td>{c.count}</td><td>{mb(c.retainedBytes)}</td></tr>)}</tbody>
        </table>
      )}
      {comparison && (
        <div className="comparison">
          <h4>What grew from {comparison.from} to {comparison.to}</h4>
          <table><thead><tr><th>constructor</th><th>+count</th><th>+bytes</th></tr></thead>
            <tbody>{comparison.grew.slice(0, 8).map((g) => <tr key={g.className}><td>{g.className}</td><td>{g.countDelta}</td><td>{g.selfBytesDelta}</td></tr>)}</tbody>
          </table>
          {comparison.grewMost && <p className="retainer-path">Kept alive by: <code>{comparison.grewMost.path}</code></p>}
        </div>
      )}
    </div>
  );
}

function Runtimes() {
  const runtimes = useApp((s) => s.runtimes);
  const { compareRuntimes } = useActions();
  const start = runtimes ? bars(runtimes.costs.map((c) => ({ label: c.runtime, value: c.startMs })), 180) : null;
  const memory = runtimes ? bars(runtimes.costs.map((c) => ({ label: c.runtime, value: c.memoryMb })), 180) : null;
  return (
    <div className="runtimes">
      <h3>Isolate, worker thread, process</h3>
      <button type="button" onClick={compareRuntimes}>Measure on this machine</button>
      {runtimes && start && memory && (
        <>
          <p className="muted">{runtimes.cores} cores. The design's figures: an isolate ≈ {runtimes.designFigures.isolateMb} MB and {runtimes.designFigures.isolateStartMs} ms; a container {runtimes.designFigures.containerMb} MB.</p>
          {[["start ms", start], ["memory MB", memory]].map(([title, chart]) => (
            <div key={title as string}><h4>{title as string}{(chart as typeof start).log ? " (log scale)" : ""}</h4>
              {(chart as typeof start).bars.map((b) => <div key={b.label} className="bar-row"><span>{b.label}</span><span className="bar" style={{ width: `${b.width}px` }} /><span>{b.value.toFixed(1)}</span></div>)}
            </div>
          ))}
          <table><thead><tr><th>runtime</th><th>start ms</th><th>MB</th><th>round trip µs</th></tr></thead>
            <tbody>{runtimes.costs.map((c) => <tr key={c.runtime}><td>{c.runtime}</td><td>{c.startMs.toFixed(1)}</td><td>{c.memoryMb.toFixed(1)}</td><td>{c.roundTripUs.toFixed(0)}</td></tr>)}</tbody>
          </table>
        </>
      )}
    </div>
  );
}
