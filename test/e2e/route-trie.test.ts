// Lesson 5's route trie in real Chromium: the Routes diagram is drawn from the lesson's deployed
// routes, stepping through the run lights each lookup's path (a miss walks the trie; a hit
// lights only the answer) and the root counts the route cache's hits, all without re-rendering.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

type AppWindow = { __edgePlayground: { store: { getState(): { trace: { kind: string; cache?: string }[]; cursor: number; server: { scenario: { workers: { name: string }[] } | null } | null } } }; __mermaidRenders: Record<string, number> };
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
    await page.getByRole("button", { name: "Step (→)" }).click();
    const s = await state(page);
    const last = s.routes.at(-1);
    if (last === undefined) continue;
    const hits = s.routes.filter((c) => c === "hit").length;
    // The decoration follows the cursor on the next frame.
    await page.waitForFunction((want) => [...document.querySelectorAll(".mermaid-view .live-overlay text.badge")].some((b) => b.textContent?.includes(want)), `${hits}/${s.routes.length} hits`, { timeout: 5_000 });
    const litTrieNodes = await page.locator('.mermaid-view svg g.node.live-lit[id*="flowchart-t"]').count();
    if (last === "miss" && !sawMiss) { sawMiss = true; assert.ok(litTrieNodes >= 2, `a miss walks the trie: ${litTrieNodes} nodes lit`); await screenshot(page, "route-trie-miss"); }
    if (last === "hit" && !sawHit) { sawHit = true; assert.equal(litTrieNodes, 0, "a hit skips the trie"); await screenshot(page, "route-trie-hit"); }
  }
  assert.ok(sawMiss && sawHit, "the run had a route cache miss and a hit");
  assert.equal((await state(page)).renders, rendersBefore, "stepping changes classes, never the diagram's structure");
  await page.context().close();
});
