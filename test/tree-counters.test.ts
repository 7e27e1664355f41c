// Integration: what the world counts for one client request's tree (subrequests, CPU, its
// refusal: issue 12 §4) lives as long as the tree, not as long as the world. A tree's counters
// are freed when its last member finishes: no request of it whose code may still run (waitUntil
// work, a timer it set) and no call of it in flight. A tree that is still alive keeps counting,
// however many other trees come and go meanwhile. Real isolates, real SQLite.

import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { limits } from "../server/sim/core/limits.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { World } from "../server/sim/world/world.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";

const dir = mkdtempSync(join(tmpdir(), "tree-counters-"));
const sandbox = createSandboxFactory();
after(() => {
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const code = `
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const leaf = "https://app.example.com/";
    switch (url.pathname) {
      case "/fan": {
        // Subrequests to its own route and a Durable Object's fetch.
        const answers = await Promise.all([fetch(leaf), fetch(leaf), env.C.get(env.C.idFromName("c")).fetch(leaf)]);
        return new Response("fan " + answers.length);
      }
      case "/later":
        ctx.waitUntil(fetch(leaf));
        return new Response("later");
      case "/timer":
        // A timer after the response, outside waitUntil: its fetch still belongs to the tree.
        setTimeout(() => { fetch(leaf).catch(() => {}); }, 50);
        return new Response("timer");
      case "/one":
        await fetch(leaf);
        return new Response("one");
      case "/hold": {
        // A tree that stays alive for 20 s: a timer each second, each round making 100
        // subrequests (50 of its own, each making one more, so no request of the tree comes near
        // its own subrequest limit), so its 11th round passes subrequestsPerTreeMax while other
        // trees come and go.
        let round = 0;
        const tick = () => {
          round++;
          Promise.all(Array.from({ length: 50 }, () => fetch("https://app.example.com/one")))
            .then(() => { if (round < 20) setTimeout(tick, 1000); }, () => {});
        };
        setTimeout(tick, 1000);
        return new Response("holding");
      }
      default: return new Response("ok");
    }
  },
};
export class C {
  fetch() { return new Response("c"); }
}`;

function world(paths: string[]): { world: World; storage: SqliteStorageProvider } {
  const parsed = parseScenario({
    seed: 5,
    world: { regions: ["us-east"] },
    worker: { name: "app", code, routes: ["app.example.com/*"], bindings: { C: { type: "durable_object", className: "C" } } },
    traffic: paths.map((path, i) => ({ atMs: i * 100, from: "us-east", method: "GET", url: `https://app.example.com${path}` })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const storage = new SqliteStorageProvider({ dir: join(dir, `run-${paths.length}`) });
  return { world: new World(parsed.value, { isolates: sandbox, objectStorage: storage }), storage };
}

test("300 client requests with subrequests, waitUntil work and timers: every tree's counters are freed when it ends, a live tree keeps counting", () => {
  const kinds = ["/fan", "/later", "/timer", "/"];
  const paths = ["/hold", ...Array.from({ length: 299 }, (_, i) => kinds[i % kinds.length]!)];
  const { world: w, storage } = world(paths);
  try {
    const counted = w.state.slices.subrequests;
    // 9.5 s in, about 95 trees have ended; the /hold tree is alive and has made 900 subrequests.
    w.runUntil(9_500);
    const root = w.trace.find((e) => e.kind === "request" && e.traffic === 0);
    assert.ok(root && root.kind === "request");
    assert.equal(counted.perTree.get(root.req), 900);
    assert.ok(counted.perTree.size <= 10, `trees counted 9.5 s in: ${counted.perTree.size} (only the live ones may be)`);
    assert.ok(counted.cpuMsPerTree.size <= 10, `trees with CPU counted 9.5 s in: ${counted.cpuMsPerTree.size}`);

    const result = w.run();
    assert.equal(result.stoppedBy, null);
    // Its 11th round went past the budget: refused by name, though 100 other trees had ended.
    const refusals = result.trace.filter((e) => e.kind === "limit" && e.limit === "subrequestsPerTreeMax");
    assert.equal(refusals.length, 1);
    assert.ok(refusals[0]!.kind === "limit" && refusals[0]!.message.includes(`subrequestsPerTreeMax (${limits.subrequestsPerTreeMax}) in the tree of request ${root.req}`), JSON.stringify(refusals[0]));
    assert.deepEqual(result.responses.map((r) => r?.status), paths.map(() => 200));
    // Every tree has ended: nothing is left counted for any of them.
    assert.equal(counted.perTree.size, 0);
    assert.equal(counted.cpuMsPerTree.size, 0);
    assert.equal(counted.refused.size, 0);
    assert.equal(w.state.slices.isolates.trees.size, 0);
  } finally {
    w.dispose();
    storage.closeAll();
  }
});
