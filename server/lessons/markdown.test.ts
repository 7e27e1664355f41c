// Checks the lesson.md convention: front matter, steps split at `## `, the ```step and
// ```predict blocks, the `### Reveal` section, and that each malformed lesson is reported with
// the field at fault.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseLessonMarkdown } from "./markdown.ts";

const front = "---\nid: 01-hello\ntitle: Hello\nsummary: Say hello.\nminutes: 5\n---\n";
const predict = "```predict\nid: which-pop\nquestion: Which PoP answers?\nchoices:\n- us-west-pop\n- eu-west-pop\nanswer: us-west-pop\n```\n### Reveal\nThe nearest one.\n";

function errorOf(text: string) {
  const r = parseLessonMarkdown(text);
  assert.equal(r.ok, false);
  return r.ok ? null! : r.error;
}

test("a lesson parses into front matter, intro and steps with their question", () => {
  const r = parseLessonMarkdown(`${front}Intro text.\n\n## First\n\`\`\`step\ndiagram: world-map\nfigures: latency-p50, pop\n\`\`\`\nBody with \`code\`.\n\n\`\`\`js\n## not a heading inside code\n\`\`\`\n## Second\n${predict}`);
  assert.ok(r.ok, r.ok ? "" : r.error.message);
  assert.equal(r.value.frontMatter.minutes, 5);
  assert.equal(r.value.intro, "Intro text.");
  assert.equal(r.value.steps.length, 2);
  const [first, second] = r.value.steps;
  assert.equal(first!.diagram, "world-map");
  assert.deepEqual(first!.figures, ["latency-p50", "pop"]);
  assert.match(first!.body, /## not a heading inside code/);
  assert.equal(first!.predict, null);
  assert.deepEqual(second!.predict, { kind: "choice", id: "which-pop", question: "Which PoP answers?", choices: ["us-west-pop", "eu-west-pop"], answer: "us-west-pop", reveal: "The nearest one." });
});

test("a free-answer question keeps its accept pattern", () => {
  const r = parseLessonMarkdown(`${front}## Q\n\`\`\`predict\nid: ms\nquestion: How many ms?\nanswer: about 50\naccept: ^\\s*(4\\d|5\\d)\n\`\`\`\n### Reveal\nRouted.\n`);
  assert.ok(r.ok, r.ok ? "" : r.error.message);
  const q = r.value.steps[0]!.predict!;
  assert.equal(q.kind, "free");
  assert.equal(q.kind === "free" && new RegExp(q.accept!, "i").test("52"), true);
});

test("malformed lessons name the field at fault", () => {
  assert.equal(errorOf("no front matter").path, "front matter");
  assert.equal(errorOf(front.replace("minutes: 5", "minutes: five") + "## A\n" + predict).path, "front matter.minutes");
  assert.equal(errorOf(front.replace("id: 01-hello", "id: hello") + "## A\n" + predict).path, "front matter.id");
  assert.equal(errorOf(front + "## A\n" + predict.replace("answer: us-west-pop", "answer: sfo")).path, "steps[0].predict.answer");
  assert.equal(errorOf(front + "## A\n" + predict.replace(/### Reveal\nThe nearest one.\n/, "")).path, "steps[0].predict.reveal");
  assert.equal(errorOf(front + "## A\nJust text.\n").message, "a lesson needs at least one predict-then-reveal step");
  assert.equal(errorOf(front + "## A\n```step\ndiagram: nowhere\n```\n" + predict).path, "steps[0].diagram");
  assert.equal(errorOf(front + "## A\n```step\ncolour: red\n```\n" + predict).path, "steps[0].colour");
  assert.equal(errorOf(front + "## A\n" + predict + "## B\n" + predict).message, 'question id "which-pop" used twice');
  assert.equal(errorOf(front + "## A\nText\n### Reveal\nx\n## B\n" + predict).path, "steps[0].predict");
});
