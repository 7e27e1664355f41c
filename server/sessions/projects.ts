// A session as a saved project (or a share link) and back: (scenario, seed, actions) plus the
// step and virtual time the run had reached, the editor's files and the lesson. Read-back data
// is untrusted, so its actions are validated before a replay.
import type { ProjectData } from "../store/projects.ts";
import { describeIssue } from "../protocol/parse.ts";
import { recordedActionsSchema, type SessionSpec } from "./actions.ts";
import { SessionError, type LiveSession } from "./session.ts";

export function projectData(session: LiveSession, editor: Record<string, string> | undefined): ProjectData {
  const spec = session.requireSpec();
  return { scenario: spec.scenario, seed: spec.seed, actions: spec.actions, step: session.step, nowMs: session.nowMs, editor: editor ?? {}, lessonId: session.lessonId };
}

export function specOf(data: ProjectData): { spec: SessionSpec; toStep: number; nowMs: number } {
  const actions = recordedActionsSchema.safeParse(data.actions);
  if (!actions.success) {
    const issue = describeIssue(actions.error, "actions");
    throw new SessionError("bad_share_link", `the project's recorded actions are not valid: ${issue.message}`, "user", issue.path ? { path: issue.path } : {});
  }
  return { spec: { scenario: data.scenario, seed: data.seed, actions: actions.data }, toStep: Math.max(0, Math.floor(data.step)), nowMs: Math.max(0, Math.floor(data.nowMs)) };
}
