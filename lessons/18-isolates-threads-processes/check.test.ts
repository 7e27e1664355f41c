// Lesson 18's check on hand-made runs: answers are compared with the measured orders (whatever
// this machine measured) and with the design's "which fits" answers.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const measured = {
  cores: 2,
  "isolate-start-ms": 5, "worker_thread-start-ms": 120, "process-start-ms": 400,
  "isolate-memory-mb": 1, "worker_thread-memory-mb": 7, "process-memory-mb": 45,
  "isolate-round-trip-us": 2, "worker_thread-round-trip-us": 60, "process-round-trip-us": 500,
};
const order = ["isolate", "worker_thread", "process"];
const answers = (overrides: Record<string, unknown> = {}) => fakeRun([{ from: "us-east", url: "https://answers.example.com/answers", body: JSON.stringify({ startOrder: order, memoryOrder: order, roundTripOrder: order, perTenantCode: "isolate", cpuBoundJob: "worker_thread", ioBoundServing: "process", ...overrides }) }]);

test("answers that agree with the measurements pass", () => {
  const result = check({ result: answers(), measured });
  assert.equal(result.pass, true, result.hint);
  assert.equal(result.figures.find((f) => f.id === "worker-thread-start-ms")?.value, 120);
});

test("a wrong order is named with what was measured", () => {
  const result = check({ result: answers({ memoryOrder: ["worker_thread", "isolate", "process"] }), measured });
  assert.equal(result.pass, false);
  assert.match(result.hint, /memoryOrder: you said \["worker_thread","isolate","process"\], this machine measured isolate 1\.00 MB < worker_thread 7\.00 MB < process 45\.00 MB/);
});

test("the order follows the machine, not a fixed answer", () => {
  const odd = { ...measured, "worker_thread-round-trip-us": 900 };
  assert.equal(check({ result: answers(), measured: odd }).pass, false);
  assert.equal(check({ result: answers({ roundTripOrder: ["isolate", "process", "worker_thread"] }), measured: odd }).pass, true);
});

test("two figures within 1.5x of each other are a tie: either order passes, and nothing else does", () => {
  // Measured on this machine: a thread's round trip 160.2 µs, a process's 156.9 µs.
  const close = { ...measured, "worker_thread-round-trip-us": 160.2, "process-round-trip-us": 156.9 };
  assert.equal(check({ result: answers(), measured: close }).pass, true);
  assert.equal(check({ result: answers({ roundTripOrder: ["isolate", "process", "worker_thread"] }), measured: close }).pass, true);
  const isolateLast = check({ result: answers({ roundTripOrder: ["process", "worker_thread", "isolate"] }), measured: close });
  assert.equal(isolateLast.pass, false);
  assert.match(isolateLast.hint, /counts as a tie/);
  assert.equal(check({ result: answers({ roundTripOrder: ["isolate", "process", "process"] }), measured: close }).pass, false, "each runtime once");
});

test("a wrong fit is explained", () => {
  assert.match(check({ result: answers({ cpuBoundJob: "process" }), measured }).hint, /cpuBoundJob: "process" — the design's answer is worker_thread/);
});
