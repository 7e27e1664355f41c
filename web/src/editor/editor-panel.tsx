// The editor: one tab per worker's code and one for the scenario JSON. Monaco loads lazily
// (monaco-setup.ts); until it is there a skeleton holds its place, so the layout never jumps.
import { loadMonaco } from "./monaco-loader.ts";
import { editorMounted } from "../load-order.ts";
import { useEffect, useRef, useState } from "react";
import { useActions } from "../panels/actions-context.ts";
import { appStore, useApp } from "../store/use-app.ts";
import { envTypeSource } from "./env-types.ts";
import { RuntimeMarkers } from "./markers.ts";
import { bindingsOf } from "./scenario-files.ts";

type Setup = typeof import("./monaco-setup.ts");
type Editor = import("monaco-editor").editor.IStandaloneCodeEditor;

export function EditorPanel() {
  const actions = useActions();
  const files = useApp((s) => s.files);
  const activeFile = useApp((s) => s.activeFile);
  const dirty = useApp((s) => s.dirty);
  const openFile = useApp((s) => s.openFile);
  const names = Object.keys(files);
  return (
    <section className="panel editor-panel" aria-label="Editor">
      <div className="tabs" role="tablist" aria-label="Files">
        {names.map((name) => (
          <button key={name} role="tab" aria-selected={name === activeFile} className={name === activeFile ? "tab active" : "tab"} onClick={() => openFile(name)}>
            {name}{dirty.includes(name) ? " •" : ""}
          </button>
        ))}
        <span className="spacer" />
        <button className="small run-again" onClick={actions.runAgain} title="Run the scenario again from the start with this code" aria-label="Run the scenario again from the start with this code">↻ Run again</button>
      </div>
      <MonacoHost />
    </section>
  );
}

function MonacoHost() {
  const host = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    loadMonaco()
      .then((setup) => { if (!disposed && host.current) { cleanup = mount(setup, host.current); setReady(true); } })
      .catch((error: unknown) => setFailed(String(error)))
      .finally(editorMounted);
    return () => { disposed = true; cleanup(); };
  }, []);
  return (
    <div className="editor-host">
      <div ref={host} className="monaco" data-testid="monaco" />
      {!ready && <div className="skeleton editor-skeleton" aria-busy="true" aria-label="Loading the editor">{failed ? `The editor failed to load: ${failed}` : "Loading the editor…"}</div>}
    </div>
  );
}

/** Mounts Monaco and keeps its models and the store in step. Returns a cleanup. */
function mount(setup: Setup, element: HTMLElement): () => void {
  const { monaco } = setup;
  const models = new Map<string, import("monaco-editor").editor.ITextModel>();
  const modelFor = (name: string, text: string) => {
    let model = models.get(name);
    if (!model) {
      model = monaco.editor.createModel(text, name.endsWith(".json") ? "json" : "javascript", monaco.Uri.parse(`file:///${name}`));
      model.onDidChangeContent(() => appStore.getState().setFile(name, model!.getValue()));
      models.set(name, model);
    } else if (model.getValue() !== text) model.setValue(text);
    return model;
  };
  const editor: Editor = monaco.editor.create(element, {
    automaticLayout: true,
    minimap: { enabled: false },
    // The editor shares the screen with the world: long lines wrap instead of hiding.
    wordWrap: "on",
    fontSize: 13,
    scrollBeyondLastLine: false,
    theme: appStore.getState().theme === "dark" ? "vs-dark" : "vs",
    ariaLabel: "Code editor",
    // The editor panel is short: suggestions, hovers and signature help overflow it on top of
    // the page instead of being cut off at the panel's edge.
    fixedOverflowWidgets: true,
  });
  // For the browser tests: the editor and Monaco's API (markers), nothing secret.
  Object.assign(window, { __edgeEditor: editor, __edgeMonaco: monaco });
  void setup.useScenarioSchema();
  let lastEnvSource = "";
  const syncMarkers = markerSync(setup, models);
  const sync = () => {
    const s = appStore.getState();
    for (const [name, text] of Object.entries(s.files)) modelFor(name, text);
    for (const [name, model] of models) if (!(name in s.files)) { model.dispose(); models.delete(name); }
    const active = models.get(s.activeFile);
    if (active && editor.getModel() !== active) editor.setModel(active);
    // The typings follow the bindings and the classes the code declares (cheap: a few regexps).
    const [self, first] = Object.entries(bindingsOf(s.files))[0] ?? ["", {}];
    const envSource = envTypeSource(first, { files: s.files, self });
    if (envSource !== lastEnvSource) {
      lastEnvSource = envSource;
      setup.setEnvTypes(envSource);
    }
    monaco.editor.setTheme(s.theme === "dark" ? "vs-dark" : "vs");
  };
  sync();
  syncMarkers();
  const reveal = (at: NonNullable<ReturnType<typeof appStore.getState>["revealAt"]>) => {
    if (editor.getModel() !== models.get(at.file)) return;
    editor.revealLineInCenter(at.line);
    editor.setPosition({ lineNumber: at.line, column: at.column });
    editor.focus();
  };
  const unsubscribe = appStore.subscribe((s, prev) => {
    if (s.files !== prev.files || s.activeFile !== prev.activeFile || s.theme !== prev.theme) sync();
    if (s.revealAt !== prev.revealAt && s.revealAt !== null) reveal(s.revealAt);
    if (s.files !== prev.files || s.markers !== prev.markers || s.trace !== prev.trace) syncMarkers();
  });
  return () => { unsubscribe(); editor.dispose(); for (const m of models.values()) m.dispose(); };
}

/**
 * Puts the store's markers (load and deploy errors) and the trace's (uncaught exceptions, failed
 * loads) on the models; markers are set again only when they changed, not on every trace chunk.
 */
function markerSync(setup: Setup, models: Map<string, import("monaco-editor").editor.ITextModel>): () => void {
  const { monaco } = setup;
  const runtime = new RuntimeMarkers();
  let last = "";
  return () => {
    const s = appStore.getState();
    runtime.update(s.trace);
    const markers = [...s.markers, ...runtime.markers(s.files)];
    const key = JSON.stringify([markers, [...models.keys()]]);
    if (key === last) return;
    last = key;
    for (const [name, model] of models) {
      monaco.editor.setModelMarkers(model, "edge-playground", markers.filter((m) => m.file === name).map((m) => ({
        startLineNumber: m.line, endLineNumber: m.line, startColumn: m.column ?? 1, endColumn: model.getLineMaxColumn(Math.min(Math.max(1, m.line), model.getLineCount())),
        message: m.message, severity: m.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })));
    }
  };
}
