// The race explorer's messages: the property an exploration checks, its bounds, and what the
// server streams back (progress after each slice of runs, then the result), plus the checked
// history of the current run with what a Porcupine-style history view draws.
import { z } from "zod";
import { exploreLimits } from "../sim/explore/search.ts";
import { seed, text } from "./common.ts";

const expectedResponse = z.strictObject({ status: z.int().min(100).max(599).optional(), body: text(65_536, "expectedBodyCharsMax").optional() });

export const exploreProperty = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("no-lost-update") }),
  z.strictObject({ kind: z.literal("linearizable"), history: z.enum(["requests", "kv"]).default("requests") }),
  z.strictObject({ kind: z.literal("no-5xx") }),
  z.strictObject({ kind: z.literal("responses-equal"), responses: z.array(expectedResponse).max(1_000, { error: "at most 1000 responses (expectedResponsesMax)" }) }),
  z.strictObject({ kind: z.literal("predicate"), code: text(exploreLimits.predicateCodeCharsMax, "predicateCodeCharsMax").min(1).meta({ description: "a function expression: ({ responses, trace }) => true | false | 'why it fails'" }) }),
]);

/** The scenario to search instead of the session's (the editor's current text); validated by the world. */
const scenarioOverride = z.record(z.string(), z.unknown(), { error: "expected a scenario object (see /schema/scenario.json)" }).optional().meta({ description: "absent: the session's scenario" });

export const exploreClientMessages = {
  /** Searches the orders of the session's scenario for a run that breaks `property`. */
  explore: {
    property: exploreProperty,
    bound: z.int().min(0).max(exploreLimits.boundMax).default(exploreLimits.boundDefault).meta({ description: "deviations from the default order per run (boundMax)" }),
    runsMax: z.int().min(1).max(exploreLimits.runsMax).default(exploreLimits.runsDefault),
    mode: z.enum(["auto", "systematic", "random"]).default("auto"),
    seed: seed.optional(),
    scenario: scenarioOverride,
  },
  explore_cancel: {},
  /** Checks the current run's history (its requests as counter operations, or its KV reads and writes). */
  check_history: { history: z.enum(["requests", "kv"]).default("requests") },
  /**
   * Loads a schedule the explorer found into the session's world, to step through: the session's
   * scenario with only the `kept` traffic entries, and each choice replayed as a `choose` at its
   * step (what `explore_result.shrunk` gives). The lesson stays loaded; answered `scenario_loaded`.
   */
  explore_replay: {
    kept: z.array(z.int().min(0)).min(1).max(1_000, { error: "at most 1000 traffic entries (trafficEntriesMax)" }),
    choices: z.array(z.strictObject({ step: z.int().min(0), eventId: z.int().min(0) })).max(exploreLimits.replayChoicesMax, { error: `at most ${exploreLimits.replayChoicesMax} choices (replayChoicesMax)` }),
    seed: seed.optional(),
    scenario: scenarioOverride,
  },
} as const;

const replyTo = z.int().nullable();
const choice = z.object({ step: z.int(), eventId: z.int(), identity: z.string(), label: z.string() });
const value: z.ZodType<unknown> = z.unknown();

export const exploreServerMessages = {
  explore_progress: { replyTo, runs: z.int(), distinctOrders: z.int(), phase: z.enum(["systematic", "random", "shrinking"]), failing: z.boolean() },
  explore_result: {
    replyTo,
    verdict: z.enum(["violated", "holds-within-bound", "cancelled", "error"]),
    property: z.string(),
    runs: z.int(),
    distinctOrders: z.int(),
    bound: z.int(),
    seed: z.int(),
    exhaustive: z.boolean(),
    /** "all 1,312 distinct orders within 2 deviations explored (…)" or "4,000 random orders tried, none failed". */
    statement: z.string(),
    found: z.object({ choices: z.array(choice), message: z.string() }).nullable(),
    /** The shortest story: replay `choices` (stepChoose(eventId) at step) on the scenario with the `kept` traffic entries. */
    shrunk: z.object({ choices: z.array(choice), kept: z.array(z.int()), message: z.string(), history: z.string().nullable() }).nullable(),
    explanation: z.string().nullable(),
  },
  history_checked: {
    replyTo,
    verdict: z.enum(["ok", "illegal", "unknown"]),
    model: z.string(),
    operations: z.array(z.object({ id: z.int(), client: z.string(), f: z.string(), key: z.string().nullable(), input: value, output: value, unknown: z.boolean(), callMs: z.number(), returnMs: z.number().nullable(), label: z.string(), evidence: z.array(z.string()) })),
    /** Per key: the linearization (ok) or the longest partial one (illegal), and the operation that cannot follow it. */
    linearizations: z.array(z.object({
      key: z.string().nullable(),
      verdict: z.enum(["ok", "illegal", "unknown"]),
      order: z.array(z.int()),
      stuck: z.int().nullable(),
      /** The model's state before the first operation of `order`, and after each one (as the model describes it). */
      initialState: z.string(),
      states: z.array(z.string()),
    })),
    illegalKey: z.string().nullable(),
    explanation: z.string().nullable(),
  },
} as const;
