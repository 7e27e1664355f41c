// Server → client messages, discriminated on `type`. Answers carry `replyTo` (the client
// message's `id`, or null); streaming messages (trace, pending, response, state, notice) do not.
// Defined with zod so that tests validate everything the server sends, and so JSON Schema can be
// published; entries of the trace keep the simulator's own TypeScript type.
import { z } from "zod";
import type { TraceEntry } from "../sim/core/trace.ts";
import type { WorldView } from "../sim/world/view.ts";
import type { Lesson } from "../lessons/types.ts";
import { errorCodes } from "./errors.ts";
import { playSpeed } from "./common.ts";
import { exploreServerMessages } from "./explore-messages.ts";
import { instrumentServerMessages } from "./instrument-messages.ts";

const replyTo = z.int().nullable();
const traceEntry = z.custom<TraceEntry>((v) => typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string");
const worldView = z.custom<WorldView>((v) => typeof v === "object" && v !== null);
const limitsRecord = z.record(z.string(), z.number());

export const scenarioSummary = z.object({
  name: z.string(),
  seed: z.int(),
  regions: z.array(z.string()),
  pops: z.array(z.string()),
  workers: z.array(z.object({ name: z.string(), version: z.string(), routes: z.array(z.string()), bindings: z.record(z.string(), z.string()) })),
  /** Routes a request panel can complete (every worker's routes). */
  routes: z.array(z.string()),
});
export type ScenarioSummary = z.infer<typeof scenarioSummary>;

export const sessionState = z.object({
  /** Steps the world has run (its head); the trace holds exactly what those steps recorded. */
  step: z.int(),
  /** The step the client is looking at: `step` unless it sought back. */
  position: z.int(),
  nowMs: z.int(),
  traceLength: z.int(),
  playing: z.boolean(),
  speed: playSpeed,
  /** No event left: the world is at rest until a new request, deploy or fault. */
  atRest: z.boolean(),
  /** Counts the branches made by choosing or acting in the past. */
  branch: z.int(),
  scenario: scenarioSummary.nullable(),
  lessonId: z.string().nullable(),
  projectId: z.string().nullable(),
  seed: z.int(),
});
export type SessionState = z.infer<typeof sessionState>;

export const pendingEvent = z.object({ id: z.int(), timeMs: z.int(), kind: z.string(), label: z.string(), reorderable: z.boolean() });
export type PendingEventInfo = z.infer<typeof pendingEvent>;

export const liveResponse = z.object({
  req: z.string(),
  from: z.string(),
  method: z.string(),
  url: z.string(),
  status: z.int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  servedBy: z.string().nullable(),
  version: z.string().nullable(),
  startedAtMs: z.int(),
  finishedAtMs: z.int(),
  /** Index in the scenario's traffic, or null for a request sent live. */
  traffic: z.int().nullable(),
});
export type LiveResponse = z.infer<typeof liveResponse>;

export const projectSummary = z.object({ projectId: z.string(), name: z.string(), createdAtMs: z.int(), updatedAtMs: z.int(), bytes: z.int(), lessonId: z.string().nullable() });
export type ProjectSummary = z.infer<typeof projectSummary>;

export const lessonSummary = z.object({ id: z.string(), number: z.int(), title: z.string(), summary: z.string(), minutes: z.number() });
/** The lesson as server/lessons loads it (prose, steps with predict questions, starter code). */
const lesson = z.custom<Lesson>((v) => typeof v === "object" && v !== null);
const checkFigure = z.object({ id: z.string(), label: z.string(), value: z.number().nullable(), unit: z.string(), design: z.string().nullable(), measuredOnMachine: z.boolean() });

const messages = {
  welcome: { version: z.int(), token: z.string(), resumed: z.boolean(), limits: limitsRecord, state: sessionState },
  ack: { replyTo, of: z.string() },
  error: {
    replyTo,
    code: z.enum(errorCodes),
    blame: z.enum(["user", "system"]),
    message: z.string(),
    /** The bad field, e.g. `deploy.rollout.stepMs` or `scenario.traffic[2].from`. */
    path: z.string().optional(),
    /** The limit hit, e.g. `messagesPerSecondMax`. */
    limit: z.string().optional(),
  },
  state: { state: sessionState },
  scenario_loaded: { replyTo, scenario: scenarioSummary, lessonId: z.string().nullable() },
  /**
   * Trace entries [offset, offset + entries.length). `stepEnds[i]` is the trace length after
   * step `firstStep + i`, so a client maps any entry to the step that recorded it.
   */
  trace: { offset: z.int(), entries: z.array(traceEntry), firstStep: z.int(), stepEnds: z.array(z.int()) },
  /** The client fell behind (wsBufferedBytesMax): streaming stopped at `offset`; send `resync`. */
  resync_needed: { offset: z.int(), limit: z.string() },
  /** A new branch: the trace after `offset` (steps after `step`) is dropped. */
  branch: { replyTo, step: z.int(), offset: z.int(), branch: z.int() },
  /** The first pendingEventsShownMax pending events in run order; `total` counts them all. */
  pending: { step: z.int(), events: z.array(pendingEvent), total: z.int() },
  /**
   * What changed in that list since the last `pending` or `pending_changed` (server/protocol/
   * pending-change.ts applies it). `shown` is the list's length after the change: a client whose
   * list disagrees asks again with `resync`, which sends the whole list.
   */
  pending_changed: { step: z.int(), removed: z.array(z.int()), added: z.array(pendingEvent), shown: z.int(), total: z.int() },
  view: { replyTo, step: z.int(), offset: z.int(), view: worldView },
  stepped: { replyTo, ran: z.int(), step: z.int(), stopped: z.enum(["done", "condition", "bound", "rest", "limit"]) },
  response: { response: liveResponse },
  request_sent: { replyTo, req: z.string() },
  deployed: { replyTo, worker: z.string(), version: z.string() },
  fault_injected: { replyTo, faultId: z.string() },
  /** Something the learner should know that is not an answer: a recovery, an idle pause. */
  notice: { level: z.enum(["info", "warning", "error"]), code: z.string(), message: z.string() },
  lesson_list: { replyTo, lessons: z.array(lessonSummary) },
  lesson_loaded: { replyTo, lesson },
  lesson_check: { replyTo, lessonId: z.string(), pass: z.boolean(), hint: z.string(), figures: z.array(checkFigure) },
  project_list: { replyTo, projects: z.array(projectSummary) },
  project_saved: { replyTo, project: projectSummary },
  project_opened: { replyTo, project: projectSummary, editor: z.record(z.string(), z.string()) },
  share_link: { replyTo, fragment: z.string() },
  ...exploreServerMessages,
  ...instrumentServerMessages,
} as const;

export type ServerMessageType = keyof typeof messages;
export const serverMessageTypes = Object.keys(messages) as ServerMessageType[];

function variant<T extends ServerMessageType>(type: T) {
  return z.object({ type: z.literal(type), ...messages[type] });
}

export const serverMessage = z.discriminatedUnion(
  "type",
  serverMessageTypes.map((type) => variant(type)) as unknown as [ReturnType<typeof variant<"welcome">>, ...ReturnType<typeof variant<ServerMessageType>>[]],
);

type Variants = { [T in ServerMessageType]: z.infer<ReturnType<typeof variant<T>>> };
export type ServerMessage = Variants[ServerMessageType];
export type ServerMessageOf<T extends ServerMessageType> = Variants[T];
