// Explorations in the world process: the race explorer (server/sim/explore) runs on the
// process's sandbox in slices, so one long search never keeps the other sessions of the process
// waiting. The gateway starts an exploration, asks for slices (each answers the progress, or the
// final answer), and may cancel it. Durable Object storage is in memory: every run needs a fresh
// store, and the in-memory one passes the same storage contract as SQLite.
import type { Sandbox } from "../../sandbox/index.ts";
import { createPredicateSandbox, type PredicateSandbox } from "../../sandbox/predicate.ts";
import { MemoryStorageProvider } from "../sim/durable-objects/memory-storage.ts";
import { exploreSteps, propertyOf, type ExploreAnswer, type ExploreOptions, type ExploreProgress, type PropertySpec } from "../sim/explore/index.ts";
import { parseScenario } from "../sim/scenario.ts";
import { HostError } from "./session-host.ts";

export const exploreHostLimits = {
  /** Explorations one world process holds at once. */
  explorationsMax: 4,
} as const;

/** A finished slice also carries the search's last progress (null if it yielded none). */
export type ExploreSlice = { done: false; progress: ExploreProgress } | { done: true; answer: ExploreAnswer; progress: ExploreProgress | null };

interface Running {
  search: Generator<ExploreProgress, ExploreAnswer, boolean | undefined>;
  predicate: PredicateSandbox | null;
  last: ExploreProgress | null;
}

export class ExploreHost {
  private readonly running = new Map<string, Running>();

  constructor(private readonly sandbox: Sandbox) {}

  start(exploreId: string, scenario: unknown, seed: number, spec: PropertySpec, options: Omit<ExploreOptions, "onProgress">): void {
    if (this.running.has(exploreId)) throw new HostError("explore_running", `exploration ${exploreId} is already running`);
    if (this.running.size >= exploreHostLimits.explorationsMax) throw new HostError("limit", `at most ${exploreHostLimits.explorationsMax} explorations run at once on a world process (explorationsMax)`);
    const parsed = parseScenario(scenario);
    if (!parsed.ok) throw new HostError("invalid_scenario", parsed.error.message, parsed.error.path);
    let predicate: PredicateSandbox | null = null;
    try {
      if (spec.kind === "predicate") predicate = createPredicateSandbox(spec.code);
      const property = propertyOf(spec, predicate);
      const makeDeps = () => ({ isolates: this.sandbox, objectStorage: new MemoryStorageProvider() });
      this.running.set(exploreId, { search: exploreSteps(parsed.value, makeDeps, property, { ...options, seed }), predicate, last: null });
    } catch (error) {
      predicate?.dispose();
      throw new HostError("invalid_property", (error as Error).message);
    }
  }

  /** Runs the exploration for about `msMax` of wall time (at least one run). */
  slice(exploreId: string, msMax: number, cancel = false): ExploreSlice {
    const running = this.running.get(exploreId);
    if (!running) throw new HostError("no_such_exploration", `exploration ${exploreId} is not running`);
    const until = performance.now() + msMax;
    try {
      for (let first = true; first || performance.now() < until; first = false) {
        const next = running.search.next(cancel);
        if (next.done) {
          this.finish(exploreId);
          return { done: true, answer: next.value, progress: running.last };
        }
        running.last = next.value;
      }
      return { done: false, progress: running.last! };
    } catch (error) {
      this.finish(exploreId);
      throw error;
    }
  }

  /** Cancels: the search answers `cancelled` at its next run (a search not yet started runs one). */
  cancel(exploreId: string): ExploreSlice {
    for (let i = 0; i < 3; i++) {
      const slice = this.slice(exploreId, 0, true);
      if (slice.done) return slice;
    }
    throw new HostError("internal", `exploration ${exploreId} did not stop when cancelled`);
  }

  closeAll(): void {
    for (const id of [...this.running.keys()]) this.finish(id);
  }

  private finish(exploreId: string): void {
    const running = this.running.get(exploreId);
    this.running.delete(exploreId);
    running?.predicate?.dispose();
    running?.search.return(undefined as never);
  }
}
