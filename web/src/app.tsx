// The layout: top bar; editor and request panel on the left, diagrams on the right; the timeline
// along the bottom; the lesson panel at the side (collapsible). The side column is a list of
// panels, so another one (an Explore panel) can join it.
import { useEffect } from "react";
import { DiagramPanel } from "./diagrams/diagram-panel.tsx";
import { EditorPanel } from "./editor/editor-panel.tsx";
import { Dialogs } from "./panels/dialogs.tsx";
import { Notices } from "./panels/notices.tsx";
import { RequestPanel } from "./panels/request-panel.tsx";
import { SidePanel } from "./panels/side-panel.tsx";
import { TopBar } from "./panels/top-bar.tsx";
import { useApp } from "./store/use-app.ts";
import { Timeline } from "./timeline/timeline.tsx";

export function App() {
  const theme = useApp((s) => s.theme);
  const lessonPanelOpen = useApp((s) => s.lessonPanelOpen);
  const wideSide = useApp((s) => s.sideTab !== "lesson");
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  return (
    <div className={`app${lessonPanelOpen ? " with-side" : ""}${lessonPanelOpen && wideSide ? " wide-side" : ""}`}>
      <TopBar />
      <main className="work">
        <div className="left">
          <EditorPanel />
          <RequestPanel />
        </div>
        <DiagramPanel />
      </main>
      <div className="side"><SidePanel /></div>
      <Timeline />
      <Notices />
      <Dialogs />
    </div>
  );
}
