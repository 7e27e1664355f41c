// A newcomer's first session, in real Chromium against the real server and real isolates: open
// the app, edit the worker in Monaco, send requests from two regions and see both answers with
// their regions, step and step back, break the code and see the exception marked at its line;
// then the lost-update lesson: choose which pending event runs next, Check fails on the starter
// with the evidence, passes after the fix runs again; a reload resumes at the same event with
// the lesson open, and the share link opens the same project in a new tab. Every wait is for a
// condition (a loaded 2-core machine), screenshots go to test-output/e2e.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { layoutProblems, screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

type AppWindow = {
  __edgePlayground: { store: { getState(): { trace: unknown[]; cursor: number; server: { atRest: boolean; step: number } | null; pending: { id: number; reorderable: boolean; label: string }[]; files: Record<string, string>; openLessonId: string | null } } };
  __edgeEditor: { getModel(): { getValue(): string; setValue(v: string): void; uri: { path: string } } | null };
  monaco?: unknown;
};

const solution = readFileSync(new URL("../../lessons/08-lost-update/solution.js", import.meta.url), "utf8");

async function setEditorCode(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => (window as unknown as AppWindow).__edgeEditor.getModel()!.setValue(text), code);
}

const position = async (page: Page) => (await page.locator('[data-testid="position"]').textContent()) ?? "";
const cursorOf = (page: Page) => page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().cursor);
const traceLength = (page: Page) => page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().trace.length);

/** → at the head: the server runs one event (which may record nothing, like a health check). */
async function stepAtHead(page: Page): Promise<void> {
  const step = await page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().server?.step ?? 0);
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((n) => {
    const s = (window as unknown as AppWindow).__edgePlayground.store.getState().server;
    return s !== null && (s.step > n || s.atRest);
  }, step);
}

/** Moves keyboard focus off any field, so plain keys are shortcuts. */
async function focusTimeline(page: Page): Promise<void> {
  await page.locator(".timeline .position").click();
}

test("a newcomer edits, sends, steps, chooses, checks a lesson, reloads and shares", async () => {
  const page = await app.open();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await waitConnected(page);
  await page.waitForSelector(".monaco-editor .view-lines");
  await screenshot(page, "newcomer-1-open");

  // Edit the worker and send from two regions.
  const edited = (await page.evaluate(() => (window as unknown as AppWindow).__edgeEditor.getModel()!.getValue())).replace("return Response.json({ path: url.pathname, visits });", 'return Response.json({ path: url.pathname, visits, hello: "newcomer" });');
  assert.match(edited, /hello: "newcomer"/, "the default worker has the line the test edits");
  await setEditorCode(page, edited);
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  await page.waitForSelector('[data-testid="response-row"]');
  await page.getByLabel("Region the request is sent from").selectOption("eu-west");
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="response-row"]').length === 2);
  const servedBy = await page.locator('[data-testid="served-by"]').allTextContents();
  assert.deepEqual(servedBy.sort(), ["eu-west", "us-west"], "each request was served in its own region");
  assert.match((await page.locator('[data-testid="response-body"]').textContent()) ?? "", /"hello": "newcomer"/, "the edited code answered");
  await page.waitForSelector('.mermaid-view[data-diagram="world-map"][data-status="ready"]');
  await screenshot(page, "newcomer-2-sent");

  // Step forward (the server runs one event) and back (local, from the trace).
  await focusTimeline(page);
  const before = await traceLength(page);
  for (let i = 0; i < 20 && (await traceLength(page)) === before; i++) await stepAtHead(page);
  assert.ok((await traceLength(page)) > before, "stepping ran events that the trace records");
  const atHead = await cursorOf(page);
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction((n) => (window as unknown as AppWindow).__edgePlayground.store.getState().cursor < n, atHead);
  assert.ok((await cursorOf(page)) < atHead, "step back moved the cursor back");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((n) => (window as unknown as AppWindow).__edgePlayground.store.getState().cursor === n, atHead);

  // A runtime error is marked in the editor at the line that threw.
  const broken = edited.replace("const url = new URL(request.url);", "const url = new URL(request.url);\n    if (url.pathname === \"/boom\") null.boom;");
  await setEditorCode(page, broken);
  await page.getByLabel("Request URL").fill("https://app.example.com/boom");
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="response-row"]').length === 3);
  await page.waitForSelector(".monaco-editor .squiggly-error");
  const markerLine = await page.evaluate(() => {
    const w = window as unknown as { __edgeMonaco: { editor: { getModelMarkers(o: object): { startLineNumber: number; message: string }[] } } };
    return w.__edgeMonaco.editor.getModelMarkers({ owner: "edge-playground" }).map((m) => [m.startLineNumber, m.message]);
  });
  const throwingLine = broken.split("\n").findIndex((l) => l.includes("null.boom")) + 1;
  assert.deepEqual(markerLine.map((m) => m[0]), [throwingLine], `the exception is marked at line ${throwingLine}: ${JSON.stringify(markerLine)}`);
  assert.match(String(markerLine[0]![1]), /TypeError/);
  await screenshot(page, "newcomer-3-exception-marked");

  // The lost-update lesson: its starter and scenario load.
  await page.getByRole("button", { name: "Open lesson The lost update" }).click();
  await page.waitForFunction(() => (window as unknown as AppWindow).__edgePlayground.store.getState().files["app.js"]?.includes("COUNTS.get"));
  await page.waitForFunction(() => (window as unknown as AppWindow).__edgePlayground.store.getState().trace.length >= 1);
  await page.waitForSelector('[data-testid="lesson-step"]');
  assert.equal(await page.locator(".monaco-editor .squiggly-error").count(), 0, "the old version's error went away with the new run");

  // Step until a message in flight may run next (ahead of the events before it), then run it.
  await focusTimeline(page);
  let chosen: string | null = null;
  for (let i = 0; i < 60 && chosen === null; i++) {
    chosen = await page.evaluate(() => {
      const pending = (window as unknown as AppWindow).__edgePlayground.store.getState().pending;
      return pending.find((p, at) => p.reorderable && at > 0)?.label ?? null;
    });
    if (chosen === null) await stepAtHead(page);
  }
  assert.ok(chosen !== null, "the lesson's run offers a choice of what runs next");
  await screenshot(page, "newcomer-4-pending");
  await page.getByRole("button", { name: `Run this next: ${chosen}` }).click();
  await page.getByRole("button", { name: "Restore the original order" }).waitFor();
  await page.waitForFunction((label) => !(window as unknown as AppWindow).__edgePlayground.store.getState().pending.some((p) => p.label === label), chosen);

  // Check fails on the starter, with the evidence.
  await page.getByRole("button", { name: "Check my run" }).click();
  await page.waitForSelector('[data-testid="check-result"].fail');
  assert.match((await page.locator('[data-testid="check-result"]').textContent()) ?? "", /Not yet\..*lost/);
  await screenshot(page, "newcomer-5-check-fails");

  // The fix: the Durable Object version, run again from the start; Check passes.
  await setEditorCode(page, solution);
  await page.getByRole("button", { name: "Run the scenario again from the start with this code" }).click();
  // The new run replaced the one the check judged: its verdict is gone.
  await page.waitForFunction(() => document.querySelector('[data-testid="check-result"]') === null);
  await page.getByRole("button", { name: "Check my run" }).click();
  await page.waitForSelector('[data-testid="check-result"].pass');
  assert.match((await page.locator('[data-testid="check-result"]').textContent()) ?? "", /Passed\./);
  await screenshot(page, "newcomer-6-check-passes");

  // Step back a few events, then reload: the same event, the lesson open, the fixed code.
  await focusTimeline(page);
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  const lengthBefore = await traceLength(page);
  await page.waitForFunction((n) => (window as unknown as AppWindow).__edgePlayground.store.getState().cursor < n, lengthBefore);
  const positionBefore = await position(page);
  await page.waitForTimeout(600); // the workspace is saved 300 ms after the last change
  await page.reload();
  await waitConnected(page);
  await page.waitForFunction((n) => (window as unknown as AppWindow).__edgePlayground.store.getState().trace.length === n, lengthBefore);
  await page.waitForFunction((want) => document.querySelector('[data-testid="position"]')?.textContent === want, positionBefore);
  assert.equal(await page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().openLessonId), "08-lost-update");
  assert.match(await page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().files["app.js"] ?? ""), /idFromName/);
  await page.waitForSelector(".monaco-editor .view-lines");
  assert.deepEqual(await layoutProblems(page), []);
  await screenshot(page, "newcomer-7-reloaded");

  // Share: the link opens the same project (code, run, lesson) in a new tab.
  await page.getByRole("button", { name: "Share a link" }).click();
  const link = await page.locator("input.share-link").inputValue({ timeout: 60_000 });
  await page.waitForFunction(() => (document.querySelector("input.share-link") as HTMLInputElement | null)?.value.includes("#share="));
  const shareLink = await page.locator("input.share-link").inputValue();
  assert.match(shareLink || link, /#share=/);
  await screenshot(page, "newcomer-8-share");
  const tab = await page.context().newPage();
  tab.setDefaultTimeout(60_000);
  await tab.goto(shareLink);
  await waitConnected(tab);
  await tab.waitForFunction((n) => (window as unknown as AppWindow).__edgePlayground.store.getState().trace.length === n, lengthBefore);
  assert.match(await tab.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().files["app.js"] ?? ""), /idFromName/);
  assert.equal(await tab.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().openLessonId), "08-lost-update");
  await tab.waitForSelector(".monaco-editor .view-lines");
  await screenshot(tab, "newcomer-9-shared-tab");
  assert.deepEqual(errors, []);
  await page.context().close();
});
