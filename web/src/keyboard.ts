// Keyboard first: Ctrl/Cmd+Enter deploys and sends, Space play/pause, → step, ← step back,
// N runs the selected pending event next, Ctrl/Cmd+S saves. Plain keys are ignored while typing
// in a field or in the editor.
import type { Actions } from "./protocol-client/actions.ts";
import type { AppStore } from "./store/index.ts";

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || el.closest(".monaco-editor") !== null;
}

export function installShortcuts(store: AppStore, actions: Actions): () => void {
  const onKey = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    // The two app-wide shortcuts stop here, before the focused element sees them: Monaco binds
    // Ctrl+Enter itself (insert a line below), and a learner live-coding presses it in the editor.
    if (mod && e.key === "Enter") { e.preventDefault(); e.stopPropagation(); actions.deployAndSend(); return; }
    if (mod && (e.key === "s" || e.key === "S")) { e.preventDefault(); e.stopPropagation(); actions.saveProject(); return; }
    if (mod || e.altKey || typing(e.target)) return;
    if (e.key === " ") { e.preventDefault(); if (store.getState().playing) actions.pause(); else actions.play(); }
    else if (e.key === "ArrowRight") { e.preventDefault(); actions.step(); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); actions.stepBack(); }
    else if (e.key === "n" || e.key === "N") { e.preventDefault(); actions.chooseNext(); }
  };
  // Capture phase: the window hears a key before the editor or a field can consume it.
  window.addEventListener("keydown", onKey, true);
  return () => window.removeEventListener("keydown", onKey, true);
}
