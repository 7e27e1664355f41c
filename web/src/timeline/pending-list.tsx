// The world's pending events (what may happen next), with readable labels; those the world
// allows to reorder can be chosen to run next (interleaving control, N). In the past, the list is
// the one of the moment the cursor shows (choosing there starts a branch).
import { useActions } from "../panels/actions-context.ts";
import { shownPending } from "../store/pending-at.ts";
import { useApp } from "../store/use-app.ts";

export function PendingList() {
  const actions = useActions();
  const total = useApp((s) => s.pendingTotal);
  const selected = useApp((s) => s.selectedPending);
  const select = useApp((s) => s.selectPending);
  const playing = useApp((s) => s.playing);
  const cursor = useApp((s) => s.cursor);
  const traceLength = useApp((s) => s.trace.length);
  const stepEnds = useApp((s) => s.stepEnds);
  const live = useApp((s) => s.pending);
  // Mutated in place: the selections above re-render the list when it could have changed.
  const pendingHistory = useApp((s) => s.pendingHistory);
  const { events, pastStep } = shownPending({ cursor, traceLength, stepEnds, pending: live, pendingHistory });
  const pending = events ?? [];
  return (
    <div className="pending" aria-label="Pending events">
      <h3>{pastStep === null ? `Pending ${total > 0 ? `(${total})` : ""}` : `Pending after step ${pastStep}${events ? ` (${events.length})` : ""}`}</h3>
      {playing && <p className="muted">Pause to choose what runs next.</p>}
      {!playing && events === null && <p className="muted">What was pending here was not recorded (the run went past this step in one go). Step to it one event at a time, or go to the present, to choose what runs next.</p>}
      {!playing && events !== null && pending.length === 0 && <p className="muted">Nothing pending: the world is at rest.</p>}
      <ul>
        {!playing && pending.map((p) => (
          <li key={p.id} className={p.id === selected ? "selected" : ""}>
            <label>
              <input type="radio" name="pending" checked={p.id === selected} onChange={() => select(p.id)} disabled={!p.reorderable} aria-label={`Select pending event: ${p.label}`} />
              <span className="t">{p.timeMs} ms</span> <span className="label" title={p.label}>{p.label}</span>
            </label>
            {p.reorderable && <button className="small" onClick={() => { select(p.id); actions.chooseNext(); }} aria-label={`Run this next: ${p.label}`}>Run this next</button>}
          </li>
        ))}
      </ul>
    </div>
  );
}
