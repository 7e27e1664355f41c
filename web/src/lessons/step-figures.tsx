// The numbers a lesson step talks about, from the learner's own run: each beside the design's
// figure, filled in when the run is measured (Check, or "Run it", which runs the lesson's
// scenario from the start with the editor's code and then measures it). Text only.
import { useActions } from "../panels/actions-context.ts";
import { useApp } from "../store/use-app.ts";
import { figureValueText, stepFigureRows } from "./figure-text.ts";

export function StepFigures({ ids }: { ids: readonly string[] }) {
  const actions = useActions();
  const checking = useApp((s) => s.checking);
  const measured = useApp((s) => (s.openLessonId ? s.progress[s.openLessonId]?.lastFigures : undefined));
  if (ids.length === 0) return null;
  const rows = stepFigureRows(ids, measured);
  const missing = rows.filter((r) => r.figure === null || r.figure.value === null).length;
  return (
    <div className="step-figures" data-testid="step-figures">
      <table>
        <caption>Your numbers</caption>
        <thead><tr><th scope="col">figure</th><th scope="col">your run</th><th scope="col">the design</th></tr></thead>
        <tbody>
          {rows.map(({ id, figure }) => (
            <tr key={id} data-figure={id} className={figure?.value == null ? "unmeasured" : "measured"}>
              <th scope="row">{figure?.label ?? id.replace(/-/g, " ")}</th>
              <td>{figure ? figureValueText(figure) : "not measured yet"}</td>
              <td>{figure?.design ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {missing > 0 && (
        <button className="small" onClick={actions.runAndMeasure} disabled={checking} aria-label="Run it: run the scenario from the start with this code and measure">
          {checking ? "Measuring…" : `Run it (${missing} not measured yet)`}
        </button>
      )}
    </div>
  );
}
