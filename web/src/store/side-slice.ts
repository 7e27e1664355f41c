// The side column's tab: the lesson, the race explorer or V8's instruments. Opening a tab opens
// the column (the lesson panel's toggle closes it).
import type { SliceCreator } from "./types.ts";

export type SideTab = "lesson" | "explore" | "instruments";

export interface SideSlice {
  sideTab: SideTab;
  showSide(tab: SideTab): void;
}

export const createSideSlice: SliceCreator<SideSlice> = (set) => ({
  sideTab: "lesson",
  showSide: (sideTab) => set({ sideTab, lessonPanelOpen: true }),
});
