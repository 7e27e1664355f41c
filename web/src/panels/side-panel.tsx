// The side column: the lesson, the race explorer and V8's instruments, one at a time behind tabs.
import "./side-panel.css";
import { lazy, Suspense } from "react";
import { ExplorePanel } from "../explore/explore-panel.tsx";
import { LessonPanel } from "../lessons/lesson-panel.tsx";
import type { SideTab } from "../store/side-slice.ts";
import { useApp } from "../store/use-app.ts";

/** Heavy (charts, tables): loaded when its tab is first opened. */
const InstrumentsPanel = lazy(() => import("../instruments/instruments-panel.tsx"));

const tabs: { id: SideTab; label: string }[] = [
  { id: "lesson", label: "Lesson" },
  { id: "explore", label: "Explore" },
  { id: "instruments", label: "Instruments" },
];

export function SidePanel() {
  const open = useApp((s) => s.lessonPanelOpen);
  const tab = useApp((s) => s.sideTab);
  const show = useApp((s) => s.showSide);
  if (!open) return null;
  return (
    <div className="side-panel">
      <div className="tabs" role="tablist" aria-label="Side panels">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === tab} className={t.id === tab ? "tab active" : "tab"} onClick={() => show(t.id)}>{t.label}</button>
        ))}
      </div>
      <div className="side-body">
        {tab === "lesson" && <LessonPanel />}
        {tab === "explore" && <ExplorePanel />}
        {tab === "instruments" && <Suspense fallback={<p className="muted">Loading…</p>}><InstrumentsPanel /></Suspense>}
      </div>
    </div>
  );
}
