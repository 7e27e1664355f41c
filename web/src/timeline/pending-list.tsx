// The world's pending events (what may happen next), with readable labels; those the world
// allows to reorder can be chosen to run next (interleaving control, N).
import { useActions } from "../panels/actions-context.ts";
import { useApp } from "../store/use-app.ts";

export function PendingList() {
  const actions = useActions();
  const pending = useApp((s) => s.pending);
  const total = useApp((s) => s.pendingTotal);
  const selected = useApp((s) => s.selectedPending);
  const select = useApp((s) => s.selectPending);
  const playing = useApp((s) => s.playing);
  return (
    <div className="pending" aria-label="Pending events">
      <h3>Pending {total > 0 ? `(${total})` : ""}</h3>
      {playing && <p className="muted">Pause to choose what runs next.</p>}
      {!playing && pending.length === 0 && <p className="muted">Nothing pending: the world is at rest.</p>}
      <ul>
        {!playing && pending.map((p) => (
          <li key={p.id} className={p.id === selected ? "selected" : ""}>
            <label>
              <input type="radio" name="pending" checked={p.id === selected} onChange={() => select(p.id)} disabled={!p.reorderable} aria-label={`Select pending event: ${p.label}`} />
              <span className="t">{p.timeMs} ms</span> <span className="label">{p.label}</span>
            </label>
            {p.reorderable && <button className="small" onClick={() => { select(p.id); actions.chooseNext(); }} aria-label={`Run this next: ${p.label}`}>Run this next</button>}
          </li>
        ))}
      </ul>
    </div>
  );
}
