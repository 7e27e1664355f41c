// The editor's chunk (Monaco, about 4 MB) is the slowest thing the page loads. Its download and
// parse start once, as the app starts, beside React's first render, instead of after the editor
// panel has mounted; the panel awaits the same promise.
type Setup = typeof import("./monaco-setup.ts");

let loading: Promise<Setup> | null = null;

export function loadMonaco(): Promise<Setup> {
  loading ??= import("./monaco-setup.ts");
  return loading;
}
