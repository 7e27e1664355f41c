// Lesson 19, the interview walkthrough, walked to its export in real Chromium: the numbers the
// steps quote start unmeasured, "Run it" runs the lesson's scenario with the learner's code and
// fills them from this session; every phase's question is answered in the learner's words and
// revealed; Check passes; the exported Markdown holds the learner's world as Mermaid, the
// answers beside the model answers, and the session's numbers beside the design's.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { layoutProblems, screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

type AppWindow = {
  __edgePlayground: { store: { getState(): { files: Record<string, string>; dirty: string[] } } };
  __edgeEditor: { getModel(): { setValue(v: string): void } };
};

test("lesson 19: numbers measured by Run it, six phases answered, Check passes, the walkthrough exported", async () => {
  const page = await app.open();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await waitConnected(page);
  await page.getByRole("button", { name: "Open lesson Interview walkthrough" }).click();
  await page.waitForFunction(() => Object.keys((window as unknown as AppWindow).__edgePlayground.store.getState().files).length > 0);
  await page.waitForSelector(".monaco-editor .view-lines");

  // Step 2 quotes the route cache hit rate: not measured before the run.
  const next = page.getByRole("button", { name: "Next step" });
  await next.click();
  const figures = page.locator('[data-testid="step-figures"]');
  await figures.waitFor();
  assert.match((await figures.locator('tr[data-figure="route-cache-hit-rate"] td').first().textContent()) ?? "", /not measured yet/);

  const solution = readFileSync(new URL("../../lessons/19-interview/solution.js", import.meta.url), "utf8");
  await page.evaluate((code) => (window as unknown as AppWindow).__edgeEditor.getModel().setValue(code), solution);
  await page.getByRole("button", { name: /^Run it/ }).click();
  await page.waitForSelector('[data-testid="step-figures"] tr[data-figure="route-cache-hit-rate"].measured');
  const rate = (await figures.locator('tr[data-figure="route-cache-hit-rate"] td').first().textContent()) ?? "";
  assert.match(rate, /^\d+(\.\d+)? %$/, `the hit rate is a number from this run: ${rate}`);
  await screenshot(page, "walk-19-interview-1-measured");

  // Every phase: the learner's own words, then the reveal with the model answer.
  const answers: string[] = [];
  await page.getByRole("button", { name: "Previous step" }).click();
  for (let phase = 0; phase < 6; phase++) {
    await page.locator(".predict").waitFor();
    const answer = `My phase ${phase + 1} answer: <isolates> & "numbers"`;
    answers.push(answer);
    await page.getByLabel("Your prediction").fill(answer);
    await page.locator(".predict").getByRole("button", { name: "Reveal" }).click();
    await page.waitForSelector('[data-testid="reveal"]');
    assert.match((await page.locator('[data-testid="reveal"]').textContent()) ?? "", /Model answer: /);
    if (phase === 2) {
      // The deep dive quotes the cold start and the isolate's memory, both measured on this machine.
      const mb = (await figures.locator('tr[data-figure="isolate-mb"] td').first().textContent()) ?? "";
      assert.match(mb, /^\d+(\.\d+)? MB \(this machine\)$/, mb);
    }
    if (phase < 5) await next.click();
  }
  assert.deepEqual(await layoutProblems(page), []);
  await screenshot(page, "walk-19-interview-2-phases");

  await page.getByRole("button", { name: "Check my run" }).click();
  await page.waitForSelector('[data-testid="check-result"].pass');
  assert.match((await page.locator('[data-testid="check-result"]').textContent()) ?? "", /^Passed\. All 6 phases visited/);
  await screenshot(page, "walk-19-interview-3-passed");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this lesson as Markdown" }).click();
  const markdown = readFileSync(await (await download).path(), "utf8");
  assert.match(markdown, /^# 19\. Interview walkthrough/);
  assert.match(markdown, /\*\*Last check:\*\* passed/);
  assert.match(markdown, /```mermaid\n(flowchart|graph)/, "the learner's world as a Mermaid block");
  for (const answer of answers) assert.ok(markdown.includes(`**My answer:** ${answer.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}`), answer);
  assert.match(markdown, /\| route cache hit rate \| \d+(\.\d+)? % \| 95 %\+ \|/);
  assert.match(markdown, /## Every number from my session/);
  assert.doesNotMatch(markdown, /not measured yet/, "every number was measured in this session");
  assert.deepEqual(errors, []);
  await page.context().close();
});
