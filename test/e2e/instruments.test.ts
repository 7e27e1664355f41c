// Lesson 17 walked with V8's instruments in real Chromium against the real server: open the
// lesson, turn instruments on, watch the heap chart climb across requests, take two snapshots,
// compare them and read the retainer path of what grew, profile a request as a flame chart, then
// run the fix and see Check pass. Screenshots under test-output/e2e/.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

type AppWindow = {
  __edgePlayground: { store: { getState(): { files: Record<string, string>; dirty: string[]; heapSamples: Record<string, { usedBytes: number }[]> } } };
  __edgeEditor: { getModel(): { setValue(v: string): void } };
};

async function send(page: Page, url: string): Promise<void> {
  const before = await page.locator('[data-testid="response-row"]').count();
  await page.getByLabel("Request URL").fill(url);
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="response-row"]').length > n, before);
}

test("lesson 17: the heap climbs, two snapshots name what grew and its path, a flame chart, then the fix passes", async () => {
  const page = await app.open();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await waitConnected(page);
  await page.getByRole("button", { name: "Open lesson Memory leaks" }).click();
  await page.waitForFunction(() => ((window as unknown as AppWindow).__edgePlayground.store.getState().files["profiles.js"] ?? "").length > 0);
  await page.getByRole("tab", { name: "Instruments" }).click();
  await page.getByLabel("Instruments on").check();
  await page.waitForSelector("text=Send a request");

  for (let i = 0; i < 4; i++) await send(page, `https://profiles.example.com/?user=u${i}`);
  await page.getByRole("button", { name: "Take snapshot" }).click();
  await page.waitForSelector(".snapshot-list li");
  for (let i = 4; i < 12; i++) await send(page, `https://profiles.example.com/?user=u${i}`);
  await page.waitForSelector(".heap-chart polyline");
  const used = await page.evaluate(() => Object.values((window as unknown as AppWindow).__edgePlayground.store.getState().heapSamples).flat().map((s) => s.usedBytes));
  // It climbs request by request; a collection between two requests shows as a drop.
  assert.ok(used.length >= 4 && Math.max(...used) > used[0]! + 100_000, `the heap climbs: ${used.join(", ")}`);
  await page.getByRole("button", { name: "Take snapshot" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".snapshot-list li").length === 2);
  await page.getByRole("button", { name: "Compare last two" }).click();
  await page.waitForSelector(".retainer-path code");
  const path = (await page.locator(".retainer-path code").textContent()) ?? "";
  assert.match(path, /rendered/, `the path names the Map that keeps the pages: ${path}`);
  await screenshot(page, "instruments-17-1-compared");

  await page.getByRole("button", { name: /Profile this request/ }).click();
  await page.waitForSelector(".flame .frame rect");
  assert.match((await page.locator(".profile").textContent()) ?? "", /Profiler overhead: .* \(×\d/);
  await page.locator(".flame .frame").first().click();
  await screenshot(page, "instruments-17-2-profile");

  const solution = readFileSync(new URL("../../lessons/17-memory-leaks/solution.js", import.meta.url), "utf8");
  await page.evaluate((code) => (window as unknown as AppWindow).__edgeEditor.getModel().setValue(code), solution);
  await page.getByRole("button", { name: "Run the scenario again from the start with this code" }).click();
  await page.waitForFunction(() => (window as unknown as AppWindow).__edgePlayground.store.getState().dirty.length === 0);
  await page.getByRole("tab", { name: "Lesson" }).click();
  await page.getByRole("button", { name: "Check my run" }).click();
  await page.waitForSelector('[data-testid="check-result"].pass', { timeout: 120_000 });
  await screenshot(page, "instruments-17-3-passed");
  assert.deepEqual(errors, []);
});
