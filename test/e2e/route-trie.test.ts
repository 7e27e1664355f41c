// Lesson 5's route trie in real Chromium: the Routes diagram is drawn from the lesson's deployed
// routes, stepping through the run lights each lookup's path (a miss walks the trie; a hit
// lights only the answer) and the root counts the route cache's hits, all without re-rendering.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

type AppWindow = { __edgePlayground: { store: { getState(): { trace: { kind: string; cache?: string }[]; cursor: number; server: { step: number; scenario: { workers: { name: string }[] } | null } | null } } }; __mermaidRenders: Record<string, number> };
const state = (page: Page) => page.evaluate(() => {
  const s = (window as unknown as AppWindow).__edgePlayground.store.getState();
  return { routes: s.trace.slice(0, s.cursor).filter((e) => e.kind === "route").map((e) => e.cache), cursor: s.cursor, renders: (window as unknown as AppWindow).__mermaidRenders["route-trie"] ?? 0 };
});

test("lesson 5: the route trie lights each lookup's path and counts the cache's hits", async () => {
  const page = await app.open();
  await waitConnected(page);
  await page.getByRole("button", { name: "Open lesson Router" }).click();
  await page.waitForFunction(() => (window as unknown as AppWindow).__edgePlayground.store.getState().server?.scenario?.workers.some((w) => w.name === "api"));
  await page.getByRole("button", { name: "Show the route-trie diagram" }).first().click();
  await page.waitForSelector('.mermaid-view[data-diagram="route-trie"][data-status="ready"] svg [id*="flowchart-w1-"]');
  const labels = await page.locator('.mermaid-view[data-diagram="route-trie"] svg').textContent();
  for (const label of ["example.com", "/api", "worker site", "worker api", "api.workers.dev"]) assert.ok(labels?.includes(label), `${label} in ${labels}`);
  const rendersBefore = (await state(page)).renders;

  // Step until a miss and a hit have both been seen, checking what lights up at each lookup.
  let sawMiss = false, sawHit = false;
  for (let i = 0; i < 400 && !(sawMiss && sawHit); i++) {
    const before = await page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().server?.step ?? 0);
    await page.getByRole("button", { name: "Step (→)" }).click();
    // The step's answer comes over the WebSocket: read the state once the server has stepped.
    await page.waitForFunction((n) => ((window as unknown as AppWindow).__edgePlayground.store.getState().server?.step ?? 0) > n, before, { timeout: 30_000 });
    // Wait until the diagram shows the store's moment (trace chunks and the decoration's frame
    // come after the step's answer), then read what lit up at that same moment.
    const seen = await (await page.waitForFunction(() => {
      const st = (window as unknown as AppWindow).__edgePlayground.store.getState();
      const routes = st.trace.slice(0, st.cursor).filter((e) => e.kind === "route").map((e) => e.cache);
      if (routes.length === 0) return { last: null, lit: 0 };
      const want = `${routes.filter((c) => c === "hit").length}/${routes.length} hits`;
      const badges = [...document.querySelectorAll(".mermaid-view .live-overlay text.badge")].map((b) => b.textContent ?? "");
      if (!badges.some((b) => b.includes(want))) return false;
      return { last: routes.at(-1)!, lit: document.querySelectorAll('.mermaid-view svg g.node.live-lit[id*="flowchart-t"]').length };
    }, undefined, { timeout: 30_000 })).jsonValue() as { last: string | null; lit: number };
    const last = seen.last;
    if (last === null) continue;
    const litTrieNodes = seen.lit;
    if (last === "miss" && !sawMiss) { sawMiss = true; assert.ok(litTrieNodes >= 2, `a miss walks the trie: ${litTrieNodes} nodes lit`); await screenshot(page, "route-trie-miss"); }
    if (last === "hit" && !sawHit) { sawHit = true; assert.equal(litTrieNodes, 0, "a hit skips the trie"); await screenshot(page, "route-trie-hit"); }
  }
  assert.ok(sawMiss && sawHit, "the run had a route cache miss and a hit");
  assert.equal((await state(page)).renders, rendersBefore, "stepping changes classes, never the diagram's structure");
  await page.context().close();
});
