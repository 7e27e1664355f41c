// Loaded lazily (its own chunk): the Monaco editor, its workers, and the Workers typings from
// @cloudflare/workers-types, so the first paint never waits for 4 MB of editor. STYLE.md rule 8:
// this folder is the only importer of monaco-editor.
// The editor core and the features the playground offers (monaco-features.ts), with only the
// languages a worker project uses (JavaScript, TypeScript, JSON): the package's main entry
// registers some eighty languages and the CSS and HTML services that no worker project opens.
import "./monaco-features.ts";
import "monaco-editor/languages/definitions/javascript/register";
import "monaco-editor/languages/definitions/typescript/register";
import * as api from "monaco-editor/editor/editor.api";
import * as json from "monaco-editor/languages/features/json/register";
import * as typescript from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker.start?worker";
import JsonWorker from "monaco-editor/languages/features/json/json.worker?worker";
import TsWorker from "monaco-editor/languages/features/typescript/ts.worker?worker";
import { afterEditor } from "../load-order.ts";

const monaco = { ...api, json, typescript };
export type Monaco = typeof monaco;

declare global {
  interface Window { MonacoEnvironment?: { getWorker(id: string, label: string): Promise<Worker> } }
}

// The workers start once the editor shows (load-order.ts): the TypeScript one parses 7 MB of
// script, which on two cores competes with the editor's first frames. Typing never waits for
// them; diagnostics and completions follow a moment later.
window.MonacoEnvironment = {
  async getWorker(_id, label) {
    await afterEditor();
    if (label === "json") return new JsonWorker();
    if (label === "typescript" || label === "javascript") return new TsWorker();
    return new EditorWorker();
  },
};

const js = monaco.typescript.javascriptDefaults;
js.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ES2020,
  module: monaco.typescript.ModuleKind.ESNext,
  allowNonTsExtensions: true,
  checkJs: true,
  allowJs: true,
  lib: ["es2022"],
});
js.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });

/**
 * The Workers typings (630 KB of declarations) come in their own chunk, fetched once the editor
 * shows: the editor takes typing at once, and completions of `Request`, `env` and
 * `DurableObject` arrive a moment later instead of holding up the first keystroke.
 */
export const workersTypesLoaded: Promise<void> = afterEditor().then(() => import("@cloudflare/workers-types/index.d.ts?raw")).then(({ default: source }) => {
  js.addExtraLib(source, "file:///node_modules/@cloudflare/workers-types/index.d.ts");
});

let envLib: { dispose(): void } | null = null;

/** Replaces the generated `Env` typings (called when the scenario's bindings change). */
export function setEnvTypes(source: string): void {
  envLib?.dispose();
  envLib = js.addExtraLib(source, "file:///env.d.ts");
}

/** The scenario tab validates and completes against the scenario's JSON Schema (served by the server), once the editor shows. */
export async function useScenarioSchema(): Promise<void> {
  await afterEditor();
  try {
    const response = await fetch("/schema/scenario.json");
    if (!response.ok) return;
    const schema = (await response.json()) as object;
    monaco.json.jsonDefaults.setDiagnosticsOptions({ validate: true, allowComments: false, schemas: [{ uri: "edge-playground://scenario.schema.json", fileMatch: ["scenario.json"], schema }] });
  } catch {
    // Without the schema the tab still checks JSON syntax.
  }
}

export { monaco };
