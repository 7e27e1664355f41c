// Every lesson's check, by lesson id: one line per lesson. A lesson folder without an entry here
// fails to load with `lesson_check_missing`.

import type { LessonCheck } from "../server/lessons/types.ts";
import { check as lostUpdate } from "./08-lost-update/check.ts";

export const lessonChecks: Record<string, LessonCheck> = {
  "08-lost-update": lostUpdate,
};
