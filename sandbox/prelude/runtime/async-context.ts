// The async context frame that AsyncLocalStorage's stores live in (node/async-hooks.ts). A
// delivery starts with no frame; a reply or timer resumes in the frame current when its call
// was made or the timer set, which is how the platform carries a store across a request's awaits.
import type { AsyncFrame } from "../node/async-hooks.ts";

let current: AsyncFrame | null = null;

export function currentAsyncFrame(): AsyncFrame | null {
  return current;
}

export function enterAsyncFrame(frame: AsyncFrame | null): void {
  current = frame;
}
