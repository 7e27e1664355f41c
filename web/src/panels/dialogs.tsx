// Projects (open, rename, delete) and the share link, as modal dialogs.
import { useEffect, useRef, useState } from "react";
import { useActions } from "./actions-context.ts";
import { useApp } from "../store/use-app.ts";

export function Dialogs() {
  const dialog = useApp((s) => s.dialog);
  const close = useApp((s) => s.openDialog);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (dialog && !el.open) el.showModal();
    if (!dialog && el.open) el.close();
  }, [dialog]);
  return (
    <dialog ref={ref} className="dialog" onClose={() => close(null)} aria-label={dialog === "share" ? "Share link" : "Projects"}>
      {dialog === "projects" && <Projects />}
      {dialog === "share" && <Share />}
      <button className="close" onClick={() => close(null)} aria-label="Close">Close</button>
    </dialog>
  );
}

function Projects() {
  const actions = useActions();
  const projects = useApp((s) => s.projects);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [name, setName] = useState("");
  return (
    <div>
      <h2>Projects</h2>
      {projects.length === 0 && <p className="muted">No saved project yet: Save (Ctrl+S) keeps the code, scenario, run and lesson progress.</p>}
      <ul className="project-list">
        {projects.map((p) => (
          <li key={p.projectId}>
            {renaming === p.projectId
              ? <form onSubmit={(e) => { e.preventDefault(); actions.renameProject(p.projectId, name); setRenaming(null); }}><input value={name} onChange={(e) => setName(e.target.value)} aria-label="New name" autoFocus maxLength={100} /><button type="submit">Rename</button></form>
              : <span className="name">{p.name}</span>}
            <span className="muted">{new Date(p.updatedAtMs).toLocaleString()}</span>
            <button className="small" onClick={() => actions.openProject(p.projectId)} aria-label={`Open ${p.name}`}>Open</button>
            <button className="small" onClick={() => { setRenaming(p.projectId); setName(p.name); }} aria-label={`Rename ${p.name}`}>Rename</button>
            <button className="small danger" onClick={() => { if (confirm(`Delete “${p.name}”?`)) actions.deleteProject(p.projectId); }} aria-label={`Delete ${p.name}`}>Delete</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Share() {
  const link = useApp((s) => s.shareLink);
  return (
    <div>
      <h2>Share link</h2>
      <p>Anyone with this link opens a copy of this project (code, scenario, seed and run) in a new session.</p>
      <input className="share-link" readOnly value={link ?? ""} aria-label="Share link" onFocus={(e) => e.target.select()} />
      <button onClick={() => void navigator.clipboard?.writeText(link ?? "")}>Copy link</button>
    </div>
  );
}
