// Console output links to its line: a worker logs from its 12th line, the response's logs show
// the line with "app.js:12", and clicking it moves the editor's cursor there. Real Chromium,
// real server, real isolates (the source position comes from the isolate's stack).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

type AppWindow = {
  __edgeEditor: { getModel(): { setValue(v: string): void } | null; getPosition(): { lineNumber: number } | null; setPosition(p: { lineNumber: number; column: number }): void };
  __edgePlayground: { store: { getState(): { activeFile: string } } };
};

const code = `export default {
  async fetch(request) {
    const url = new URL(request.url);
    // Some lines, so the log is well below the cursor's start.
    const a = 1;
    const b = 2;
    const c = 3;
    const d = 4;
    const e = 5;
    const f = 6;
    const sum = a + b + c + d + e + f;
    console.log("summed", sum, "for", url.pathname);
    return new Response("sum " + sum);
  },
};
`;

test("a log line links to the line that printed it, and the link moves the editor there", async () => {
  const page = await app.open();
  await waitConnected(page);
  await page.waitForSelector(".monaco-editor .view-lines");
  await page.getByRole("tab", { name: "app.js" }).click().catch(() => undefined);
  await page.evaluate((text) => {
    const editor = (window as unknown as AppWindow).__edgeEditor;
    editor.getModel()!.setValue(text);
    editor.setPosition({ lineNumber: 1, column: 1 });
  }, code);
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  await page.waitForSelector('[data-testid="response-row"]'); // the newest response opens by itself
  const link = page.getByRole("button", { name: "Open app.js at line 12" });
  await link.waitFor();
  assert.match((await page.locator('[data-testid="log-lines"]').textContent()) ?? "", /\[(log|info)\] summed 21 for \/.*app\.js:12/);
  await link.click();
  await page.waitForFunction(() => (window as unknown as AppWindow).__edgeEditor.getPosition()?.lineNumber === 12);
  assert.equal(await page.evaluate(() => (window as unknown as AppWindow).__edgePlayground.store.getState().activeFile), "app.js");
  await screenshot(page, "log-link");
  await page.context().close();
});
