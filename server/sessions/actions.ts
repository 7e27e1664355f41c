// A session is fully described by (scenario, seed, recorded actions by step index). An action
// recorded at step index i was applied when the world had run i steps, at virtual time `atMs`,
// before step i+1; a `choose` or `fail` action at index i *is* step i+1. Replaying the same
// description reproduces the trace byte for byte: resume, step back, saved runs, share links and
// crash recovery all rest on this.
import { z } from "zod";
import { deploySpec, faultCommand, httpRequest, identifier } from "../protocol/common.ts";
import type { DeploySpec, FaultCommandSpec, HttpRequestSpec } from "../protocol/index.ts";

export type SessionAction =
  | { type: "request"; request: HttpRequestSpec }
  | { type: "deploy"; deploy: DeploySpec }
  | { type: "fault"; fault: FaultCommandSpec }
  | { type: "heal"; faultId: string }
  | { type: "choose"; eventId: number }
  /** The event took the world process down: replays skip it and answer 503 naming `limit`. */
  | { type: "fail"; eventId: number; limit: string; message: string };

export interface RecordedAction {
  step: number;
  atMs: number;
  action: SessionAction;
}

export interface SessionSpec {
  /** The scenario as the learner wrote it (validated when the session's world is built). */
  scenario: unknown;
  seed: number;
  actions: RecordedAction[];
}

/** Actions that are a step themselves (rather than applied between steps). */
export function isStepAction(action: SessionAction): action is Extract<SessionAction, { type: "choose" | "fail" }> {
  return action.type === "choose" || action.type === "fail";
}

/** The branch kept when acting at a past step `s`: everything recorded before it. */
export function actionsBefore(actions: readonly RecordedAction[], step: number): RecordedAction[] {
  return actions.filter((a) => a.step < step);
}


/** Actions read back from a saved project or a share link are untrusted: validated like messages. */
const sessionActionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("request"), request: httpRequest }),
  z.strictObject({ type: z.literal("deploy"), deploy: deploySpec }),
  z.strictObject({ type: z.literal("fault"), fault: faultCommand }),
  z.strictObject({ type: z.literal("heal"), faultId: identifier }),
  z.strictObject({ type: z.literal("choose"), eventId: z.int().min(0) }),
  z.strictObject({ type: z.literal("fail"), eventId: z.int().min(0), limit: identifier, message: z.string().max(500) }),
]);

export const recordedActionsSchema = z.array(z.strictObject({ step: z.int().min(0), atMs: z.int().min(0), action: sessionActionSchema })).max(10_000, { error: "at most 10000 actions (actionsPerSessionMax)" });
