// Unsaved work survives a reload: the editor's files, the project's name and id, lesson progress,
// the open lesson, the request being written and the theme go to localStorage (debounced).
import type { AppStore } from "./store/index.ts";
import type { AppState } from "./store/types.ts";

export const persistKey = "edge-playground:workspace";
const persistDelayMs = 300;

type Saved = Pick<AppState, "files" | "activeFile" | "dirty" | "projectId" | "projectName" | "progress" | "openLessonId" | "draft" | "theme" | "lessonPanelOpen">;

export function pick(s: AppState): Saved {
  return { files: s.files, activeFile: s.activeFile, dirty: s.dirty, projectId: s.projectId, projectName: s.projectName, progress: s.progress, openLessonId: s.openLessonId, draft: s.draft, theme: s.theme, lessonPanelOpen: s.lessonPanelOpen };
}

export function restore(store: AppStore, storage: Pick<Storage, "getItem">): boolean {
  const raw = storage.getItem(persistKey);
  if (!raw) return false;
  try {
    const saved = JSON.parse(raw) as Partial<Saved>;
    if (typeof saved.files !== "object" || saved.files === null) return false;
    store.setState({ ...saved } as Partial<AppState>);
    return Object.keys(saved.files).length > 0;
  } catch {
    return false;
  }
}

export function persist(store: AppStore, storage: Pick<Storage, "setItem">): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = "";
  return store.subscribe((s) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const text = JSON.stringify(pick(s));
      if (text !== last) { last = text; storage.setItem(persistKey, text); }
    }, persistDelayMs);
  });
}
