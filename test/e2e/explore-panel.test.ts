// The Explore panel in real Chromium against the real server and real isolates: on lesson 8's
// KV counter the explorer finds the lost update, the shrunk story replays into the timeline and
// the history view marks the increment that cannot be linearized in red; on the Durable Object
// counter a learner's predicate that only a reordering breaks is found with one deviation, and
// "Replay this schedule" opens the timeline just after that deviation with the race view shown,
// and the history view numbers the linearization. Screenshots are saved in test-output/e2e.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { filesFromScenario } from "../../web/src/editor/scenario-files.ts";
import { layoutProblems, screenshot, useApp } from "./browser.ts";

const app = useApp();

type Snapshot = { cursor: number; stepEnds: number[]; traceLength: number; diagram: string; responses: { traffic: number | null; body: string }[]; result: { shrunk: { choices: { step: number }[] } | null } | null };

const appState = (page: Page) => page.evaluate(() => {
  const s = (window as unknown as { __edgePlayground: { store: { getState(): Record<string, unknown> } } }).__edgePlayground.store.getState() as unknown as Snapshot & { trace: unknown[]; exploreResult: Snapshot["result"] };
  return { cursor: s.cursor, stepEnds: s.stepEnds, traceLength: s.trace.length, diagram: s.diagram, responses: s.responses, result: s.exploreResult };
});

async function explore(page: Page, bound: number): Promise<void> {
  await page.getByLabel("Deviations per run (bound)").fill(String(bound));
  await page.getByRole("button", { name: "Explore the interleavings" }).click();
  await page.waitForSelector('[data-testid="explore-result"]');
}

test("lesson 8's KV counter: the lost update found, replayed, and its history marked illegal", async () => {
  const page = await app.open();
  await page.getByRole("button", { name: /Open lesson .*lost update/i }).click();
  await page.waitForFunction(() => (window as unknown as { __edgePlayground: { store: { getState(): { server: { lessonId: string | null } | null } } } }).__edgePlayground.store.getState().server?.lessonId === "08-lost-update");
  await page.getByRole("tab", { name: "Explore" }).click();
  await explore(page, 1);
  const result = page.getByTestId("explore-result");
  assert.match(await result.innerText(), /no-lost-update is broken/);
  assert.match(await result.innerText(), /increments were acknowledged but the counter ends at 1/);
  assert.match(await result.innerText(), /traffic entries 1 and 2 of 5/);
  await screenshot(page, "explore-kv-found");
  assert.deepEqual(await layoutProblems(page), []);

  await page.getByRole("button", { name: "Replay this schedule in the timeline" }).click();
  await page.waitForFunction(() => {
    const s = (window as unknown as { __edgePlayground: { store: { getState(): { responses: unknown[]; diagram: string } } } }).__edgePlayground.store.getState();
    return s.responses.length === 2 && s.diagram === "race";
  });
  const replayed = await appState(page);
  assert.deepEqual(replayed.responses.map((r) => r.body), ['{"count":1}', '{"count":1}'], "both kept increments answer 1: one was lost");
  const lessonName = await page.locator(".lesson-name").innerText();
  assert.match(lessonName, /lost update/i, "the lesson stays loaded after the replay");

  await page.getByRole("button", { name: "Check the requests as a counter" }).click();
  await page.waitForSelector('[data-testid="history-verdict"]');
  assert.match(await page.getByTestId("history-verdict").innerText(), /counter model: not linearizable · 2 operations/);
  const stuck = page.locator(".history-view .op.stuck");
  assert.equal(await stuck.count(), 1, "one increment cannot be linearized");
  assert.equal(await page.locator(".history-view .op.linearized").count(), 1);
  const fill = await stuck.locator("rect").evaluate((el) => getComputedStyle(el).stroke);
  assert.notEqual(fill, "", "the stuck operation is drawn");
  await stuck.hover();
  assert.match(await page.getByTestId("op-detail").innerText(), /state before: 1 — no state explains its answer/);
  await page.locator(".history-view .op.linearized").hover();
  assert.match(await page.getByTestId("op-detail").innerText(), /state 0 → 1/);
  await screenshot(page, "explore-kv-history");
  await page.context().close();
});

test("the DO counter: a predicate broken only by a reordering, replayed from its first deviation", async () => {
  const page = await app.open();
  const dir = new URL("../../lessons/08-lost-update/", import.meta.url);
  const scenario = JSON.parse(readFileSync(new URL("scenario.json", dir), "utf8"));
  scenario.worker.code = readFileSync(new URL("solution.js", dir), "utf8");
  scenario.traffic = ["us-east", "eu-west"].map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/inc" }));
  const files = filesFromScenario(scenario);
  await page.waitForFunction(() => (window as unknown as { __edgePlayground?: { store: { getState(): { connection: string } } } }).__edgePlayground?.store.getState().connection === "open");
  await page.evaluate((f) => (window as unknown as { __edgePlayground: { store: { getState(): { setFiles(f: object, a: string): void } } } }).__edgePlayground.store.getState().setFiles(f, "app.js"), files);
  await page.getByRole("button", { name: "Toggle the lesson panel" }).click();
  await page.getByRole("button", { name: "Toggle the lesson panel" }).click();
  await page.getByRole("tab", { name: "Explore" }).click();
  await page.getByLabel("Property").selectOption("predicate");
  await page.getByLabel("Predicate code").fill(`({ responses }) => responses.length < 2 || responses[0]?.body === '{"count":2}' || "r1 was counted first"`);
  await explore(page, 2);
  const text = await page.getByTestId("explore-result").innerText();
  assert.match(text, /predicate is broken/);
  assert.match(text, /r1 was counted first/);
  assert.match(text, /1 choice away from the default order/);
  await screenshot(page, "explore-do-found");

  await page.getByRole("button", { name: "Replay this schedule in the timeline" }).click();
  await page.waitForFunction(() => {
    const s = (window as unknown as { __edgePlayground: { store: { getState(): { responses: unknown[]; diagram: string; following: boolean } } } }).__edgePlayground.store.getState();
    return s.responses.length === 2 && s.diagram === "race" && !s.following;
  });
  const state = await appState(page);
  const choice = state.result!.shrunk!.choices[0]!;
  assert.equal(state.cursor, state.stepEnds[choice.step + 1], "the timeline opens just after the first deviating event");
  assert.ok(state.cursor < state.traceLength, "with the rest of the story ahead");
  assert.equal(state.responses.find((r) => r.traffic === 0)?.body, '{"count":1}', "the replayed order counts r1 first (the default counts r2 first)");
  await page.waitForSelector('.mermaid-view[data-diagram="race"][data-status="ready"]');
  await page.getByRole("button", { name: "Check the requests as a counter" }).click();
  await page.waitForSelector('[data-testid="history-verdict"]');
  assert.match(await page.getByTestId("history-verdict").innerText(), /counter model: linearizable · 2 operations/);
  assert.deepEqual(await page.locator(".history-view .op.linearized text").evaluateAll((els) => els.map((e) => (e.textContent ?? "").slice(0, 1)).sort()), ["1", "2"]);
  await screenshot(page, "explore-do-replayed");
  assert.deepEqual(await layoutProblems(page), []);
  await page.context().close();
});
