// What the learner needs first is the editor: Mermaid (about 640 KB, and ~200 ms of main-thread
// work per render here) waits until the editor has mounted, so the two do not fight for the one
// main thread during page load. A timeout keeps a page without an editor from waiting forever.
let markReady: () => void = () => {};
const mounted = new Promise<void>((resolve) => { markReady = resolve; });

export function editorMounted(): void {
  markReady();
}

export function afterEditor(timeoutMs = 3_000): Promise<void> {
  return Promise.race([mounted, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
