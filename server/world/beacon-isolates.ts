// Writes the beacon before the learner's code runs in an isolate: a worker's load (its module
// initialization) and every delivery. Events that never enter an isolate (a network hop, a KV
// replica catching up) run the world's own code, which the budgets bound, so the record noted
// before them needs no write: when a process dies, the last write names the event whose code
// was running.
import type { IsolateFactory, IsolateHandle } from "../sim/isolate-port.ts";
import { instrumentsOf, registerInstruments } from "../../sandbox/instruments/isolate-instruments.ts";
import type { BeaconWriter } from "./beacon.ts";

export function flushBeaconOnEntry(factory: IsolateFactory, beacon: BeaconWriter): IsolateFactory {
  return {
    load(script, options) {
      beacon.flush();
      const loaded = factory.load(script, options);
      return loaded.ok ? { ...loaded, isolate: flushing(loaded.isolate, beacon) } : loaded;
    },
  };
}

function flushing(handle: IsolateHandle, beacon: BeaconWriter): IsolateHandle {
  const wrapped: IsolateHandle = {
    get alive() {
      return handle.alive;
    },
    deliver(event, nowMs) {
      beacon.flush();
      return handle.deliver(event, nowMs);
    },
    stats: () => handle.stats(),
    dispose: () => handle.dispose(),
  };
  // The instruments (heap, profiles) are found by the handle the world holds.
  const instruments = instrumentsOf(handle);
  if (instruments !== null) registerInstruments(wrapped, instruments);
  return wrapped;
}
