// Client → server messages, discriminated on `type`. Every message but `hello` may carry an `id`;
// the server's answer (a specific reply, `ack`, or `error`) carries it back as `replyTo`.
// Operations that change the world are recorded as the session's actions (server/sessions/).
import { z } from "zod";
import { limits as simLimits } from "../sim/core/limits.ts";
import { deploySpec, faultCommand, httpRequest, identifier, playSpeed, requestId, seed, stepCondition, stepIndex, text } from "./common.ts";
import { exploreClientMessages } from "./explore-messages.ts";
import { instrumentClientMessages } from "./instrument-messages.ts";
import { protocolLimits } from "./limits.ts";

const id = requestId.optional();
const projectName = text(protocolLimits.projectNameCharsMax, "projectNameCharsMax").min(1);
/** The editor's files as the client last had them (unsaved code survives a reload with the project). */
const editorFiles = z
  .record(text(protocolLimits.idCharsMax, "idCharsMax"), text(simLimits.codeBytesMax, "codeBytesMax"))
  .refine((files) => Object.keys(files).length <= 32, { error: "at most 32 editor files (editorFilesMax)" });

const messages = {
  /** First message of a connection. `token` resumes that session (same world, step and trace). */
  hello: { version: z.int(), token: identifier.nullable().default(null) },

  // The world: what it is built from.
  /** Loads a scenario (the DESIGN.md format, validated; errors name `scenario.<path>`). */
  load_scenario: {
    id,
    scenario: z.record(z.string(), z.unknown(), { error: "expected a scenario object (see /schema/scenario.json)" }),
    seed: seed.optional(),
    lessonId: identifier.optional().meta({ description: "keep this lesson open: its check runs on the new run (the learner's fixed code, run again)" }),
  },
  load_lesson: { id, lessonId: identifier },
  list_lessons: { id },
  /** Runs the lesson's check on the current run; `predictions` are the learner's answers by question id. */
  check_lesson: { id, predictions: z.record(identifier, text(2_000, "answerCharsMax")).optional() },
  /** Rebuilds the world from its scenario at step 0, dropping the recorded actions. */
  reset: { id, seed: seed.optional() },

  // Live actions (recorded by step index, replayed on resume and recovery).
  deploy: { id, deploy: deploySpec },
  send_request: { id, request: httpRequest },
  inject_fault: { id, fault: faultCommand },
  /** Ends an injected fault now; `faultId` is the one `fault_injected` gave. */
  heal_fault: { id, faultId: identifier },

  // Time.
  play: { id, speed: playSpeed },
  pause: { id },
  step: { id, count: z.int().min(1).max(protocolLimits.stepsPerMessageMax).default(1) },
  step_until: { id, until: stepCondition, eventsMax: z.int().min(1).max(protocolLimits.stepsPerMessageMax).default(10_000) },
  /** Runs a reorderable pending event next (interleaving control). */
  choose: { id, eventId: z.int().min(0) },
  /**
   * Moves the view to just after step `step`. Backwards shows the past from the trace (a `view`
   * message) without touching the world; a world-changing action there starts a new branch.
   */
  seek: { id, step: stepIndex },
  /** Asks for the trace again from an offset (after `resync`, or on a gap). */
  resync: { id, fromOffset: z.int().min(0) },

  // Projects and sharing.
  save_project: { id, name: projectName, projectId: identifier.optional().meta({ description: "overwrite this project; absent: a new one" }), editor: editorFiles.optional() },
  open_project: { id, projectId: identifier },
  list_projects: { id },
  rename_project: { id, projectId: identifier, name: projectName },
  delete_project: { id, projectId: identifier },
  share: { id, editor: editorFiles.optional() },
  // The race explorer (server/sim/explore) and the history checker (server/sim/history).
  explore: { id, ...exploreClientMessages.explore },
  explore_cancel: { id },
  check_history: { id, ...exploreClientMessages.check_history },
  explore_replay: { id, ...exploreClientMessages.explore_replay },
  // V8's instruments (instrument-messages.ts): measured beside the run, never in its trace.
  instruments_set: { id, ...instrumentClientMessages.instruments_set },
  profile_request: { id, ...instrumentClientMessages.profile_request },
  heap_snapshot: { id, ...instrumentClientMessages.heap_snapshot },
  heap_compare: { id, ...instrumentClientMessages.heap_compare },
  runtimes_compared: { id },
  open_share: { id, fragment: text(protocolLimits.shareFragmentCharsMax, "shareFragmentCharsMax").min(1) },
} as const;

export type ClientMessageType = keyof typeof messages;
export const clientMessageTypes = Object.keys(messages) as ClientMessageType[];

function variant<T extends ClientMessageType>(type: T) {
  return z.strictObject({ type: z.literal(type), ...messages[type] });
}

export const clientMessage = z.discriminatedUnion(
  "type",
  clientMessageTypes.map((type) => variant(type)) as unknown as [ReturnType<typeof variant<"hello">>, ...ReturnType<typeof variant<ClientMessageType>>[]],
);

type Variants = { [T in ClientMessageType]: z.infer<ReturnType<typeof variant<T>>> };
export type ClientMessage = Variants[ClientMessageType];
export type ClientMessageOf<T extends ClientMessageType> = Variants[T];
/** A message as a client may write it: defaulted fields may be left out. */
export type ClientMessageInput = { [T in ClientMessageType]: z.input<ReturnType<typeof variant<T>>> }[ClientMessageType];
