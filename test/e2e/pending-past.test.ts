// Going back to choose: in real Chromium against the real server, the lost-update lesson is
// stepped one event at a time; stepping back shows what was pending at that moment (not the
// present's list), and "run this next" there starts a branch at that step in which the chosen
// event runs next, while the trace before that step is unchanged.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

type Pending = { id: number; reorderable: boolean; label: string };
type State = { files: Record<string, string>; trace: { kind: string }[]; cursor: number; stepEnds: number[]; server: { atRest: boolean; step: number } | null; pending: Pending[]; branch: number; pendingHistory: { at(step: number): Pending[] | null } };
type AppWindow = { __edgePlayground: { store: { getState(): State } } };

const state = (page: Page) => page.evaluate(() => { const s = (window as unknown as AppWindow).__edgePlayground.store.getState(); return { traceLength: s.trace.length, cursor: s.cursor, step: s.server?.step ?? 0, atRest: s.server?.atRest ?? true, pending: s.pending, branch: s.branch }; });

async function stepAtHead(page: Page): Promise<void> {
  const { step } = await state(page);
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((n) => { const s = (window as unknown as AppWindow).__edgePlayground.store.getState().server; return s !== null && (s.step > n || s.atRest); }, step);
}

const shownLabels = (page: Page) => page.locator('[aria-label="Pending events"] li .label').allTextContents();

test("stepping back shows that moment's pending events, and running one next there branches at that step", async () => {
  const page = await app.open();
  await waitConnected(page);
  await page.getByRole("button", { name: "Open lesson The lost update" }).click();
  // The lesson's world has loaded when its code is in the editor (the answer that carries it
  // comes after the world is built) and its first trace chunk has arrived.
  await page.waitForFunction(() => { const s = (window as unknown as AppWindow).__edgePlayground.store.getState(); return s.files["app.js"]?.includes("COUNTS.get") && s.trace.length >= 1; });
  await page.locator(".timeline .position").click();
  // Step at the head one event at a time: the page keeps the pending list reported at each step.
  for (let i = 0; i < 60 && !(await state(page)).atRest; i++) await stepAtHead(page);
  // A moment to go back to: a step with an event that may run next, which is the last step to end
  // where it ends (so the cursor there shows its world and no later one's), two or more steps ago.
  const then = await page.evaluate(() => {
    const s = (window as unknown as AppWindow).__edgePlayground.store.getState();
    for (let k = s.stepEnds.length - 3; k >= 0; k--) {
      if (s.stepEnds[k + 1]! <= s.stepEnds[k]!) continue;
      const list = s.pendingHistory.at(k);
      const choice = list?.find((p) => p.reorderable);
      if (list && choice) return { step: k, cursor: s.stepEnds[k]!, labels: list.map((p) => p.label), chosen: choice.label };
    }
    return null;
  });
  assert.ok(then !== null, "the lesson's run, stepped one event at a time, offers a choice two or more steps back");
  const headBefore = await state(page);
  // Back to that moment: its own list, named by its step.
  await page.getByLabel("Scrub through the trace").fill(String(then.cursor));
  await page.waitForFunction((c) => (window as unknown as AppWindow).__edgePlayground.store.getState().cursor === c, then.cursor);
  await page.locator('[aria-label="Pending events"] h3', { hasText: `after step ${then.step}` }).waitFor();
  assert.deepEqual(await shownLabels(page), then.labels, "the pending list of that moment, not the present's");
  await screenshot(page, "pending-past-1-stepped-back");
  // Run that event next, from there.
  const chosen = then.chosen;
  const traceBefore = await page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().trace.map((e) => JSON.stringify(e)));
  await page.getByRole("button", { name: `Run this next: ${chosen}` }).click();
  await page.waitForFunction((b) => (window as unknown as AppWindow).__edgePlayground.store.getState().branch > b, headBefore.branch);
  // The branch puts the page's world at the branch step; the state that follows the new trace
  // moves it on (its trace and its state are separate messages, so wait for both).
  await page.waitForFunction((c) => { const s = (window as unknown as AppWindow).__edgePlayground.store.getState(); return s.trace.length > c.cursor && s.cursor === s.trace.length && (s.server?.step ?? 0) > c.step; }, then);
  const after = await page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().trace.map((e) => JSON.stringify(e)));
  assert.deepEqual(after.slice(0, then.cursor), traceBefore.slice(0, then.cursor), "the trace before the branch point is unchanged");
  const s = await state(page);
  assert.equal(s.step, then.step + 1, "the world branched at the step shown and ran one event");
  assert.ok(!(await shownLabels(page)).includes(chosen), "the chosen event ran");
  await screenshot(page, "pending-past-2-branched");
  await page.context().close();
});
