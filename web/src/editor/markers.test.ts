// Checks where errors land in the editor: a load error's `file:line:column`, a failed isolate's
// line on its worker's tab, an uncaught exception at its traced source; errors of a version the
// learner has since replaced are dropped, duplicates are shown once, and the trace is read
// incrementally (and from the start again when it was replaced).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { TraceEntry } from "../../../server/protocol/index.ts";
import { markerFromError, RuntimeMarkers } from "./markers.ts";

const files = { "app.js": "x", "api.js": "y", "scenario.json": "{}" };

test("a load error names its file, line and column", () => {
  assert.deepEqual(markerFromError('worker "app" (v1) failed to load: compile_error at app.js:3:2: SyntaxError: Unexpected end of input', files),
    { file: "app.js", line: 3, column: 2, message: 'worker "app" (v1) failed to load: compile_error at app.js:3:2: SyntaxError: Unexpected end of input', severity: "error" });
  assert.equal(markerFromError('worker "api" (v2) failed to load: init_exception: TypeError: x', files)?.file, "api.js", "no position: the worker's tab, line 1");
  assert.equal(markerFromError("the connection closed", files), null);
});

const start: TraceEntry = { kind: "start", t: 0, seed: 1, options: { workers: ["app@v1", "api@v1"] } };
const thrown = (t: number, isolate: string, line: number): TraceEntry => ({ kind: "log", t, isolate, req: "r1", level: "error", message: "TypeError: boom", source: { file: "app.js", line, column: 5 } });

test("uncaught exceptions mark their line until a newer version is deployed", () => {
  const index = new RuntimeMarkers();
  const trace: TraceEntry[] = [start, thrown(1, "app@v1/us-west-pop#1", 4), thrown(2, "app@v1/eu-west-pop#1", 4), { kind: "isolate_load_failed", t: 3, isolate: "api@v1/us-west-pop#1", pop: "us-west-pop", code: "init_exception", message: "Error: bad", line: 7 }];
  index.update(trace);
  assert.deepEqual(index.markers(files), [
    { file: "app.js", line: 4, column: 5, message: "Uncaught TypeError: boom", severity: "error" },
    { file: "api.js", line: 7, column: 1, message: "init_exception: Error: bad", severity: "error" },
  ]);
  const later = [...trace, { kind: "deploy", t: 4, worker: "app", version: "v2", pop: "us-west-pop" } as TraceEntry];
  index.update(later);
  assert.deepEqual(index.markers(files).map((m) => m.file), ["api.js"], "v2 replaced the version that threw");
  index.update([...later, thrown(5, "app@v2/us-west-pop#2", 9)]);
  assert.deepEqual(index.markers(files).map((m) => `${m.file}:${m.line}`), ["api.js:7", "app.js:9"]);
  index.update([start]);
  assert.deepEqual(index.markers(files), [], "a replaced trace is read again");
});
