// The walkthrough export: every step with the learner's answer beside the model answer, the
// step's figures from the learner's run beside the design's, the world map as a Mermaid block
// once, and learner text that cannot turn into HTML.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CheckFigure } from "../../../server/lessons/types.ts";
import { walkthroughFileName, walkthroughMarkdown } from "./walkthrough-export.ts";

const step = (title: string, extra: Record<string, unknown> = {}) => ({ title, body: "", predict: null, diagram: null, figures: [] as string[], ...extra });
const lesson = {
  id: "19-interview", number: 19, title: "Interview walkthrough", summary: "Design an edge platform.",
  steps: [
    step("Requirements", { predict: { kind: "free", id: "requirements", question: "Which figures?", answer: "Density and cold start.", accept: null, reveal: "" } }),
    step("High level", { diagram: "world-map", figures: ["cold-start-ms"] }),
    step("Trade-offs", { diagram: "world-map", predict: { kind: "free", id: "trade-offs", question: "Where do carts live?", answer: "Durable Objects.", accept: null, reveal: "" } }),
  ],
} as never;
const figures: CheckFigure[] = [
  { id: "cold-start-ms", label: "cold start p50", value: 35.2412, unit: "ms", design: "1–2 ms create", measuredOnMachine: true },
  { id: "kv-stale", label: "KV stale window", value: null, unit: "ms", design: null, measuredOnMachine: false },
];

test("answers, model answers and the learner's numbers are in the export", () => {
  const md = walkthroughMarkdown({ lesson, progress: { stepIndex: 2, answers: { requirements: "<img src=x onerror=alert(1)> | many PoPs" }, revealed: [], passed: true, lastHint: "all 6 phases visited" }, figures, worldMap: "flowchart LR\n  a --> b" });
  assert.match(md, /^# 19\. Interview walkthrough\n/);
  assert.match(md, /\*\*My answer:\*\* &lt;img src=x onerror=alert\(1\)&gt; \| many PoPs/);
  assert.ok(!md.includes("<img"), "learner text never becomes HTML");
  assert.match(md, /\*\*Model answer:\*\* Density and cold start\./);
  assert.match(md, /\*\*My answer:\*\* _not answered_/);
  assert.match(md, /\| cold start p50 \| 35\.24 ms \(this machine\) \| 1–2 ms create \|/);
  assert.match(md, /\| KV stale window \| not measured yet \| – \|/);
  assert.equal(md.split("```mermaid").length - 1, 1, "the world map appears once, at the first world-map step");
  assert.match(md, /## High level\n\n\| figure[\s\S]*My world:\n\n```mermaid\nflowchart LR/);
  assert.match(md, /\*\*Last check:\*\* passed — all 6 phases visited/);
});

test("before any check or run the export still lists every step", () => {
  const md = walkthroughMarkdown({ lesson, progress: undefined, figures: [], worldMap: null });
  for (const title of ["Requirements", "High level", "Trade-offs"]) assert.match(md, new RegExp(`## ${title}`));
  assert.ok(!md.includes("```mermaid"));
  assert.ok(!md.includes("Every number"));
  assert.equal(walkthroughFileName("19-interview"), "19-interview-walkthrough.md");
});
