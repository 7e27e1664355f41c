// What the Explore panel's buttons do: start a search over the editor's scenario, cancel it,
// replay the shrunk schedule into the live world (then show it from its first deviation in the
// race view), and check the current run's history.
import type { ClientMessageInput } from "../../../server/protocol/index.ts";
import { scenarioFromFiles } from "../editor/scenario-files.ts";
import type { ProtocolClient } from "../protocol-client/client.ts";
import type { AppStore } from "../store/index.ts";
import type { ExploreForm } from "../store/explore-slice.ts";
import { openingCursor } from "./schedule.ts";

export type ExploreActions = ReturnType<typeof createExploreActions>;

type ExploreMessage = Extract<ClientMessageInput, { type: "explore" }>;

/** The explore message for the form (the property's own fields only). */
export function exploreMessage(form: ExploreForm, scenario: Record<string, unknown>): ExploreMessage {
  const property: ExploreMessage["property"] =
    form.property === "linearizable" ? { kind: "linearizable", history: form.history }
      : form.property === "predicate" ? { kind: "predicate", code: form.predicate }
        : { kind: form.property };
  const seed = typeof scenario.seed === "number" ? { seed: scenario.seed } : {};
  return { type: "explore", property, bound: form.bound, runsMax: form.runsMax, mode: form.mode, scenario, ...seed };
}

export function createExploreActions(store: AppStore, client: ProtocolClient) {
  const s = () => store.getState();
  const run = (fn: () => Promise<unknown>) => () => { fn().catch((e: unknown) => client.report(e)); };
  /** The scenario the search ran on, so the replay loads the same one. */
  let explored: Record<string, unknown> | null = null;

  const composed = (): Record<string, unknown> | null => {
    const result = scenarioFromFiles(s().files);
    if (result.ok) return result.scenario;
    s().setMarkers([{ file: result.file, line: result.line, message: result.message, severity: "error" }]);
    s().notify("error", result.message);
    return null;
  };

  return {
    startExplore: run(async () => {
      const scenario = composed();
      if (scenario === null) return;
      if (!s().server?.scenario) await client.request({ type: "load_scenario", scenario });
      const form = s().exploreForm;
      s().exploreStarted(form.runsMax, Array.isArray(scenario.traffic) ? scenario.traffic.length : null);
      explored = scenario;
      try {
        const ack = await client.request(exploreMessage(form, scenario));
        s().exploreRunning("replyTo" in ack && typeof ack.replyTo === "number" ? ack.replyTo : -1);
      } catch (error) {
        s().exploreFailed();
        throw error;
      }
    }),
    cancelExplore: run(async () => {
      s().exploreCancelling();
      await client.request({ type: "explore_cancel" });
    }),
    /** Loads the shrunk schedule into the timeline and opens it at its first deviation. */
    replaySchedule: run(async () => {
      const shrunk = s().exploreResult?.shrunk;
      if (!shrunk) return;
      const seed = s().exploreResult!.seed;
      await client.request({ type: "explore_replay", kept: shrunk.kept, choices: shrunk.choices.map((c) => ({ step: c.step, eventId: c.eventId })), seed, ...(explored ? { scenario: explored } : {}) });
      // The rest of the run after the last choice, so the whole story is in the timeline.
      await client.request({ type: "step", count: 100_000 });
      const first = shrunk.choices[0];
      const cursor = openingCursor(s().stepEnds, first?.step ?? null, s().trace.length);
      s().seek(cursor);
      if (cursor > 0) s().selectEntry(cursor - 1);
      s().showDiagram("race");
    }),
    checkHistory: (history: "requests" | "kv") => run(async () => { await client.request({ type: "check_history", history }); })(),
  };
}
