// Loaded into every test process (scripts/run-tests.mjs). isolated-vm asserts, and aborts the
// process, when one of its handles (a Reference, an ExternalCopy, a script) is finalized while
// Node tears the process down: measured here, about one exit in eight of a file that ran a
// request. Collecting garbage while the event loop is still alive finalizes them in time. The
// world process does not need this: its supervisor ends it with a signal.
process.on("beforeExit", () => {
  if (typeof globalThis.gc === "function") globalThis.gc();
});
