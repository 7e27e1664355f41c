// What the learner's buttons and shortcuts do: each action reads the store, talks to the server
// through the client, and updates the store from the answer. Going back in time is local (the
// view comes from the trace); acting from a past moment first seeks the server there.
import type { ClientMessageInput } from "../../../server/protocol/index.ts";
import { ServerError, type ProtocolClient } from "./client.ts";
import { markerFromError } from "../editor/markers.ts";
import type { AppStore } from "../store/index.ts";
import { shownPending } from "../store/pending-at.ts";
import { stepAt, worldStepAt } from "../store/step-index.ts";
import { scenarioFromFiles, scenarioFileName } from "../editor/scenario-files.ts";

/** A fault command as the client writes it (optional fields may be left out). */
export type FaultInput = Extract<ClientMessageInput, { type: "inject_fault" }>["fault"];

export type Actions = ReturnType<typeof createActions>;

const runToRestBatchEvents = 5_000;
const runToRestBatchesMax = 20;

export function createActions(store: AppStore, client: ProtocolClient) {
  const s = () => store.getState();
  const atHead = () => s().cursor >= s().trace.length;

  /** Before acting in the past, tell the server where we are (the action starts a branch there). */
  async function seekServerToCursor(): Promise<void> {
    if (atHead()) return;
    await client.request({ type: "seek", step: worldStepAt(s().stepEnds, s().cursor) });
    s().seek(s().cursor);
  }

  async function loadFromEditor(): Promise<boolean> {
    const composed = scenarioFromFiles(s().files);
    if (!composed.ok) {
      s().setMarkers([{ file: composed.file, line: composed.line, message: composed.message, severity: "error" }]);
      s().notify("error", composed.message);
      return false;
    }
    s().setMarkers([]);
    // An open lesson stays open: its check then reads the run of the learner's own code.
    const lessonId = s().openLessonId;
    await markErrors(client.request({ type: "load_scenario", scenario: composed.scenario, ...(lessonId === null ? {} : { lessonId }) }));
    s().markClean();
    return true;
  }

  async function deployDirty(): Promise<void> {
    for (const file of s().dirty) {
      if (file === scenarioFileName) continue;
      await markErrors(client.request({ type: "deploy", deploy: { worker: file.replace(/\.js$/, ""), code: s().files[file] ?? "" } }));
    }
    s().setMarkers([]);
    s().markClean();
  }

  /** A load or deploy refused for the learner's code puts a marker at the line it names. */
  async function markErrors<T>(answer: Promise<T>): Promise<T> {
    try {
      return await answer;
    } catch (error) {
      const marker = error instanceof ServerError ? markerFromError(error.answer.message, s().files) : null;
      if (marker) s().setMarkers([marker]);
      throw error;
    }
  }

  /** Runs the world to rest (the rest of the scenario's traffic), in bounded batches. */
  async function runToRest(): Promise<void> {
    for (let i = 0; i < runToRestBatchesMax && s().server?.atRest === false; i++) await client.request({ type: "step", count: runToRestBatchEvents });
  }

  async function sendRequest(): Promise<void> {
    const d = s().draft;
    const headers: Record<string, string> = {};
    for (const line of d.headers.split("\n")) {
      const at = line.indexOf(":");
      if (at > 0) headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    await seekServerToCursor();
    const sent = await client.request({ type: "send_request", request: { from: d.from, method: d.method as "GET", url: d.url, headers, body: d.body === "" ? null : d.body } });
    if (sent.type === "request_sent") {
      s().selectResponse(sent.req);
      await client.request({ type: "step_until", until: { kind: "response", req: sent.req } });
    }
  }

  const run = (fn: () => Promise<unknown>) => () => { fn().catch((e: unknown) => client.report(e)); };

  async function checkCurrentRun(): Promise<void> {
    s().setChecking(true);
    const lessonId = s().openLessonId;
    const predictions = lessonId ? s().progress[lessonId]?.answers : undefined;
    try {
      if (!s().server?.scenario) await loadFromEditor();
      await runToRest();
      await client.request({ type: "check_lesson", ...(predictions ? { predictions } : {}) });
    } finally { s().setChecking(false); }
  }

  return {
    loadFromEditor: run(loadFromEditor),
    /** Ctrl/Cmd+Enter: load (if the scenario changed or none is loaded) or deploy, then send. */
    deployAndSend: run(async () => {
      const scenarioChanged = s().dirty.includes(scenarioFileName) || !s().server?.scenario;
      if (scenarioChanged) { if (!(await loadFromEditor())) return; } else await deployDirty();
      await sendRequest();
    }),
    sendRequest: run(sendRequest),
    /** Injects a fault now (at the cursor: in the past it starts a branch); resolves with its id, or null on an error. */
    injectFault: async (fault: FaultInput): Promise<string | null> => {
      try {
        await seekServerToCursor();
        const answer = await client.request({ type: "inject_fault", fault });
        return answer.type === "fault_injected" ? answer.faultId : null;
      } catch (e) {
        client.report(e);
        return null;
      }
    },
    healFault: (faultId: string) => run(async () => { await seekServerToCursor(); await client.request({ type: "heal_fault", faultId }); })(),
    step: run(async () => {
      const { cursor, stepEnds, trace } = s();
      if (cursor < trace.length) { s().seek(stepEnds[stepAt(stepEnds, cursor)] ?? trace.length); return; }
      await client.request({ type: "step", count: 1 });
    }),
    stepBack: () => {
      const { cursor, stepEnds } = s();
      const step = stepAt(stepEnds, cursor - 1);
      s().seek(step === 0 ? 1 : stepEnds[step - 1]!);
    },
    play: run(async () => {
      s().setPlaying(true);
      if (atHead() && !s().server?.atRest) await client.request({ type: "play", speed: s().speed / 100 });
    }),
    pause: run(async () => {
      s().setPlaying(false);
      if (s().server?.playing) await client.request({ type: "pause" });
    }),
    /** Called by the playback loop when a local replay reaches the head. */
    continueLive: run(async () => {
      if (s().playing && !s().server?.playing && !s().server?.atRest) await client.request({ type: "play", speed: s().speed / 100 });
    }),
    chooseNext: run(async () => {
      const id = s().selectedPending;
      const shown = shownPending({ ...s(), traceLength: s().trace.length });
      if (shown.events === null) { s().notify("info", "What was pending at this moment was not recorded: step to it one event at a time, or go to the present, to choose what runs next."); return; }
      const event = shown.events.find((p) => p.id === id);
      if (!event?.reorderable) { s().notify("info", "Select a pending event that may run next (one marked reorderable)."); return; }
      await seekServerToCursor();
      const before = s().server?.step ?? 0;
      const headBefore = s().stepEnds.length;
      await client.request({ type: "choose", eventId: event.id });
      if (s().branchedAtStep === null) s().markBranched(before);
      restoreTarget = Math.max(restoreTarget, headBefore);
    }),
    /** Undoes the choices: replays from the branch point in the world's own order. */
    restoreOriginal: run(async () => {
      const at = s().branchedAtStep;
      if (at === null) return;
      await client.request({ type: "seek", step: at });
      const count = Math.max(1, restoreTarget - at);
      await client.request({ type: "step", count });
      s().markBranched(null);
      restoreTarget = 0;
    }),
    reset: run(async () => { await client.request({ type: "reset" }); }),
    saveProject: run(async () => {
      const { projectId, projectName, files } = s();
      await client.request({ type: "save_project", name: projectName, ...(projectId ? { projectId } : {}), editor: files });
      s().notify("info", `Saved “${projectName}”.`);
    }),
    listProjects: run(async () => { await client.request({ type: "list_projects" }); }),
    openProject: (projectId: string) => run(async () => { await client.request({ type: "open_project", projectId }); s().openDialog(null); })(),
    renameProject: (projectId: string, name: string) => run(async () => { await client.request({ type: "rename_project", projectId, name }); if (s().projectId === projectId) s().setProject(projectId, name); await client.request({ type: "list_projects" }); })(),
    deleteProject: (projectId: string) => run(async () => { await client.request({ type: "delete_project", projectId }); if (s().projectId === projectId) s().setProject(null, s().projectName); await client.request({ type: "list_projects" }); })(),
    share: run(async () => { await client.request({ type: "share", editor: s().files }); s().openDialog("share"); }),
    openShare: (fragment: string) => run(async () => { await client.request({ type: "open_share", fragment }); })(),
    openLesson: (lessonId: string) => run(async () => {
      s().openLesson(lessonId);
      await client.request({ type: "load_lesson", lessonId });
    })(),
    /** Check: the rest of the scenario runs first (a check reads a whole run), then the check. */
    checkLesson: run(checkCurrentRun),
    /** "Run it": the scenario again from the start with the editor's code, then measured (checked). */
    runAndMeasure: run(async () => {
      s().setPlaying(false);
      s().setChecking(true);
      try { await loadFromEditor(); } finally { s().setChecking(false); }
      await checkCurrentRun();
    }),
    /**
     * A new session holds no scenario: load the editor's project, so the world map shows its
     * regions, PoPs and bindings before the first request (a resumed session keeps its world).
     */
    loadProjectIfEmpty: run(async () => {
      if (s().server !== null && s().server?.scenario === null) await loadFromEditor();
    }),
    /** Runs the scenario again from the start with the editor's code (an open lesson stays open). */
    runAgain: run(async () => {
      s().setPlaying(false);
      await loadFromEditor();
    }),
  };
}

let restoreTarget = 0;
