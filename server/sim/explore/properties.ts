// The properties a run is checked against. Built in: no lost update, linearizable (the
// checker of ../history over the run's history), no 5xx, responses equal a list. A learner's
// predicate is JavaScript and runs in an isolate, never here: the explorer takes it through
// `PredicatePort`, which the sandbox implements (sandbox/predicate.ts).

import { checkHistory } from "../history/checker.ts";
import { kvHistory, requestHistory } from "../history/extract.ts";
import { counterModel, registerModel } from "../history/models.ts";
import type { Model } from "../history/types.ts";
import type { RunResult } from "../world/result.ts";

export type Verdict = { ok: true } | { ok: false; message: string };

/** A property failed to run (a predicate that threw or looped): the exploration stops with it. */
export class PropertyError extends Error {
  override name = "PropertyError";
}

export interface Property {
  name: string;
  check(result: RunResult): Verdict;
  /** The property speaks of each traffic entry by position: shrinking must not drop requests. */
  fixedTraffic?: boolean;
}

export interface ExpectedResponse {
  status?: number;
  body?: string;
}

export type PropertySpec =
  | { kind: "no-lost-update" }
  | { kind: "linearizable"; history?: "requests" | "kv" }
  | { kind: "no-5xx" }
  | { kind: "responses-equal"; responses: ExpectedResponse[] }
  | { kind: "predicate"; code: string };

export const propertyKinds = ["no-lost-update", "linearizable", "no-5xx", "responses-equal", "predicate"] as const;

/** What a learner's predicate sees, and what the port answers. */
export interface PredicateInput {
  responses: RunResult["responses"];
  trace: RunResult["trace"];
}
export type PredicateAnswer = { ok: true; pass: boolean; message: string | null } | { ok: false; error: string };

export interface PredicatePort {
  check(input: PredicateInput): PredicateAnswer;
}

/**
 * Increments are the non-GET requests; the counter's final value is the largest count any 2xx
 * answer showed (a final GET /count included). Each acknowledged increment must be counted.
 */
export const noLostUpdate: Property = {
  name: "no-lost-update",
  check(result) {
    const ops = requestHistory(result);
    const acked = ops.filter((op) => op.f === "inc" && !op.unknown);
    const counts = ops.filter((op) => !op.unknown).map((op) => op.output as number);
    const final = counts.length === 0 ? 0 : Math.max(...counts);
    if (final >= acked.length) return { ok: true };
    const lost = acked.length - final;
    return { ok: false, message: `${acked.length} increments were acknowledged but the counter ends at ${final}: ${lost} ${lost === 1 ? "was" : "were"} lost` };
  },
};

export function linearizable(history: "requests" | "kv" = "requests"): Property {
  return {
    name: "linearizable",
    check(result) {
      const ops = history === "kv" ? kvHistory(result.trace) : requestHistory(result);
      const model = (history === "kv" ? registerModel() : counterModel()) as Model<unknown>;
      const answer = checkHistory(model, ops, { stepsMax: 2_000_000 });
      if (answer.verdict === "illegal") return { ok: false, message: answer.explanation ?? "not linearizable" };
      return { ok: true };
    },
  };
}

export const no5xx: Property = {
  name: "no-5xx",
  check(result) {
    const i = result.responses.findIndex((r) => r !== null && r.status >= 500);
    if (i < 0) return { ok: true };
    const r = result.responses[i]!;
    return { ok: false, message: `r${i + 1} answered ${r.status}: ${r.body.slice(0, 120)}` };
  },
};

export function responsesEqual(expected: ExpectedResponse[]): Property {
  return {
    name: "responses-equal",
    fixedTraffic: true,
    check(result) {
      for (const [i, want] of expected.entries()) {
        const got = result.responses[i] ?? null;
        if (got === null) return { ok: false, message: `r${i + 1} got no answer` };
        if (want.status !== undefined && got.status !== want.status) return { ok: false, message: `r${i + 1} answered ${got.status}, expected ${want.status}` };
        if (want.body !== undefined && got.body !== want.body) return { ok: false, message: `r${i + 1} answered ${JSON.stringify(got.body.slice(0, 80))}, expected ${JSON.stringify(want.body.slice(0, 80))}` };
      }
      return { ok: true };
    },
  };
}

export function predicateProperty(port: PredicatePort): Property {
  return {
    name: "predicate",
    check(result) {
      const answer = port.check({ responses: result.responses, trace: result.trace });
      if (!answer.ok) throw new PropertyError(answer.error);
      return answer.pass ? { ok: true } : { ok: false, message: answer.message ?? "the predicate returned false" };
    },
  };
}

/** The property a spec names; a predicate needs the port (a sandbox), else an error. */
export function propertyOf(spec: PropertySpec, port: PredicatePort | null): Property {
  switch (spec.kind) {
    case "no-lost-update": return noLostUpdate;
    case "linearizable": return linearizable(spec.history);
    case "no-5xx": return no5xx;
    case "responses-equal": return responsesEqual(spec.responses);
    case "predicate":
      if (!port) throw new PropertyError("a predicate property needs an isolate to run in");
      return predicateProperty(port);
  }
}
