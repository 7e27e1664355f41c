// Faults injected from the UI, in real Chromium against the real server: a request from us-west
// is served there; "PoP down" on us-west from the Faults controls makes the next one fail with
// 502 (the PoP is still advertised until a health check withdraws it); Heal, and the next one
// is served by us-west again. The world's own trace shows the fault begin and end.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, useApp } from "./browser.ts";

const app = useApp();

/** The status cell of the newest response (the list shows the newest first). */
async function newestStatus(page: Page, count: number): Promise<string> {
  await page.waitForFunction((n) => document.querySelectorAll(".responses tbody tr[tabindex]").length >= n, count);
  return (await page.locator(".responses tbody tr[tabindex]").first().locator("td").nth(2).textContent()) ?? "";
}

test("a PoP taken down from the Faults controls fails the next request until it is healed", async () => {
  const page = await app.open();
  await page.waitForSelector(".monaco-editor .view-lines");
  await page.getByLabel("Region the request is sent from").selectOption("us-west");
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  assert.match(await newestStatus(page, 1), /200/);

  await page.locator(".fault-controls summary").click();
  await page.getByLabel("Fault kind").selectOption("pop_down");
  await page.getByLabel("Fault target region").selectOption("us-west");
  await page.getByRole("button", { name: "Inject the fault now" }).click();
  await page.waitForSelector(".fault-list li");
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  assert.match(await newestStatus(page, 2), /502/);
  await screenshot(page, "faults-pop-down");

  await page.getByRole("button", { name: /^Heal PoP down: us-west/ }).click();
  await page.waitForFunction(() => document.querySelectorAll(".fault-list li").length === 0);
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  assert.match(await newestStatus(page, 3), /200/);
  const faults = await page.evaluate(() => {
    const app = (window as unknown as { __edgePlayground: { store: { getState(): { trace: { kind: string; fault?: string; active?: boolean }[] } } } }).__edgePlayground;
    return app.store.getState().trace.filter((e) => e.kind === "fault").map((e) => `${e.fault}:${e.active}`);
  });
  assert.deepEqual(faults, ["pop_down:true", "pop_down:false"]);
  await page.context().close();
});
