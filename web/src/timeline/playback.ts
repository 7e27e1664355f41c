// Local replay: while playing behind the head, the cursor advances through the trace at the
// chosen speed on animation frames (no server round trip); at the head, live play continues on
// the server. Returns a stop function.
import type { AppStore } from "../store/index.ts";

export function startPlayback(store: AppStore, continueLive: () => void): () => void {
  let frame = 0;
  let last = 0;
  let carry = 0;
  const tick = (now: number) => {
    const s = store.getState();
    if (s.playing && s.cursor < s.trace.length) {
      const dt = last === 0 ? 16 : Math.min(100, now - last);
      carry += (s.speed * dt) / 1000;
      const advance = Math.floor(carry);
      if (advance > 0) { carry -= advance; s.seek(Math.min(s.trace.length, s.cursor + advance)); }
      if (store.getState().cursor >= s.trace.length) continueLive();
    } else carry = 0;
    last = now;
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(frame);
}
