// Every lesson's check, by lesson id: one line per lesson. A lesson folder without an entry here
// fails to load with `lesson_check_missing`.

import type { LessonCheck } from "../server/lessons/types.ts";
import { check as coldStart } from "./02-cold-start/check.ts";
import { check as kvEventual } from "./07-kv-eventual/check.ts";
import { check as lostUpdate } from "./08-lost-update/check.ts";
import { check as hiddenClasses } from "./16-hidden-classes/check.ts";
import { check as memoryLeaks } from "./17-memory-leaks/check.ts";
import { check as runtimesCompared } from "./18-isolates-threads-processes/check.ts";

export const lessonChecks: Record<string, LessonCheck> = {
  "02-cold-start": coldStart,
  "07-kv-eventual": kvEventual,
  "08-lost-update": lostUpdate,
  "16-hidden-classes": hiddenClasses,
  "17-memory-leaks": memoryLeaks,
  "18-isolates-threads-processes": runtimesCompared,
};
