// Notices and errors from the server, as text (a message may quote the learner's input).
import { useApp } from "../store/use-app.ts";

export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="log" aria-label="Notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.level}`}>
          <span>{n.text}</span>
          <button className="small" onClick={() => dismiss(n.id)} aria-label="Dismiss notice">×</button>
        </div>
      ))}
    </div>
  );
}
