// The lesson format (lessons/README.md): what a lesson is once loaded, what a check receives and
// what it answers. The web app imports these types only; the live-session server calls the
// functions of server/lessons/index.ts. Metadata from lesson.md is validated here with zod, so a
// malformed lesson is reported with the field it got wrong.

import { z } from "zod";
import type { RunResult } from "../sim/world/result.ts";

export const lessonIdPattern = /^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/;

export const lessonLimits = {
  stepsPerLessonMax: 40,
  choicesPerQuestionMax: 8,
  lessonMarkdownBytesMax: 200_000,
  lessonMinutesMax: 60,
} as const;

/** The diagrams a step can point the learner at (the web issue's five live diagrams). */
export const diagramNames = ["world-map", "kv-replication", "do-lifecycle", "race", "cold-start", "route-trie"] as const;
export type DiagramName = (typeof diagramNames)[number];

export const frontMatterSchema = z.strictObject({
  id: z.string().regex(lessonIdPattern, "expected NN-slug (two digits, a dash, lower-case words)"),
  title: z.string().min(1).max(80),
  summary: z.string().min(1).max(300),
  minutes: z.number().int().min(1).max(lessonLimits.lessonMinutesMax),
});

const choiceQuestionSchema = z.strictObject({
  kind: z.literal("choice"),
  id: z.string().regex(/^[a-z0-9-]+$/, "expected lower-case letters, digits and dashes"),
  question: z.string().min(1),
  choices: z.array(z.string().min(1)).min(2).max(lessonLimits.choicesPerQuestionMax),
  /** The correct choice, exactly as written in `choices`. */
  answer: z.string().min(1),
  reveal: z.string().min(1, "a predict step needs a `### Reveal` section"),
}).refine((q) => q.choices.includes(q.answer), { message: "answer must be one of the choices", path: ["answer"] });

const freeQuestionSchema = z.strictObject({
  kind: z.literal("free"),
  id: z.string().regex(/^[a-z0-9-]+$/, "expected lower-case letters, digits and dashes"),
  question: z.string().min(1),
  /** The model answer shown in the reveal. */
  answer: z.string().min(1),
  /** Optional: a case-insensitive regular expression a correct answer matches. */
  accept: z.string().min(1).refine((s) => { try { new RegExp(s, "i"); return true; } catch { return false; } }, "not a valid regular expression").nullable(),
  reveal: z.string().min(1, "a predict step needs a `### Reveal` section"),
});

export const questionSchema = z.union([choiceQuestionSchema, freeQuestionSchema]);

export const stepSchema = z.strictObject({
  title: z.string().min(1).max(120),
  /** Markdown shown while the step is open. */
  body: z.string(),
  /** A predict-then-reveal question: answered before the world runs, then revealed. */
  predict: questionSchema.nullable(),
  /** Which diagram the step highlights. */
  diagram: z.enum(diagramNames).nullable(),
  /** Ids of the check's figures this step shows (CheckFigure.id), measured on the learner's run. */
  figures: z.array(z.string().regex(/^[a-z0-9-]+$/)),
});

export type Question = z.infer<typeof questionSchema>;
export type LessonStep = z.infer<typeof stepSchema>;
export type LessonFrontMatter = z.infer<typeof frontMatterSchema>;

/** A lesson as loaded from its folder. `scenario` is the scenario.json text with the learner's
 * code left as the `$LESSON_CODE` marker (see scenarioFor). */
export interface Lesson extends LessonFrontMatter {
  /** Position in the curriculum (the NN of the folder). */
  number: number;
  intro: string;
  steps: LessonStep[];
  starter: string;
  solution: string;
  scenario: unknown;
}

/** What the lesson index shows. */
export type LessonSummary = Pick<Lesson, "id" | "number" | "title" | "summary" | "minutes">;

/** A number taken from the learner's run, shown beside the design's figure where it has one. */
export interface CheckFigure {
  id: string;
  label: string;
  /** Measured or counted on this run; null when the run did not produce it. */
  value: number | null;
  unit: string;
  /** The design documents' figure, as text ("≈ 50 ms", "1–30 ms"), or null. */
  design: string | null;
  /** True when the value was measured on this machine (wall clock), false when it is the world's virtual time or a count. */
  measuredOnMachine: boolean;
}

/** A run as a check reads it. */
export interface LessonRun {
  result: RunResult;
  /** The learner's answers to predict steps, by question id. */
  predictions?: Record<string, string>;
  /** Optional figures the caller measured outside the trace (lesson 19 numbers, a lab's timings), by id. */
  measured?: Record<string, number>;
  /** Optional text a lab found outside the trace (a heap retainer path), by id. */
  notes?: Record<string, string>;
}

export interface CheckResult {
  pass: boolean;
  /** Points at the evidence in the trace: request ids, regions, versions, times. */
  hint: string;
  figures: CheckFigure[];
}

export type LessonCheck = (run: LessonRun) => CheckResult;

export type LessonErrorCode =
  | "unknown_lesson"
  | "lesson_file_missing"
  | "lesson_malformed"
  | "lesson_check_missing"
  | "lesson_scenario_invalid";

export interface LessonError {
  code: LessonErrorCode;
  /** The lesson and the field or file at fault, e.g. `08-lost-update/lesson.md: steps[2].predict.answer`. */
  path: string;
  message: string;
}
