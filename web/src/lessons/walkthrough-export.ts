// A lesson walked, as Markdown for the learner's notes (lesson 19 promises it; every lesson can
// export): each step with the learner's answer beside the model answer, the figures the check
// measured on the learner's own run beside the design's, and the world map as a Mermaid block.
// Pure: the panel turns the text into a download.
import type { CheckFigure } from "../../../server/lessons/types.ts";
import type { LessonProgress } from "../store/types.ts";
import type { LessonContent } from "./lesson-content.ts";
import { figureValueText } from "./figure-text.ts";

export interface WalkthroughInput {
  lesson: Pick<LessonContent, "id" | "number" | "title" | "summary" | "steps">;
  progress: LessonProgress | undefined;
  /** The figures of the learner's last Check (empty before the first). */
  figures: readonly CheckFigure[];
  /** Mermaid text of the learner's world map, or null when no run is loaded. */
  worldMap: string | null;
}

/** Learner text becomes Markdown text, never markup: HTML's three characters are entities. */
function plain(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function cell(text: string): string {
  return plain(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function figureTable(figures: readonly CheckFigure[]): string[] {
  if (figures.length === 0) return [];
  return ["| figure | my session | the design |", "| --- | --- | --- |", ...figures.map((f) => `| ${cell(f.label)} | ${cell(figureValueText(f))} | ${cell(f.design ?? "–")} |`), ""];
}

export function walkthroughMarkdown({ lesson, progress, figures, worldMap }: WalkthroughInput): string {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const out = [`# ${lesson.number}. ${plain(lesson.title)}`, "", plain(lesson.summary), ""];
  if (progress?.lastHint) out.push(`**Last check:** ${progress.passed ? "passed" : "not passed yet"} — ${plain(progress.lastHint)}`, "");
  for (const step of lesson.steps) {
    out.push(`## ${plain(step.title)}`, "");
    if (step.predict) {
      const mine = progress?.answers[step.predict.id];
      out.push(`**Question:** ${plain(step.predict.question)}`, "");
      out.push(`**My answer:** ${mine === undefined ? "_not answered_" : plain(mine)}`, "");
      out.push(`**Model answer:** ${plain(step.predict.answer)}`, "");
    }
    out.push(...figureTable(step.figures.flatMap((id) => byId.get(id) ?? [])));
    if (step.diagram === "world-map" && worldMap !== null && step === lesson.steps.find((s) => s.diagram === "world-map")) {
      out.push("My world:", "", "```mermaid", worldMap, "```", "");
    }
  }
  if (figures.length > 0) out.push("## Every number from my session", "", ...figureTable(figures));
  return `${out.join("\n").trimEnd()}\n`;
}

/** The download's file name: `19-interview-walkthrough.md`. */
export function walkthroughFileName(lessonId: string): string {
  return `${lessonId.replace(/[^a-z0-9-]/gi, "")}-walkthrough.md`;
}
