declare module "virtual:lessons" {
  const lessons: import("./lessons/lesson-content.ts").LessonContent[];
  export default lessons;
}
