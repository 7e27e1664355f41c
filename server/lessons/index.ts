// The lessons' public surface: the live-session server calls these functions, the web app
// imports the types only.

export { listLessons, loadLesson, scenarioFor, lessonCodeMarker, defaultLessonsDir } from "./loader.ts";
export { runLessonCheck } from "./checks.ts";
export { parseLessonMarkdown } from "./markdown.ts";
export type {
  CheckFigure, CheckResult, DiagramName, Lesson, LessonCheck, LessonError, LessonErrorCode, LessonRun, LessonStep,
  LessonSummary, Question,
} from "./types.ts";
