// What the learner needs first is the editor. Whatever can wait (Mermaid: about 640 KB and
// ~200 ms of main-thread work per render here; Monaco's language workers, the TypeScript one a
// 7 MB script; the Workers typings; the scenario's schema) waits until the editor has mounted
// and the main thread is next idle, so its first frames and first keystrokes do not queue
// behind them on a machine with few cores. A timeout keeps a page without an editor from
// waiting forever.
let markReady: () => void = () => {};
const mounted = new Promise<void>((resolve) => { markReady = resolve; });

export function editorMounted(): void {
  markReady();
}

/** The next idle moment, or `timeoutMs` at most (Safari has no requestIdleCallback). */
function idle(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, Math.min(timeoutMs, 200));
  });
}

export function afterEditor(timeoutMs = 3_000): Promise<void> {
  return Promise.race([mounted.then(() => idle(1_000)), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
