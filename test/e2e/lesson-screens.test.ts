// Every lesson in real Chromium: open it from the lesson list, look at its first and its last
// step (screenshots saved as artifacts in test-output/e2e/lessons/), with nothing of the lesson
// panel cut off or spilling out of the viewport, and the world the lesson loads connected.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { listLessons } from "../../server/lessons/index.ts";
import { layoutProblems, screenshot, useApp } from "./browser.ts";

const app = useApp();

test("each lesson opens at its first step and walks to its last, laid out without overlap", async () => {
  const page = await app.open();
  await page.waitForSelector(".monaco-editor .view-lines");
  const lessons = listLessons();
  assert.ok(lessons.length >= 19, `${lessons.length} lessons`);
  for (const lesson of lessons) {
    await page.getByRole("button", { name: `Open lesson ${lesson.title}` }).click();
    await page.waitForSelector(`.lesson-steps h2:text-is(${JSON.stringify(lesson.title)})`);
    await page.waitForSelector('[data-testid="lesson-step"]');
    assert.deepEqual(await layoutProblems(page), [], `${lesson.id}, first step`);
    await screenshot(page, `lessons/${lesson.id}-first`);
    const next = page.getByRole("button", { name: "Next step" });
    while (await next.isEnabled()) await next.click();
    const counter = await page.locator(".step-nav span").textContent();
    assert.match(counter ?? "", /^Step (\d+) of \1$/, `${lesson.id} reached its last step`);
    assert.deepEqual(await layoutProblems(page), [], `${lesson.id}, last step`);
    await screenshot(page, `lessons/${lesson.id}-last`);
    await page.getByRole("button", { name: "All lessons" }).click();
  }
  await page.context().close();
});
