// Lessons that need a lab (server-side measurements in real isolates, see server/lessons/labs.ts),
// by lesson id. A lab runs before the check; lessons without one are checked on their run alone.
import type { LessonLab } from "../server/lessons/labs.ts";
import { lab as isolation } from "./04-isolation/lab.ts";
import { lab as hiddenClasses } from "./16-hidden-classes/lab.ts";
import { lab as memoryLeaks } from "./17-memory-leaks/lab.ts";
import { lab as runtimesCompared } from "./18-isolates-threads-processes/lab.ts";
import { lab as interview } from "./19-interview/lab.ts";

export const lessonLabs: Record<string, LessonLab> = {
  "04-isolation": isolation,
  "16-hidden-classes": hiddenClasses,
  "17-memory-leaks": memoryLeaks,
  "18-isolates-threads-processes": runtimesCompared,
  "19-interview": interview,
};
