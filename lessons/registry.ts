// Every lesson's check, by lesson id: one line per lesson. A lesson folder without an entry here
// fails to load with `lesson_check_missing`.

import type { LessonCheck } from "../server/lessons/types.ts";
import { check as helloIsolate } from "./01-hello-isolate/check.ts";
import { check as coldStart } from "./02-cold-start/check.ts";
import { check as limits } from "./03-limits/check.ts";
import { check as isolation } from "./04-isolation/check.ts";
import { check as router } from "./05-router/check.ts";
import { check as anycast } from "./06-anycast/check.ts";
import { check as kvEventual } from "./07-kv-eventual/check.ts";
import { check as lostUpdate } from "./08-lost-update/check.ts";
import { check as oneObject } from "./09-one-object/check.ts";
import { check as sqlite } from "./10-sqlite/check.ts";
import { check as hibernation } from "./11-hibernation/check.ts";
import { check as migration } from "./12-migration/check.ts";
import { check as rollout } from "./13-rollout/check.ts";
import { check as rateLimiter } from "./14-rate-limiter/check.ts";
import { check as tradeoffs } from "./15-tradeoffs/check.ts";
import { check as hiddenClasses } from "./16-hidden-classes/check.ts";
import { check as memoryLeaks } from "./17-memory-leaks/check.ts";
import { check as runtimesCompared } from "./18-isolates-threads-processes/check.ts";
import { check as interview } from "./19-interview/check.ts";

export const lessonChecks: Record<string, LessonCheck> = {
  "01-hello-isolate": helloIsolate,
  "02-cold-start": coldStart,
  "03-limits": limits,
  "04-isolation": isolation,
  "05-router": router,
  "06-anycast": anycast,
  "07-kv-eventual": kvEventual,
  "08-lost-update": lostUpdate,
  "09-one-object": oneObject,
  "10-sqlite": sqlite,
  "11-hibernation": hibernation,
  "12-migration": migration,
  "13-rollout": rollout,
  "14-rate-limiter": rateLimiter,
  "15-tradeoffs": tradeoffs,
  "16-hidden-classes": hiddenClasses,
  "17-memory-leaks": memoryLeaks,
  "18-isolates-threads-processes": runtimesCompared,
  "19-interview": interview,
};

