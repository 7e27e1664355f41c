import { test } from "node:test";
import assert from "node:assert/strict";
import { createSandboxFactory } from "./index.ts";
import { prepareIsolate } from "./isolate-pool.ts";
import { preludeCodeCacheBytes } from "./prelude-script.ts";
import { sandboxLimits } from "./limits.ts";

test("after the warm-up the prelude's code cache holds the functions requests ran, and isolates made from it behave the same", () => {
  prepareIsolate(sandboxLimits.isolateMemoryMbMax).isolate.dispose();
  const before = preludeCodeCacheBytes();
  assert.ok(before > 0, "the first compile made a cache");
  const sandbox = createSandboxFactory({ poolSize: 1 });
  try {
    sandbox.warmUp();
    const after = preludeCodeCacheBytes();
    assert.ok(after > before * 1.2, `the cache grew with the compiled functions: ${before} -> ${after} bytes`);
    const loaded = sandbox.load(
      { name: "app", version: "v1", code: `export default { fetch(req) { const u = new URL(req.url); return new Response(u.pathname + " " + u.searchParams.get("q")) } }`, bindings: {} },
      { seed: 1, nowMs: 0, sync: () => ({ ok: true, value: null }) },
    );
    assert.ok(loaded.ok);
    const { ops } = loaded.isolate.deliver({ kind: "fetch", requestId: "r1", request: { method: "GET", url: "https://a.example.com/p?q=1", headers: [], body: null } }, 0);
    const response = ops.find((op) => op.kind === "response");
    assert.ok(response?.kind === "response");
    assert.equal(new TextDecoder().decode(response.response.body as Uint8Array), "/p 1");
    loaded.isolate.dispose();
  } finally {
    sandbox.dispose();
  }
});
