// The top bar: project or lesson name, seed, connection state, save, projects, share, theme.
import { useActions } from "./actions-context.ts";
import { useApp } from "../store/use-app.ts";

export function TopBar() {
  const actions = useActions();
  const connection = useApp((s) => s.connection);
  const seed = useApp((s) => s.server?.seed ?? null);
  const projectName = useApp((s) => s.projectName);
  const setProject = useApp((s) => s.setProject);
  const projectId = useApp((s) => s.projectId);
  const lessonTitle = useApp((s) => s.lessons.find((l) => l.id === s.openLessonId)?.title ?? null);
  const dirty = useApp((s) => s.dirty.length > 0);
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const openDialog = useApp((s) => s.openDialog);
  const toggleLessons = useApp((s) => s.toggleLessonPanel);
  return (
    <header className="top-bar">
      <strong className="brand">Edge Playground</strong>
      <input className="project-name" value={projectName} onChange={(e) => setProject(projectId, e.target.value)} aria-label="Project name" maxLength={100} />
      {lessonTitle !== null && <span className="lesson-name" title="Open lesson">Lesson: {lessonTitle}</span>}
      <span className="seed">seed {seed ?? "–"}</span>
      <span className={`connection ${connection}`} role="status" aria-label={`Connection ${connection}`}>{connection === "open" ? "connected" : connection === "connecting" ? "connecting…" : "disconnected, retrying"}</span>
      <span className="spacer" />
      <button onClick={actions.saveProject} aria-label="Save project (Ctrl+S)" title="Save (Ctrl+S)">Save{dirty ? " •" : ""}</button>
      <button onClick={() => { actions.listProjects(); openDialog("projects"); }} aria-label="Open projects">Projects</button>
      <button onClick={actions.share} aria-label="Share a link">Share</button>
      <button onClick={() => toggleLessons()} aria-label="Toggle the lesson panel">Lessons</button>
      <button onClick={() => setTheme(theme === "dark" ? "light" : "dark")} aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}>{theme === "dark" ? "☀ Light" : "☾ Dark"}</button>
    </header>
  );
}
