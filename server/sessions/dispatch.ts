// One validated client message → what it does to its session, answered with a specific reply,
// `ack`, or a coded `error` (whose fault, which field, which limit). The switch ends in an
// exhaustiveness check (STYLE.md rule 7). Projects, share links and lessons are wired here.
import type { ClientMessage, ServerMessage } from "../protocol/index.ts";
import { exhaustiveSwitchError } from "../sim/core/result.ts";
import type { ProjectStore } from "../store/projects.ts";
import { checkLesson, lessonScenario, listLessonSummaries, loadLessonById } from "./lessons.ts";
import { act, choose, pendingNow, seek, step, stepUntil } from "./operations.ts";
import { cancelExploring, checkSessionHistory, replaySchedule, startExploring } from "./explore.ts";
import { heapCompare, heapSnapshot, profileRequest, runtimesCompared, setInstruments } from "./instruments.ts";
import { startPlaying } from "./play.ts";
import { projectData, specOf } from "./projects.ts";
import { SessionError, type LiveSession } from "./session.ts";
import { decodeShare, encodeShare } from "./share.ts";

export interface DispatchDeps {
  projects: ProjectStore;
}

type Reply = (message: ServerMessage) => void;

/**
 * Runs one operation. Every message gets exactly one final answer (returned here and sent last,
 * after a `state`), so a client can wait for the answer carrying its id; auxiliary messages with
 * the same `replyTo` (branch, view, lesson_loaded) and streamed ones come before it.
 */
export async function dispatch(session: LiveSession, message: Exclude<ClientMessage, { type: "hello" }>, deps: DispatchDeps, reply: Reply): Promise<void> {
  const final = await operate(session, message, deps, reply);
  reply({ type: "state", state: session.state() });
  reply(final);
}

async function operate(session: LiveSession, message: Exclude<ClientMessage, { type: "hello" }>, deps: DispatchDeps, reply: Reply): Promise<ServerMessage> {
  const replyTo = message.id ?? null;
  const ack = (): ServerMessage => ({ type: "ack", replyTo, of: message.type });
  switch (message.type) {
    case "load_scenario": {
      const seed = message.seed ?? seedOf(message.scenario);
      // A lesson kept open must exist; its check then reads the new run.
      const lessonId = message.lessonId === undefined ? null : loadLessonById(message.lessonId).id;
      await session.load({ scenario: message.scenario, seed, actions: [] });
      session.lessonId = lessonId;
      await pendingNow(session);
      return { type: "scenario_loaded", replyTo, scenario: session.scenario!, lessonId };
    }
    case "load_lesson": {
      const lesson = loadLessonById(message.lessonId);
      const scenario = lessonScenario(lesson, lesson.starter);
      await session.load({ scenario, seed: seedOf(scenario), actions: [] });
      session.lessonId = lesson.id;
      reply({ type: "lesson_loaded", replyTo, lesson });
      await pendingNow(session);
      return { type: "scenario_loaded", replyTo, scenario: session.scenario!, lessonId: lesson.id };
    }
    case "list_lessons":
      return { type: "lesson_list", replyTo, lessons: listLessonSummaries() };
    case "check_lesson": {
      const result = await checkLesson(session, message.predictions);
      return { type: "lesson_check", replyTo, lessonId: session.lessonId!, ...result };
    }
    case "reset": {
      const spec = session.requireSpec();
      session.playing = false;
      await session.load({ scenario: spec.scenario, seed: message.seed ?? spec.seed, actions: [] });
      await pendingNow(session);
      return { type: "scenario_loaded", replyTo, scenario: session.scenario!, lessonId: session.lessonId };
    }
    case "deploy": {
      session.requireSpec();
      const done = await act(session, { type: "deploy", deploy: message.deploy }, replyTo, reply);
      return { type: "deployed", replyTo, worker: done.worker!, version: done.version! };
    }
    case "send_request": {
      session.requireSpec();
      const done = await act(session, { type: "request", request: message.request }, replyTo, reply);
      return { type: "request_sent", replyTo, req: done.req! };
    }
    case "inject_fault": {
      session.requireSpec();
      const done = await act(session, { type: "fault", fault: message.fault }, replyTo, reply);
      return done.faultId === undefined ? ack() : { type: "fault_injected", replyTo, faultId: done.faultId };
    }
    case "heal_fault":
      session.requireSpec();
      await act(session, { type: "heal", faultId: message.faultId }, replyTo, reply);
      return ack();
    case "play":
      session.requireSpec();
      startPlaying(session, message.speed, (error) => {
        if (error) reply({ type: "error", replyTo, code: error.code as "limit", blame: error.blame, message: error.message, ...error.extra });
        reply({ type: "state", state: session.state() });
      });
      return ack();
    case "pause":
      session.playing = false;
      await pendingNow(session).catch(() => undefined);
      return ack();
    case "step":
      return await step(session, message, reply);
    case "step_until":
      return await stepUntil(session, message, reply);
    case "choose":
      return await choose(session, message, reply);
    case "seek":
      return seek(session, message);
    case "resync":
      session.stream.resync(message.fromOffset);
      session.stream.flush(session.link);
      // The whole pending list too: a client whose list disagreed with a change asked for it.
      session.sendPending();
      return ack();
    case "explore":
      startExploring(session, message, reply);
      return ack();
    case "explore_cancel":
      cancelExploring(session);
      return ack();
    case "check_history":
      return checkSessionHistory(session, message);
    case "explore_replay":
      return await replaySchedule(session, message);
    case "instruments_set":
      return setInstruments(session, message);
    case "profile_request":
      return await profileRequest(session, message);
    case "heap_snapshot":
      return await heapSnapshot(session, message);
    case "heap_compare":
      return await heapCompare(session, message);
    case "runtimes_compared":
      return await runtimesCompared(session, message);
    case "save_project": {
      const saved = deps.projects.save(message.name, projectData(session, message.editor), message.projectId);
      if (!saved.ok) throw new SessionError(saved.code, saved.message, "user", saved.limit ? { limit: saved.limit } : {});
      session.projectId = saved.value.projectId;
      return { type: "project_saved", replyTo, project: saved.value };
    }
    case "open_project": {
      const opened = deps.projects.open(message.projectId);
      if (!opened.ok) throw new SessionError(opened.code, opened.message, "user");
      const { spec, toStep, nowMs } = specOf(opened.value.data);
      session.playing = false;
      await session.load(spec, toStep, nowMs);
      session.projectId = opened.value.summary.projectId;
      session.lessonId = opened.value.data.lessonId;
      await pendingNow(session);
      return { type: "project_opened", replyTo, project: opened.value.summary, editor: opened.value.data.editor };
    }
    case "list_projects":
      return { type: "project_list", replyTo, projects: deps.projects.list() };
    case "rename_project": {
      const renamed = deps.projects.rename(message.projectId, message.name);
      if (!renamed.ok) throw new SessionError(renamed.code, renamed.message, "user");
      return { type: "project_saved", replyTo, project: renamed.value };
    }
    case "delete_project": {
      const deleted = deps.projects.delete(message.projectId);
      if (!deleted.ok) throw new SessionError(deleted.code, deleted.message, "user");
      if (session.projectId === message.projectId) session.projectId = null;
      return ack();
    }
    case "share": {
      const shared = encodeShare(projectData(session, message.editor));
      if (!shared.ok) throw new SessionError(shared.code, shared.message, "user", shared.limit ? { limit: shared.limit } : {});
      return { type: "share_link", replyTo, fragment: shared.value };
    }
    case "open_share": {
      const decoded = decodeShare(message.fragment);
      if (!decoded.ok) throw new SessionError(decoded.code, decoded.message, "user");
      const { spec, toStep, nowMs } = specOf(decoded.value);
      session.playing = false;
      await session.load(spec, toStep, nowMs);
      session.projectId = null;
      session.lessonId = decoded.value.lessonId;
      await pendingNow(session);
      return { type: "project_opened", replyTo, project: { projectId: "", name: "shared project", createdAtMs: 0, updatedAtMs: 0, bytes: message.fragment.length, lessonId: decoded.value.lessonId }, editor: decoded.value.editor };
    }
    default:
      return exhaustiveSwitchError(message);
  }
}

/** The seed a scenario asks for (validated later with the scenario; 1 when absent). */
function seedOf(scenario: unknown): number {
  const seed = (scenario as { seed?: unknown } | null)?.seed;
  return typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0 && seed <= 0xffffffff ? seed : 1;
}

