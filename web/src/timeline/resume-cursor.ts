// A reload resumes at the same event: the timeline's cursor is kept in sessionStorage (per tab,
// like the session token) with the trace length it belonged to, and restored once the resumed
// session's trace is back at that length. A different run (another length) is left at its head.
import type { AppStore } from "../store/index.ts";

export const cursorStorageKey = "edge-playground:cursor";
const saveDelayMs = 250;

interface SavedCursor { cursor: number; length: number }

type Storage = Pick<globalThis.Storage, "getItem" | "setItem">;

export function rememberCursor(store: AppStore, storage: Storage): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return store.subscribe((s, prev) => {
    if (s.cursor === prev.cursor && s.trace === prev.trace) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const now = store.getState();
      const saved: SavedCursor = { cursor: now.cursor, length: now.trace.length };
      storage.setItem(cursorStorageKey, JSON.stringify(saved));
    }, saveDelayMs);
  });
}

export function resumeCursor(store: AppStore, storage: Storage): void {
  let saved: SavedCursor | null = null;
  try { saved = JSON.parse(storage.getItem(cursorStorageKey) ?? "null") as SavedCursor | null; } catch { saved = null; }
  if (!saved || typeof saved.cursor !== "number" || typeof saved.length !== "number" || saved.cursor >= saved.length) return;
  const { cursor, length } = saved;
  const stop = store.subscribe((s) => {
    if (s.connection !== "open" || s.server === null) return;
    if (s.server.traceLength !== length) { stop(); return; }
    if (s.trace.length === length) { stop(); s.seek(cursor); }
  });
}
