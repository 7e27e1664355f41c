// A lesson as the app has it (bundled at build time by web/lesson-bundle.ts): the solution and
// the check stay on the server.
import type { Lesson } from "../../../server/lessons/types.ts";

export type LessonContent = Pick<Lesson, "id" | "number" | "title" | "summary" | "minutes" | "intro" | "steps" | "starter" | "scenario">;
