// What the Instruments panel's buttons send. Each answer fills the instruments slice; an error
// answer is reported like any other (the notice names its code and limit).
import type { ServerMessage } from "../../../server/protocol/index.ts";
import type { ProtocolClient } from "../protocol-client/client.ts";
import type { AppStore } from "../store/index.ts";

export type InstrumentsActions = ReturnType<typeof createInstrumentsActions>;

function body<T extends ServerMessage["type"]>(answer: ServerMessage, type: T): Omit<Extract<ServerMessage, { type: T }>, "type" | "replyTo"> | null {
  if (answer.type !== type) return null;
  const { type: _t, replyTo: _r, ...rest } = answer as Extract<ServerMessage, { type: T }> & { replyTo: unknown };
  return rest as never;
}

export function createInstrumentsActions(store: AppStore, client: ProtocolClient) {
  const s = () => store.getState();
  const busy = (what: string, fn: () => Promise<void>) => () => {
    s().setInstrumentBusy(what);
    fn().catch((e: unknown) => client.report(e)).finally(() => s().setInstrumentBusy(null));
  };
  return {
    // The switch shows the learner's choice at once (the server's instruments_state confirms it
    // a round trip later); a refusal puts it back.
    setInstruments: (on: boolean) => {
      const was = s().instrumentsOn;
      s().setInstrumentsOn(on);
      busy("switching", async () => {
        try { await client.request({ type: "instruments_set", on }); } catch (error) { s().setInstrumentsOn(was); throw error; }
      })();
    },
    profileDraft: (repetitions: number) => busy("profiling", async () => {
      const d = s().draft;
      const answer = await client.request({ type: "profile_request", request: { from: d.from, method: d.method as "GET", url: d.url }, repetitions });
      const profile = body(answer, "cpu_profile");
      if (profile) s().setCpuProfile(profile);
    })(),
    takeSnapshot: busy("snapshot", async () => {
      const snapshot = body(await client.request({ type: "heap_snapshot" }), "heap_snapshot_taken");
      if (snapshot) s().addHeapSnapshot(snapshot);
    }),
    compareSnapshots: (from: string, to: string) => busy("comparing", async () => {
      const compared = body(await client.request({ type: "heap_compare", from, to }), "heap_compared");
      if (compared) s().setHeapComparison(compared);
    })(),
    compareRuntimes: busy("runtimes", async () => {
      const runtimes = body(await client.request({ type: "runtimes_compared" }), "runtimes");
      if (runtimes) s().setRuntimes(runtimes);
    }),
    /** Opens a profiled frame's line in the editor (a marker there names its time). */
    openFrame: (url: string, line: number, label: string) => {
      const file = Object.keys(s().files).find((f) => f !== "scenario.json" && (url === "" || url.endsWith(f) || url.includes(f.replace(/\.(js|ts)$/, "")))) ?? Object.keys(s().files).find((f) => f !== "scenario.json");
      if (file === undefined || line <= 0) return;
      s().openFile(file);
      s().setMarkers([{ file, line, message: label, severity: "warning" }]);
    },
  };
}
