// The shapes of a history: operations with a call and a return time on one client each, the
// sequential models a history is checked against, and the checker's answer.

/** A value an operation takes or gives: what Jepsen histories and the world's traces hold. */
export type Value = null | boolean | number | string | Value[];

export interface Operation {
  /** Index in the history; the checker's answer names operations by it. */
  id: number;
  /** The Jepsen process, or the world's request ("r1"). */
  client: number | string;
  /** "read", "write", "cas", "get", "put", "append", "inc". */
  f: string;
  /** The key of a key-value operation; null for a register or a counter. */
  key: string | null;
  /** What the operation was asked to do: the written value, [from, to] of a cas, a delta. */
  input: Value;
  /** What it answered: the value read, whether a cas succeeded, a counter's new value. */
  output: Value;
  /** The outcome is unknown (Jepsen's :info, a timeout, a 5xx): it may or may not have happened. */
  unknown: boolean;
  callMs: number;
  /** Infinity for an operation that never returned. */
  returnMs: number;
  /** How the world saw it, for explanations: "r1 read n at 5 ms and saw no value". */
  evidence?: string[];
}

/** A sequential specification. States are values: equal states have equal JSON. */
export interface Model<S = unknown> {
  name: string;
  init(): S;
  /** The state after `op` took effect in `state`, or undefined if `op` cannot happen there. */
  step(state: S, op: Operation): S | undefined;
  /** Histories whose parts are linearizable if and only if the whole is (P-compositionality). */
  partition(ops: Operation[]): Operation[][];
  describeOperation(op: Operation): string;
  describeState(state: S): string;
}

export type Verdict = "ok" | "illegal" | "unknown";

export interface CheckBudget {
  /** Search steps (model steps tried) over all partitions; past it the answer is `unknown`. */
  stepsMax?: number;
  /** Asked every few thousand steps; true stops the search with `unknown` (a time budget). */
  shouldStop?: () => boolean;
}

export interface CheckOptions extends CheckBudget {
  /** How the explanation speaks of times: world histories are in ms, Jepsen logs by the order of their events. */
  timeUnit?: "ms" | "ns" | "event";
}

export interface PartitionAnswer {
  key: string | null;
  verdict: Verdict;
  /** Ok: a complete linearization; illegal: the longest partial one (operation ids in order). */
  linearization: number[];
  /** Illegal: an operation that no extension of the longest partial linearization can take. */
  stuck: number | null;
}

export interface CheckAnswer {
  verdict: Verdict;
  model: string;
  operations: number;
  steps: number;
  partitions: PartitionAnswer[];
  /** Prose for `illegal` (and for `unknown`: which bound stopped the search). */
  explanation: string | null;
}
