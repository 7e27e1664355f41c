// What each server message does to the store. Pure over the store (no socket), so Node tests
// feed it messages and read the state back.
import type { ClientMessageInput, ServerMessage } from "../../../server/protocol/index.ts";
import type { AppStore } from "../store/index.ts";

import { filesFromScenario } from "../editor/scenario-files.ts";

function workerNameOf(scenario: unknown): string {
  const w = (scenario ?? {}) as { worker?: { name?: string }; workers?: { name?: string }[] };
  return w.worker?.name ?? w.workers?.[0]?.name ?? "worker";
}

type Send = (message: Exclude<ClientMessageInput, { type: "hello" }>) => void;

export function handleServerMessage(store: AppStore, message: ServerMessage, send: Send): void {
  const s = store.getState();
  switch (message.type) {
    case "welcome":
      s.welcome(message.token, message.limits, message.state);
      // Ask for the whole trace (a resumed session streams nothing by itself); an overlap with
      // what we have is replaced by offset.
      if (!message.resumed) s.resetTrace();
      if (message.state.traceLength > 0) send({ type: "resync", fromOffset: 0 });
      return;
    case "state": s.setServerState(message.state); return;
    case "scenario_loaded":
      // The new world's trace arrives as a chunk at offset 0, which replaces the old one (it may
      // come before this answer, so the trace is not cleared here).
      store.setState({ responses: [], selectedResponse: null, branchedAtStep: null });
      // The run a check judged is gone: its verdict is no longer about this run.
      if (message.lessonId !== null) s.clearCheckResult(message.lessonId);
      if (s.server) s.setServerState({ ...s.server, scenario: message.scenario, lessonId: message.lessonId });
      return;
    case "trace":
      if (s.appendTrace(message.offset, message.entries, message.firstStep, message.stepEnds) === "gap") send({ type: "resync", fromOffset: s.trace.length });
      return;
    case "resync_needed": send({ type: "resync", fromOffset: Math.min(s.trace.length, message.offset) }); return;
    case "branch": s.truncateTrace(message.offset, message.step, message.branch); return;
    case "pending": s.setPending(message.events, message.total, message.step); return;
    case "pending_changed":
      if (s.changePending(message, message.shown, message.total, message.step) === "mismatch") send({ type: "resync", fromOffset: s.trace.length });
      return;
    case "response": s.addResponse(message.response); return;
    case "notice": s.notify(message.level, message.message); return;
    case "lesson_check": s.setCheckResult(message.lessonId, message.pass, message.hint, message.figures); return;
    case "project_list": s.setProjects(message.projects); return;
    case "project_saved": s.setProject(message.project.projectId, message.project.name); return;
    case "project_opened":
      s.setProject(message.project.projectId, message.project.name);
      if (Object.keys(message.editor).length > 0) s.setFiles(message.editor);
      // A project saved in a lesson opens in it (a shared link too).
      s.openLesson(message.project.lessonId ?? null);
      return;
    case "share_link": s.setShareLink(`${(globalThis as { location?: { origin: string } }).location?.origin ?? ""}/#share=${message.fragment}`); return;
    case "error": s.notify("error", `${message.message}${message.path ? ` (at ${message.path})` : ""}${message.limit ? ` [${message.limit}]` : ""}`); if (s.checking) s.setChecking(false); if (message.replyTo !== null && message.replyTo === s.exploreId && s.exploreStatus !== "done") s.exploreFailed(); return;
    case "lesson_loaded": {
      // The lesson's own starter and scenario become the editor's files (the server loaded them).
      // The panel opened it when asked; opening it again here would undo an "All lessons" (or
      // another lesson) clicked while the world was still loading.
      const { lesson } = message;
      s.setFiles(filesFromScenario(lesson.scenario, lesson.starter), `${workerNameOf(lesson.scenario)}.js`);
      return;
    }
    // The race explorer's answers fill the Explore panel.
    case "explore_progress": { const { type: _t, replyTo: _r, ...progress } = message; s.setExploreProgress(progress); return; }
    case "explore_result": { const { type: _t, replyTo: _r, ...result } = message; s.setExploreResult(result); return; }
    case "history_checked": { const { type: _t, replyTo: _r, ...history } = message; s.setCheckedHistory(history); return; }
    // V8's instruments: samples stream here; the answers are read by the panel's actions.
    case "heap_samples": s.addHeapSamples(message.samples); return;
    case "instruments_state": s.setInstrumentsOn(message.on); return;
    case "cpu_profile": case "heap_snapshot_taken": case "heap_compared": case "runtimes":
      return;
    case "ack": case "view": case "stepped": case "request_sent": case "deployed": case "fault_injected": case "lesson_list":
      return;
    default: {
      const unreachable: never = message;
      void unreachable;
    }
  }
}
