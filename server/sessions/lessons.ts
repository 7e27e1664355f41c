// The lessons (server/lessons) as a session uses them: a lesson's scenario with the starter code
// in place, and its check run over the session's current run (responses and trace).
import { listLessons, lessonCodeMarker, loadLesson, runLessonCheck, type CheckResult, type Lesson, type LessonRun, type LessonSummary } from "../lessons/index.ts";
import { hasLab, LabError, runLab } from "../lessons/run-lab.ts";
import { traceHash } from "../sim/core/trace.ts";
import type { RunResponse, RunResult } from "../sim/world/result.ts";
import { SessionError, type LiveSession } from "./session.ts";

export function listLessonSummaries(): LessonSummary[] {
  return listLessons();
}

export function loadLessonById(id: string): Lesson {
  const lesson = loadLesson(id);
  if (!lesson.ok) throw new SessionError("no_such_lesson", lesson.error.message, "user", { path: "lessonId" });
  return lesson.value;
}

/** The lesson's scenario JSON with `code` wherever the lesson put its code marker. */
export function lessonScenario(lesson: Pick<Lesson, "scenario">, code: string): unknown {
  const put = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(put);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "code" && v === lessonCodeMarker ? code : put(v)]));
  };
  return put(lesson.scenario);
}

export async function checkLesson(session: LiveSession, predictions: Record<string, string> | undefined): Promise<CheckResult> {
  if (session.lessonId === null) throw new SessionError("no_such_lesson", "no lesson is loaded in this session: load_lesson first", "user");
  const run: LessonRun = predictions === undefined ? { result: runOf(session) } : { result: runOf(session), predictions };
  if (hasLab(session.lessonId)) {
    // The lab measures the code the learner runs now (the last deploy, else the loaded scenario's).
    const lesson = loadLessonById(session.lessonId);
    try {
      const findings = await runLab(session.lessonId, currentWorkerCode(session) ?? lesson.starter, lesson.starter);
      run.measured = findings.measured;
      run.notes = findings.notes;
    } catch (e) {
      if (e instanceof LabError) throw new SessionError("lab_failed", e.message, "user", e.limit ? { limit: e.limit } : {});
      throw e;
    }
  }
  const checked = runLessonCheck(session.lessonId, run);
  if (!checked.ok) throw new SessionError("no_such_lesson", checked.error.message, "user");
  return checked.value;
}

/** The main worker's code as the session runs it: its last live deploy, else the scenario's. */
export function currentWorkerCode(session: LiveSession): string | null {
  const spec = session.spec;
  if (spec === null) return null;
  const scenario = spec.scenario as { worker?: { name?: string; code?: unknown }; workers?: { name?: string; code?: unknown }[] };
  const main = scenario.worker ?? scenario.workers?.[0];
  for (let i = spec.actions.length - 1; i >= 0; i--) {
    const action = spec.actions[i]!.action;
    if (action.type === "deploy" && (action.deploy.worker === undefined || action.deploy.worker === main?.name)) return action.deploy.code;
  }
  return typeof main?.code === "string" ? main.code : null;
}

/** The session's run as a headless run reports it (what lesson checks read). */
export function runOf(session: LiveSession): RunResult {
  const responses: (RunResponse | null)[] = [];
  for (const r of session.responses) {
    if (r.traffic === null) continue;
    responses[r.traffic] = { status: r.status, headers: r.headers, body: r.body, servedBy: r.servedBy, startedAtMs: r.startedAtMs, finishedAtMs: r.finishedAtMs };
  }
  const trafficCount = session.trace.filter((e) => e.kind === "request" && e.traffic !== null).length;
  for (let i = 0; i < trafficCount; i++) responses[i] ??= null;
  const routes = session.trace.filter((e) => e.kind === "route");
  return {
    seed: session.spec?.seed ?? 0,
    responses,
    trace: [...session.trace],
    traceHash: traceHash(session.trace),
    completed: session.atRest,
    stats: { events: session.step, endMs: session.nowMs, routeCacheHits: routes.filter((e) => e.kind === "route" && e.cache === "hit").length, routeCacheMisses: routes.filter((e) => e.kind === "route" && e.cache === "miss").length },
  };
}
