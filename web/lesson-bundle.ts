// A Vite plugin that bundles the lessons (lessons/NN-slug/) into the app at build time as the
// module `virtual:lessons`: their steps, starter and scenario, read with the lessons' own loader
// (server/lessons), so the browser never parses lesson files and never imports server code.
import type { Plugin } from "vite";
import { join } from "node:path";
import { defaultLessonsDir, listLessons, loadLesson } from "../server/lessons/index.ts";

const id = "virtual:lessons";
const resolved = `\0${id}`;

export function lessonBundle(): Plugin {
  return {
    name: "edge-playground-lessons",
    resolveId: (source) => (source === id ? resolved : null),
    load(source) {
      if (source !== resolved) return null;
      this.addWatchFile(defaultLessonsDir);
      const lessons = listLessons().flatMap((summary) => {
        const loaded = loadLesson(summary.id);
        // A malformed lesson is the lessons' tests to report; the app ships the others.
        if (!loaded.ok) { this.warn(`lesson ${summary.id} left out: ${loaded.error.path}: ${loaded.error.message}`); return []; }
        this.addWatchFile(join(defaultLessonsDir, summary.id, "lesson.md"));
        const { id: lessonId, number, title, summary: text, minutes, intro, steps, starter, scenario } = loaded.value;
        return [{ id: lessonId, number, title, summary: text, minutes, intro, steps, starter, scenario }];
      });
      return `export default ${JSON.stringify(lessons)};`;
    },
  };
}
