// Lesson 19's lab: the V8 heap one isolate of the learner's worker uses once loaded, measured
// by the server in a real isolate (the trace holds no heap sizes).
import { createSandboxFactory } from "../../sandbox/index.ts";
import type { LabFindings } from "../../server/lessons/labs.ts";
import scenario from "./scenario.json" with { type: "json" };

export async function lab(code: string): Promise<LabFindings> {
  const sandbox = createSandboxFactory({ poolSize: 0 });
  try {
    const bindings = scenario.worker.bindings as Record<string, { type: "kv" } | { type: "durable_object"; className: string }>;
    const loaded = sandbox.load({ name: "app", version: "v1", code, bindings }, {
      seed: 19, nowMs: 0, sync: () => ({ ok: false, error: { name: "Error", message: "not available while measuring" } }),
    });
    if (!loaded.ok) return { measured: {}, notes: { "isolate-mb": loaded.error.message } };
    const heapMb = loaded.isolate.stats().heapUsedBytes / (1024 * 1024);
    loaded.isolate.dispose();
    return { measured: { "isolate-mb": heapMb }, notes: {} };
  } finally {
    sandbox.dispose();
  }
}
