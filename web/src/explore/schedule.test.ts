// Checks the Explore panel's pure helpers: the timeline opens a replayed schedule just after its
// first deviating event (stepEnds[s] is the trace after s steps; a choice at step s is step
// s + 1), the story and the kept traffic read as sentences, and the progress share is bounded.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { keptRequests, openingCursor, progressShare, scheduleStory } from "./schedule.ts";

test("a replay opens just after its first deviation", () => {
  const stepEnds = [3, 5, 9, 12, 20];
  assert.equal(openingCursor(stepEnds, 2, 25), 12, "the choice at step 2 is step 3, which ends at 12");
  assert.equal(openingCursor(stepEnds, null, 25), 25, "no choice: the end");
  assert.equal(openingCursor(stepEnds, 10, 25), 25, "past the known steps: the end");
});

test("the story and the kept traffic read as sentences", () => {
  const lines = scheduleStory({ choices: [{ step: 13, eventId: 40, identity: "x", label: "r2 reaches us-east-pop" }], kept: [0, 1], message: "m", history: null });
  assert.deepEqual(lines, [{ step: 13, text: "at step 14: r2 reaches us-east-pop, ahead of the default order" }]);
  assert.equal(keptRequests([0, 1], 4), "traffic entries 1 and 2 of 4");
  assert.equal(keptRequests([0, 2, 3], null), "traffic entries 1, 3 and 4");
  assert.equal(keptRequests([2], 3), "traffic entry 3 of 3");
});

test("the progress share is bounded", () => {
  assert.equal(progressShare(50, 200), 0.25);
  assert.equal(progressShare(500, 200), 1);
  assert.equal(progressShare(1, 0), 0);
});
