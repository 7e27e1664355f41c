// EventTarget, Event, AbortController and AbortSignal (the "events" chunk) inside a real
// isolate. AbortSignal.timeout runs on the runtime's timers; its virtual-clock behaviour is
// tested with the runtime (test/differential-programs.ts "/abort"): this harness has none.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWebIsolate } from "./test-harness.mts";

test("AbortController aborts once: onabort runs before listeners, the default reason is an AbortError", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const controller = new AbortController(); const seen = [];
      controller.signal.addEventListener("abort", () => seen.push("listener"));
      controller.signal.onabort = () => seen.push("onabort");
      controller.abort(); controller.abort("second");
      const reason = controller.signal.reason;
      return { seen, aborted: controller.signal.aborted, reason: [reason.name, reason.message, reason instanceof DOMException], custom: AbortSignal.abort(42).reason, noTimers: await errorOf(() => AbortSignal.timeout(5)), ctor: await errorOf(() => new AbortSignal()) };
    `) as Record<string, unknown>;
    assert.deepEqual(result.seen, ["onabort", "listener"]);
    assert.equal(result.aborted, true);
    assert.deepEqual(result.reason, ["AbortError", "The operation was aborted", true]);
    assert.equal(result.custom, 42);
    assert.match((result.noTimers as { message: string }).message, /no timers/);
    assert.equal((result.ctor as { name: string }).name, "TypeError");
  } finally {
    web.dispose();
  }
});

test("AbortSignal.any follows the first signal to abort; Request keeps its signal", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const a = new AbortController(), b = new AbortController();
      const any = AbortSignal.any([a.signal, b.signal]);
      const before = any.aborted; b.abort("b went"); 
      const request = new Request("https://a.com/", { signal: a.signal });
      return { before, after: any.aborted, reason: any.reason, same: request.signal === a.signal, fresh: new Request("https://a.com/").signal.aborted, bad: await errorOf(() => new Request("https://a.com/", { signal: {} })) };
    `) as Record<string, unknown>;
    assert.deepEqual({ ...result, bad: undefined }, { before: false, after: true, reason: "b went", same: true, fresh: false, bad: undefined });
    assert.equal((result.bad as { name: string }).name, "TypeError");
  } finally {
    web.dispose();
  }
});

test("EventTarget dispatches in order, honours once and removeEventListener; CustomEvent carries detail", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const target = new EventTarget(); const got = [];
      const listener = (e) => got.push(e.type + ":" + (e.detail ?? "-"));
      target.addEventListener("a", listener, { once: true });
      target.addEventListener("a", () => got.push("second"));
      target.dispatchEvent(new CustomEvent("a", { detail: 1 })); target.dispatchEvent(new CustomEvent("a", { detail: 2 }));
      target.addEventListener("c", (e) => e.preventDefault());
      const cancelled = !target.dispatchEvent(new Event("c", { cancelable: true }));
      return { got, cancelled, chunks: [] };
    `) as Record<string, unknown>;
    assert.deepEqual(result.got, ["a:1", "second", "second"]);
    assert.equal(result.cancelled, true);
    assert.deepEqual(web.chunkRequests, ["events"]);
  } finally {
    web.dispose();
  }
});
