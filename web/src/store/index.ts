// The one store, built from its slices (zustand's vanilla core, so Node tests use it directly;
// React reads it through use-app.ts with narrow selectors).
import { createStore } from "zustand/vanilla";
import { createEditorSlice } from "./editor-slice.ts";
import { createExploreSlice } from "./explore-slice.ts";
import { createInstrumentsSlice } from "./instruments-slice.ts";
import { createSideSlice } from "./side-slice.ts";
import { createLessonSlice } from "./lesson-slice.ts";
import { createSessionSlice } from "./session-slice.ts";
import { createTimelineSlice } from "./timeline-slice.ts";
import type { AppState } from "./types.ts";
import { createUiSlice } from "./ui-slice.ts";
import { createWorldSlice } from "./world-slice.ts";

export function createAppStore() {
  return createStore<AppState>()((set, get) => ({
    ...createSessionSlice(set, get),
    ...createEditorSlice(set, get),
    ...createWorldSlice(set, get),
    ...createTimelineSlice(set, get),
    ...createLessonSlice(set, get),
    ...createUiSlice(set, get),
    ...createExploreSlice(set, get),
    ...createSideSlice(set, get),
    ...createInstrumentsSlice(set, get),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
export type { AppState } from "./types.ts";
