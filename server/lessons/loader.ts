// Loads lessons from their folders (lessons/NN-slug/: lesson.md, starter.js, solution.js,
// scenario.json, check.ts). The folder order is the curriculum's order. Errors are values with
// a code and the path of the file or field at fault; nothing here throws on a bad lesson.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { err, ok, type Result } from "../sim/core/result.ts";
import { parseScenario, type Scenario } from "../sim/scenario.ts";
import { parseLessonMarkdown } from "./markdown.ts";
import { lessonIdPattern, type Lesson, type LessonError, type LessonSummary } from "./types.ts";
import { lessonChecks } from "../../lessons/registry.ts";

export const defaultLessonsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "lessons");

/** The string that stands for the learner's code in a lesson's scenario.json. */
export const lessonCodeMarker = "$LESSON_CODE";

const lessonFiles = ["lesson.md", "starter.js", "solution.js", "scenario.json", "check.ts"] as const;

export function lessonFolders(dir = defaultLessonsDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && lessonIdPattern.test(d.name))
    .map((d) => d.name)
    .sort();
}

/** Every lesson that loads, in curriculum order (a malformed one is left out; loadLesson names its fault). */
export function listLessons(dir = defaultLessonsDir): LessonSummary[] {
  return lessonFolders(dir).flatMap((id) => {
    const lesson = loadLesson(id, dir);
    if (!lesson.ok) return [];
    const { number, title, summary, minutes } = lesson.value;
    return [{ id, number, title, summary, minutes }];
  });
}

function malformed(id: string, file: string, field: string, message: string): { ok: false; error: LessonError } {
  return err({ code: "lesson_malformed", path: `${id}/${file}${field ? `: ${field}` : ""}`, message });
}

export function loadLesson(id: string, dir = defaultLessonsDir): Result<Lesson, LessonError> {
  if (typeof id !== "string" || !lessonFolders(dir).includes(id)) {
    return err({ code: "unknown_lesson", path: String(id), message: `no lesson "${String(id)}"` });
  }
  const folder = join(dir, id);
  const missing = lessonFiles.find((f) => !existsSync(join(folder, f)));
  if (missing) return err({ code: "lesson_file_missing", path: `${id}/${missing}`, message: `the lesson has no ${missing}` });
  const read = (f: (typeof lessonFiles)[number]) => readFileSync(join(folder, f), "utf8");
  const md = parseLessonMarkdown(read("lesson.md"));
  if (!md.ok) return malformed(id, "lesson.md", md.error.path, md.error.message);
  if (md.value.frontMatter.id !== id) return malformed(id, "lesson.md", "front matter.id", `must equal the folder name "${id}"`);
  let scenario: unknown;
  try {
    scenario = JSON.parse(read("scenario.json"));
  } catch (e) {
    return malformed(id, "scenario.json", "", `not valid JSON: ${(e as Error).message}`);
  }
  if (!JSON.stringify(scenario).includes(JSON.stringify(lessonCodeMarker))) {
    return malformed(id, "scenario.json", "", `no worker or deployment has "code": "${lessonCodeMarker}"`);
  }
  if (!lessonChecks[id]) return err({ code: "lesson_check_missing", path: `lessons/registry.ts`, message: `lesson "${id}" has no check in the registry` });
  const lesson: Lesson = {
    ...md.value.frontMatter,
    number: Number(id.slice(0, 2)),
    intro: md.value.intro,
    steps: md.value.steps,
    starter: read("starter.js"),
    solution: read("solution.js"),
    scenario,
  };
  const starterScenario = scenarioFor(lesson, lesson.starter);
  if (!starterScenario.ok) return starterScenario;
  return ok(lesson);
}

function substitute(value: unknown, code: string): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, code));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === "code" && v === lessonCodeMarker ? code : substitute(v, code);
  return out;
}

/** The lesson's scenario with the learner's code in every place the marker holds, validated. */
export function scenarioFor(lesson: Pick<Lesson, "id" | "scenario">, code: string): Result<Scenario, LessonError> {
  const parsed = parseScenario(substitute(lesson.scenario, code));
  if (parsed.ok) return parsed;
  return err({ code: "lesson_scenario_invalid", path: `${lesson.id}/scenario.json: ${parsed.error.path ?? ""}`, message: parsed.error.message });
}
