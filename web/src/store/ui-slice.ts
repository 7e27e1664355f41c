// UI: theme, the lesson panel, which diagram is shown, dialogs.
import type { SliceCreator, UiSlice } from "./types.ts";

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  theme: "light",
  lessonPanelOpen: true,
  diagram: "world-map",
  dialog: null,
  shareLink: null,
  setTheme: (theme) => set({ theme }),
  toggleLessonPanel: (open) => set((s) => ({ lessonPanelOpen: open ?? !s.lessonPanelOpen })),
  showDiagram: (diagram) => set({ diagram }),
  openDialog: (dialog) => set({ dialog }),
  setShareLink: (shareLink) => set({ shareLink }),
});
