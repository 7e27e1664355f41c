// Two platform lessons walked end to end in real Chromium against the real server, as a learner
// does: open the lesson, step to its question and answer it before the reveal, run the lesson's
// fix from the editor and see Check pass; then inject a fault from the Faults controls and see
// the world take it; and export the walkthrough as Markdown (the download holds the answer and
// the passed check). Lesson 6 is anycast failover, lesson 12 migration of a Durable Object.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { layoutProblems, screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

type AppWindow = {
  __edgePlayground: { store: { getState(): { trace: { kind: string; fault?: string; active?: boolean }[]; files: Record<string, string>; openLessonId: string | null; dirty: string[] } } };
  __edgeEditor: { getModel(): { setValue(v: string): void } };
};

interface Walk {
  id: string;
  title: string;
  number: number;
  file: string;
  answer: string;
  fault: { kind: string; region: string; from: string };
}

const walks: Walk[] = [
  { id: "06-anycast", title: "Anycast and failover", number: 6, file: "shop.js", answer: "the us-east PoP, but only after the client retried past the 10 s health check", fault: { kind: "pop_down", region: "us-east", from: "us-east" } },
  { id: "12-migration", title: "Migration", number: 12, file: "bank.js", answer: "40: one deposit is applied twice", fault: { kind: "region_down", region: "eu-west", from: "eu-west" } },
];

async function answerTheQuestion(page: Page, answer: string): Promise<void> {
  for (let i = 0; i < 10 && (await page.locator(".predict").count()) === 0; i++) await page.getByRole("button", { name: "Next step" }).click();
  await page.locator(".predict label.choice", { hasText: answer }).locator("input").check();
  await page.locator(".predict").getByRole("button", { name: "Reveal" }).click();
  await page.waitForSelector('[data-testid="reveal"]');
  assert.match((await page.locator('[data-testid="reveal"]').textContent()) ?? "", /You predicted it\./);
}

for (const walk of walks) {
  test(`lesson ${walk.number}: predict, fix, Check passes, a fault from the UI, and the walkthrough exported`, async () => {
    const page = await app.open();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await waitConnected(page);
    await page.getByRole("button", { name: `Open lesson ${walk.title}` }).click();
    await page.waitForFunction((file) => ((window as unknown as AppWindow).__edgePlayground.store.getState().files[file] ?? "").length > 0, walk.file);
    await page.waitForSelector('[data-testid="lesson-step"]');
    await page.waitForSelector(".monaco-editor .view-lines");
    await screenshot(page, `walk-${walk.id}-1-opened`);

    await answerTheQuestion(page, walk.answer);
    await screenshot(page, `walk-${walk.id}-2-revealed`);

    // The lesson's fix, run again from the start; Check judges the new run.
    const solution = readFileSync(new URL(`../../lessons/${walk.id}/solution.js`, import.meta.url), "utf8");
    await page.evaluate((code) => (window as unknown as AppWindow).__edgeEditor.getModel().setValue(code), solution);
    await page.getByRole("button", { name: "Run the scenario again from the start with this code" }).click();
    // The edit marked the file changed; the new run's load marks it clean again.
    await page.waitForFunction(() => (window as unknown as AppWindow).__edgePlayground.store.getState().dirty.length === 0);
    await page.getByRole("button", { name: "Check my run" }).click();
    await page.waitForSelector('[data-testid="check-result"].pass');
    assert.match((await page.locator('[data-testid="check-result"]').textContent()) ?? "", /^Passed\./);
    assert.deepEqual(await layoutProblems(page), []);
    await screenshot(page, `walk-${walk.id}-3-passed`);

    // A fault from the Faults controls reaches the world: the trace records it, and a request
    // sent into it gets an answer (the platform routes around, or fails it, as the lesson says).
    const responsesBefore = await page.locator('[data-testid="response-row"]').count();
    await page.locator(".fault-controls summary").click();
    await page.getByLabel("Fault kind").selectOption(walk.fault.kind);
    await page.getByLabel("Fault target region").selectOption(walk.fault.region);
    await page.getByRole("button", { name: "Inject the fault now" }).click();
    await page.waitForSelector(".fault-list li");
    await page.waitForFunction((kind) => (window as unknown as AppWindow).__edgePlayground.store.getState().trace.some((e) => e.kind === "fault" && e.fault === kind && e.active === true), walk.fault.kind);
    await page.getByLabel("Region the request is sent from").selectOption(walk.fault.from);
    await page.getByRole("button", { name: /Deploy and send/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="response-row"]').length > n, responsesBefore);
    await screenshot(page, `walk-${walk.id}-4-fault`);

    // The walkthrough, downloaded as the learner would.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export this lesson as Markdown" }).click();
    const file = await (await download).path();
    const markdown = readFileSync(file, "utf8");
    assert.match(markdown, new RegExp(`^# ${walk.number}\\. ${walk.title}`));
    assert.ok(markdown.includes(`**My answer:** ${walk.answer.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}`), markdown.slice(0, 600));
    assert.match(markdown, /\*\*Last check:\*\* passed/);
    assert.equal((await download).suggestedFilename(), `${walk.id}-walkthrough.md`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
