// Builders of scenarios and worlds for the world's tests: a scenario is written as the JSON a
// learner would write, parsed by the real validator, and run on the fake isolates.

import { MemoryStorageProvider } from "../durable-objects/memory-storage.ts";
import { parseScenario } from "../scenario.ts";
import type { Scenario } from "../scenario-types.ts";
import { World } from "../world/world.ts";
import { createFakeFactory } from "./fake-isolates.ts";
import { fakePrograms } from "./fake-workers.ts";

export function scenarioFrom(json: Record<string, unknown>): Scenario {
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new Error(`test scenario invalid: ${parsed.error.message}`);
  return parsed.value;
}

export function fakeDeps() {
  return { isolates: createFakeFactory(fakePrograms), objectStorage: new MemoryStorageProvider() };
}

export function worldOf(json: Record<string, unknown>, seed?: number): World {
  const scenario = scenarioFrom(json);
  return new World(scenario, fakeDeps(), seed ?? scenario.seed);
}

export const fourRegions = ["us-west", "us-east", "eu-west", "ap-south"];

export function counterWorker(code: string) {
  return {
    name: "app",
    code,
    routes: ["app.example.com/*"],
    bindings: { COUNTS: { type: "kv" }, COUNTER: { type: "durable_object", className: "Counter" } },
  };
}
