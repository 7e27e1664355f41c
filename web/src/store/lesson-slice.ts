// Lesson: the lessons (bundled at build time), which one is open, and the learner's progress in
// each (step, predictions answered and revealed, whether Check passed). Saved with the project.
import type { LessonProgress, LessonSlice, SliceCreator } from "./types.ts";

export function emptyProgress(): LessonProgress {
  return { stepIndex: 0, answers: {}, revealed: [], passed: false, lastHint: null };
}

export const createLessonSlice: SliceCreator<LessonSlice> = (set, get) => {
  const update = (patch: (p: LessonProgress) => Partial<LessonProgress>) => {
    const id = get().openLessonId;
    if (id === null) return;
    set((s) => {
      const current = s.progress[id] ?? emptyProgress();
      return { progress: { ...s.progress, [id]: { ...current, ...patch(current) } } };
    });
  };
  return {
    lessons: [],
    openLessonId: null,
    progress: {},
    checking: false,
    openLesson: (openLessonId) => set((s) => ({ openLessonId, progress: openLessonId === null || s.progress[openLessonId] ? s.progress : { ...s.progress, [openLessonId]: emptyProgress() } })),
    goToStep: (index) => {
      const lesson = get().lessons.find((l) => l.id === get().openLessonId);
      if (!lesson) return;
      update(() => ({ stepIndex: Math.max(0, Math.min(index, lesson.steps.length - 1)) }));
    },
    answer: (questionId, answer) => update((p) => ({ answers: { ...p.answers, [questionId]: answer } })),
    // A reveal needs an answer first: predict, then see.
    reveal: (questionId) => update((p) => (questionId in p.answers && !p.revealed.includes(questionId) ? { revealed: [...p.revealed, questionId] } : {})),
    setCheckResult: (lessonId, pass, hint, figures) =>
      set((s) => {
        const current = s.progress[lessonId] ?? emptyProgress();
        return { checking: false, progress: { ...s.progress, [lessonId]: { ...current, passed: current.passed || pass, lastHint: hint, lastPass: pass, ...(figures ? { lastFigures: figures } : {}) } } };
      }),
    clearCheckResult: (lessonId) =>
      set((s) => {
        const current = s.progress[lessonId];
        if (!current || current.lastHint === null) return {};
        const { lastPass: _dropped, ...rest } = current;
        return { progress: { ...s.progress, [lessonId]: { ...rest, lastHint: null } } };
      }),
    setChecking: (checking) => set({ checking }),
    setProgress: (progress) => set({ progress }),
  };
};
