// Parses lesson.md (the convention is documented in lessons/README.md): front matter between
// `---` lines, an intro, then one `## ` section per step. A step may hold a ```step block
// (diagram, figures), a ```predict block (the question) and a `### Reveal` subsection. Pure:
// text in, a validated structure or an error naming the field out.

import { z } from "zod";
import { err, ok, type Result } from "../sim/core/result.ts";
import { frontMatterSchema, lessonLimits, stepSchema, type LessonFrontMatter, type LessonStep } from "./types.ts";

export interface ParsedLessonMarkdown {
  frontMatter: LessonFrontMatter;
  intro: string;
  steps: LessonStep[];
}

/** A field path (`steps[2].predict.answer`) and what is wrong with it. */
export interface MarkdownError {
  path: string;
  message: string;
}

type Fields = Record<string, string | string[]>;

/** `key: value` lines; a key with an empty value takes the `- item` lines that follow as a list. */
export function parseFields(text: string, where: string): Result<Fields, MarkdownError> {
  const fields: Fields = {};
  let listKey: string | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    if (line.trim() === "") continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey !== null) {
      (fields[listKey] as string[]).push(item[1]!.trim());
      continue;
    }
    const pair = /^([a-z][a-zA-Z0-9]*):\s*(.*)$/.exec(line);
    if (!pair) return err({ path: where, message: `expected "key: value", got "${line.trim()}"` });
    const [, key, value] = pair;
    if (key! in fields) return err({ path: `${where}.${key}`, message: "given twice" });
    if (value === "") {
      fields[key!] = [];
      listKey = key!;
    } else {
      fields[key!] = value!.trim();
      listKey = null;
    }
  }
  return ok(fields);
}

function zodPath(prefix: string, error: z.ZodError): MarkdownError {
  const issue = error.issues[0]!;
  const tail = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return { path: `${prefix}${tail}`, message: issue.message };
}

interface Fence {
  info: string;
  content: string;
}

/** Splits text into fenced blocks with the given info strings and the rest. */
function extractFences(text: string, infos: readonly string[]): { rest: string; fences: Fence[] } {
  const lines = text.split("\n");
  const rest: string[] = [];
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) {
      rest.push(lines[i]!);
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    const stop = end === -1 ? lines.length : end;
    if (infos.includes(open[1]!)) fences.push({ info: open[1]!, content: lines.slice(i + 1, stop).join("\n") });
    else rest.push(...lines.slice(i, stop + 1));
    i = stop;
  }
  return { rest: rest.join("\n"), fences };
}

/** Splits at `## ` headings that are not inside a fenced block. */
function splitSections(text: string, marker: RegExp): { head: string; sections: { title: string; text: string }[] } {
  const lines = text.split("\n");
  let inFence = false;
  let head: string[] = [];
  const sections: { title: string; lines: string[] }[] = [];
  for (const line of lines) {
    if (/^```/.test(line)) inFence = !inFence;
    const m = inFence ? null : marker.exec(line);
    if (m) sections.push({ title: m[1]!.trim(), lines: [] });
    else if (sections.length === 0) head.push(line);
    else sections[sections.length - 1]!.lines.push(line);
  }
  return { head: head.join("\n").trim(), sections: sections.map((s) => ({ title: s.title, text: s.lines.join("\n") })) };
}

function parseStep(title: string, text: string, where: string): Result<LessonStep, MarkdownError> {
  const { head: beforeReveal, sections } = splitSections(text, /^###\s+(Reveal)\s*$/);
  const reveal = sections.map((s) => s.text).join("\n").trim();
  const { rest, fences } = extractFences(beforeReveal, ["step", "predict"]);
  const stepFence = fences.filter((f) => f.info === "step");
  const predictFence = fences.filter((f) => f.info === "predict");
  if (stepFence.length > 1) return err({ path: `${where}.step`, message: "at most one ```step block per step" });
  if (predictFence.length > 1) return err({ path: `${where}.predict`, message: "at most one ```predict block per step" });
  const meta = stepFence[0] ? parseFields(stepFence[0].content, `${where}`) : ok({} as Fields);
  if (!meta.ok) return meta;
  const unknown = Object.keys(meta.value).find((k) => k !== "diagram" && k !== "figures");
  if (unknown) return err({ path: `${where}.${unknown}`, message: "unknown step field (expected diagram or figures)" });
  const figures = meta.value.figures;
  let predict: unknown = null;
  if (predictFence[0]) {
    const q = parseFields(predictFence[0].content, `${where}.predict`);
    if (!q.ok) return q;
    const hasChoices = "choices" in q.value;
    predict = hasChoices
      ? { kind: "choice", ...q.value, reveal }
      : { kind: "free", accept: null, ...q.value, reveal };
  } else if (reveal !== "") {
    return err({ path: `${where}.predict`, message: "a `### Reveal` section needs a ```predict block before it" });
  }
  const parsed = stepSchema.safeParse({
    title,
    body: rest.trim(),
    predict,
    diagram: typeof meta.value.diagram === "string" ? meta.value.diagram : null,
    figures: typeof figures === "string" ? figures.split(",").map((f) => f.trim()).filter(Boolean) : figures ?? [],
  });
  return parsed.success ? ok(parsed.data) : err(zodPath(where, parsed.error));
}

function parseFrontMatter(text: string): Result<{ frontMatter: LessonFrontMatter; rest: string }, MarkdownError> {
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!m) return err({ path: "front matter", message: "lesson.md must start with front matter between --- lines" });
  const fields = parseFields(m[1]!, "front matter");
  if (!fields.ok) return fields;
  const raw: Record<string, unknown> = { ...fields.value };
  if (typeof raw.minutes === "string" && /^\d+$/.test(raw.minutes)) raw.minutes = Number(raw.minutes);
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) return err(zodPath("front matter", parsed.error));
  return ok({ frontMatter: parsed.data, rest: text.slice(m[0].length) });
}

export function parseLessonMarkdown(source: string): Result<ParsedLessonMarkdown, MarkdownError> {
  const text = source.replace(/\r\n/g, "\n");
  if (text.length > lessonLimits.lessonMarkdownBytesMax) {
    return err({ path: "lesson.md", message: `larger than ${lessonLimits.lessonMarkdownBytesMax} bytes (lessonMarkdownBytesMax)` });
  }
  const front = parseFrontMatter(text);
  if (!front.ok) return front;
  const { head, sections } = splitSections(front.value.rest, /^##\s+(.+)$/);
  if (sections.length === 0) return err({ path: "steps", message: "expected at least one `## ` step" });
  if (sections.length > lessonLimits.stepsPerLessonMax) return err({ path: "steps", message: `at most ${lessonLimits.stepsPerLessonMax} steps (stepsPerLessonMax)` });
  const steps: LessonStep[] = [];
  for (const [i, s] of sections.entries()) {
    const step = parseStep(s.title, s.text, `steps[${i}]`);
    if (!step.ok) return step;
    steps.push(step.value);
  }
  if (!steps.some((s) => s.predict !== null)) return err({ path: "steps", message: "a lesson needs at least one predict-then-reveal step" });
  const ids = steps.flatMap((s) => (s.predict ? [s.predict.id] : []));
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) return err({ path: "steps", message: `question id "${dup}" used twice` });
  return ok({ frontMatter: front.value.frontMatter, intro: head, steps });
}
