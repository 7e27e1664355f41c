// World view: the view at the cursor, the responses received, the request being written.
import type { SliceCreator, WorldSlice } from "./types.ts";

/** Responses kept in the panel (the oldest are dropped first). */
export const responsesShownMax = 500;

export const createWorldSlice: SliceCreator<WorldSlice> = (set) => ({
  view: null,
  responses: [],
  selectedResponse: null,
  draft: { from: "us-west", method: "GET", url: "https://app.example.com/", headers: "", body: "" },
  setView: (view) => set({ view }),
  addResponse: (response) =>
    set((s) => ({ responses: [...s.responses.filter((r) => r.req !== response.req), response].slice(-responsesShownMax) })),
  selectResponse: (selectedResponse) => set({ selectedResponse }),
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
});
