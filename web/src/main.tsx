// Composition root of the web app: the store, the WebSocket client, the view index, persistence,
// playback and shortcuts are created here and wired together; nothing else happens here.
import { createRoot } from "react-dom/client";
import lessons from "virtual:lessons";
import { App } from "./app.tsx";
import { filesFromScenario } from "./editor/scenario-files.ts";
import { ActionsContext } from "./panels/actions-context.ts";
import { persist, restore } from "./persist.ts";
import { createActions } from "./protocol-client/actions.ts";
import { createExploreActions } from "./explore/explore-actions.ts";
import { createInstrumentsActions } from "./instruments/instruments-actions.ts";
import { ProtocolClient } from "./protocol-client/client.ts";
import { defaultScenario } from "./default-scenario.ts";
import { ViewIndex } from "./store/view-reducer.ts";
import { appStore } from "./store/use-app.ts";
import { installShortcuts } from "./keyboard.ts";
import { loadMonaco } from "./editor/monaco-loader.ts";
import { fitDraftToWorld } from "./panels/request-draft.ts";
import { startPlayback } from "./timeline/playback.ts";
import { rememberCursor, resumeCursor } from "./timeline/resume-cursor.ts";
import "./styles.css";

appStore.setState({ lessons, theme: matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light" });
if (!restore(appStore, localStorage)) appStore.getState().setFiles(filesFromScenario(defaultScenario), "app.js");
persist(appStore, localStorage);

// The view at the cursor, from the trace alone (checkpointed), recomputed when either moves.
const views = new ViewIndex([]);
appStore.subscribe((s, prev) => {
  if (s.trace === prev.trace && s.cursor === prev.cursor) return;
  if (s.trace.length < prev.trace.length || (s.trace !== prev.trace && s.trace[0] !== prev.trace[0])) views.truncate(s.trace, 0);
  else if (s.trace !== prev.trace && s.trace.length > 0 && prev.trace.length > 0 && s.trace[prev.trace.length - 1] !== prev.trace[prev.trace.length - 1]) views.truncate(s.trace, firstDifference(s.trace, prev.trace));
  views.setTrace(s.trace);
  s.setView(views.viewAt(s.cursor));
});

function firstDifference(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

// The request draft follows the world that loads (a lesson's regions and routes).
const worldShape = (scenario: { regions: readonly string[]; routes: readonly string[] } | null | undefined) => (scenario ? `${scenario.regions.join(",")} ${scenario.routes.join(",")}` : "");
appStore.subscribe((s, prev) => {
  const scenario = s.server?.scenario;
  // Only when the world's regions or routes change: an address the learner typed stays typed.
  if (!scenario || worldShape(scenario) === worldShape(prev.server?.scenario)) return;
  const patch = fitDraftToWorld(s.draft, scenario.regions, scenario.routes);
  if (Object.keys(patch).length > 0) s.setDraft(patch);
});

resumeCursor(appStore, sessionStorage);
rememberCursor(appStore, sessionStorage);

const client = new ProtocolClient(appStore, `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`, sessionStorage);
const actions = { ...createActions(appStore, client), ...createExploreActions(appStore, client), ...createInstrumentsActions(appStore, client) };
client.connect();
const share = /^#share=(.+)$/.exec(location.hash);
if (share) client.whenOpen(() => { history.replaceState(null, "", location.pathname); actions.openShare(share[1]!); });
else client.whenOpen(() => actions.loadProjectIfEmpty());

startPlayback(appStore, actions.continueLive);
installShortcuts(appStore, actions);

// For the browser tests and benchmarks: the store and the client (no secrets live in either).
Object.assign(window, { __edgePlayground: { store: appStore, client, actions } });

void loadMonaco().catch(() => {}); // the editor panel shows the error if it failed
createRoot(document.getElementById("root")!).render(
  <ActionsContext.Provider value={actions}><App /></ActionsContext.Provider>,
);
