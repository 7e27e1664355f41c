// The timeline along the bottom: play, pause, speed, step, step back, a scrubber over the whole
// trace, the virtualized event list and, when paused, the pending events with "run this next".
import { useActions } from "../panels/actions-context.ts";
import { useApp } from "../store/use-app.ts";
import { EventList } from "./event-list.tsx";
import { PendingList } from "./pending-list.tsx";

const speeds = [{ value: 10, label: "0.1×" }, { value: 100, label: "1×" }, { value: 1000, label: "10×" }, { value: 10000, label: "100×" }];

export function Timeline() {
  const actions = useActions();
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const setSpeed = useApp((s) => s.setSpeed);
  const cursor = useApp((s) => s.cursor);
  const length = useApp((s) => s.trace.length);
  const seek = useApp((s) => s.seek);
  const timeMs = useApp((s) => s.view?.timeMs ?? 0);
  const branchedAtStep = useApp((s) => s.branchedAtStep);
  return (
    <section className="panel timeline" aria-label="Timeline">
      <div className="timeline-controls">
        <button onClick={actions.stepBack} disabled={cursor <= 1} aria-label="Step back (←)" title="Step back (←)">◀ Back</button>
        {playing
          ? <button onClick={actions.pause} aria-label="Pause (Space)" title="Pause (Space)">❚❚ Pause</button>
          : <button onClick={actions.play} aria-label="Play (Space)" title="Play (Space)">▶ Play</button>}
        <button onClick={actions.step} aria-label="Step (→)" title="Step (→)">Step ▶</button>
        <label className="inline">Speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Playback speed">
            {speeds.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </label>
        <input type="range" className="scrubber" min={0} max={length} value={cursor} onChange={(e) => seek(Number(e.target.value))} aria-label="Scrub through the trace" aria-valuetext={`event ${cursor} of ${length}`} />
        <output className="position" aria-live="off" data-testid="position">event {cursor} / {length} · {timeMs} ms</output>
        {branchedAtStep !== null && <button onClick={actions.restoreOriginal} aria-label="Restore the original order">Restore original order</button>}
      </div>
      <div className="timeline-body">
        <EventList />
        <PendingList />
      </div>
    </section>
  );
}
