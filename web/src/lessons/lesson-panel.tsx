// The lesson panel: the lessons with progress; an open lesson walks its steps, asks the
// predict-then-reveal questions before revealing, points at a diagram, and "Check" runs the
// lesson's check on the learner's current run. Lesson text is markdown rendered into React
// elements (markdown.ts), never HTML; hints and figures are text.
import { useState } from "react";
import { useActions } from "../panels/actions-context.ts";
import { useApp } from "../store/use-app.ts";
import type { DiagramId } from "../store/types.ts";
import { topologyOf } from "../diagrams/topology.ts";
import { worldMapText } from "../diagrams/world-map.ts";
import type { LessonContent } from "./lesson-content.ts";
import { walkthroughFileName, walkthroughMarkdown } from "./walkthrough-export.ts";
import { InlineMarkdown, LessonMarkdown } from "./markdown.ts";
import { StepFigures } from "./step-figures.tsx";
import "./lesson.css";

export function LessonPanel() {
  const open = useApp((s) => s.lessonPanelOpen);
  const lessonId = useApp((s) => s.openLessonId);
  const lesson = useApp((s) => s.lessons.find((l) => l.id === s.openLessonId) ?? null);
  if (!open) return null;
  return (
    <aside className="panel lesson-panel" aria-label="Lessons">
      {lessonId === null || lesson === null ? <LessonList /> : <LessonSteps lesson={lesson} />}
    </aside>
  );
}

function LessonList() {
  const actions = useActions();
  const lessons = useApp((s) => s.lessons);
  const progress = useApp((s) => s.progress);
  return (
    <div>
      <h2>Lessons</h2>
      <ol className="lesson-list">
        {lessons.map((l) => {
          const p = progress[l.id];
          return (
            <li key={l.id}>
              <button className="lesson-link" onClick={() => actions.openLesson(l.id)} aria-label={`Open lesson ${l.title}`}>
                <span className="title">{l.number}. {l.title}</span>
                <span className="muted">{l.minutes} min · {p?.passed ? "✓ done" : p ? `step ${p.stepIndex + 1} of ${l.steps.length}` : "not started"}</span>
              </button>
              <p className="summary">{l.summary}</p>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function LessonSteps({ lesson }: { lesson: LessonContent }) {
  const actions = useActions();
  const progress = useApp((s) => s.progress[lesson.id]);
  const goToStep = useApp((s) => s.goToStep);
  const close = useApp((s) => s.openLesson);
  const showDiagram = useApp((s) => s.showDiagram);
  const checking = useApp((s) => s.checking);
  const index = progress?.stepIndex ?? 0;
  const step = lesson.steps[index];
  return (
    <div className="lesson-steps">
      <button className="small" onClick={() => close(null)} aria-label="All lessons">← All lessons</button>
      <h2>{lesson.title}</h2>
      {index === 0 && <div className="intro"><LessonMarkdown text={lesson.intro} /></div>}
      <nav className="step-nav" aria-label="Lesson steps">
        <button onClick={() => goToStep(index - 1)} disabled={index === 0} aria-label="Previous step">←</button>
        <span>Step {index + 1} of {lesson.steps.length}</span>
        <button onClick={() => goToStep(index + 1)} disabled={index >= lesson.steps.length - 1} aria-label="Next step">→</button>
      </nav>
      {step && (
        <article className="step" data-testid="lesson-step">
          <h3>{step.title}</h3>
          {step.diagram && ["world-map", "kv-replication", "do-lifecycle", "race", "cold-start", "route-trie"].includes(step.diagram) && (
            <button className="small" onClick={() => showDiagram(step.diagram as DiagramId)}>Show the {step.diagram} diagram</button>
          )}
          {step.predict && <Predict key={step.predict.id} question={step.predict} />}
          <LessonMarkdown text={step.body} />
          <StepFigures ids={step.figures} />
        </article>
      )}
      <div className="check">
        <button className="primary" onClick={actions.checkLesson} disabled={checking} aria-label="Check my run">{checking ? "Checking…" : "Check"}</button>
        <ExportButton lesson={lesson} />
        {progress?.lastHint && <CheckResult pass={progress.lastPass ?? progress.passed} hint={progress.lastHint} />}
      </div>
    </div>
  );
}

/** Downloads the lesson as Markdown: the learner's answers, the model answers and their numbers. */
function ExportButton({ lesson }: { lesson: LessonContent }) {
  const progress = useApp((s) => s.progress[lesson.id]);
  const trace = useApp((s) => s.trace);
  const exportNotes = () => {
    const worldMap = trace.length > 0 ? worldMapText(topologyOf(trace)) : null;
    const text = walkthroughMarkdown({ lesson, progress, figures: progress?.lastFigures ?? [], worldMap });
    const url = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = walkthroughFileName(lesson.id);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return <button onClick={exportNotes} aria-label="Export this lesson as Markdown">Export as Markdown</button>;
}

function CheckResult({ pass, hint }: { pass: boolean; hint: string }) {
  return <p className={`check-result ${pass ? "pass" : "fail"}`} role="status" data-testid="check-result">{pass ? "Passed. " : "Not yet. "}{hint.charAt(0).toUpperCase() + hint.slice(1)}</p>;
}

type Question = NonNullable<LessonContent["steps"][number]["predict"]>;

function Predict({ question }: { question: Question }) {
  const progress = useApp((s) => (s.openLessonId ? s.progress[s.openLessonId] : undefined));
  const answer = useApp((s) => s.answer);
  const reveal = useApp((s) => s.reveal);
  const given = progress?.answers[question.id];
  const revealed = progress?.revealed.includes(question.id) ?? false;
  const [draft, setDraft] = useState(given ?? "");
  const correct = question.kind === "choice" ? given === question.answer : question.accept ? new RegExp(question.accept, "i").test(given ?? "") : null;
  return (
    <div className="predict" role="group" aria-label="Predict, then reveal">
      <p className="question"><strong>Predict:</strong> <InlineMarkdown text={question.question} /></p>
      {question.kind === "choice"
        ? question.choices.map((c) => (
          <label key={c} className="choice"><input type="radio" name={question.id} checked={given === c} disabled={revealed} onChange={() => answer(question.id, c)} /> <InlineMarkdown text={c} /></label>
        ))
        : <textarea value={draft} disabled={revealed} onChange={(e) => setDraft(e.target.value)} onBlur={() => draft.trim() && answer(question.id, draft)} aria-label="Your prediction" rows={2} />}
      {!revealed && <button onClick={() => { if (question.kind === "free" && draft.trim()) answer(question.id, draft); reveal(question.id); }} disabled={given === undefined && draft.trim() === ""}>Reveal</button>}
      {revealed && (
        <div className="reveal" data-testid="reveal">
          {correct !== null && <p className={correct ? "pass" : "fail"}>{correct ? "You predicted it." : `The answer: ${question.answer}`}</p>}
          {correct === null && <p className="model-answer"><strong>Model answer:</strong> <InlineMarkdown text={question.answer} /></p>}
          <LessonMarkdown text={question.reveal} />
        </div>
      )}
    </div>
  );
}
