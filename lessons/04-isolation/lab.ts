// Lesson 4's lab: the V8 heap one isolate of tenant A's worker uses once loaded, measured by the
// server in a real isolate (the trace holds no heap sizes).
import { createSandboxFactory } from "../../sandbox/index.ts";
import type { LabFindings } from "../../server/lessons/labs.ts";

export async function lab(code: string): Promise<LabFindings> {
  const sandbox = createSandboxFactory({ poolSize: 0 });
  try {
    const loaded = sandbox.load({ name: "tenant-a", version: "v1", code, bindings: {} }, {
      seed: 4, nowMs: 0, sync: () => ({ ok: false, error: { name: "Error", message: "not available while measuring" } }),
    });
    if (!loaded.ok) return { measured: {}, notes: { "isolate-mb": loaded.error.message } };
    const heapMb = loaded.isolate.stats().heapUsedBytes / (1024 * 1024);
    loaded.isolate.dispose();
    return { measured: { "isolate-mb": heapMb }, notes: {} };
  } finally {
    sandbox.dispose();
  }
}
