// The world process: the simulation and the isolates it drives, in one child process so that
// delivering an event to an isolate is a synchronous in-process call. It hosts live sessions
// (session-host.ts) and runs whole scenarios; it runs the pool's commands one at a time, in the
// order they came (the next one already waits here), and the pool restarts it if V8 takes it down.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createSandboxFactory } from "../../sandbox/index.ts";
import { parseScenario } from "../sim/scenario.ts";
import { performance } from "node:perf_hooks";
import { BeaconWriter } from "./beacon.ts";
import { flushBeaconOnEntry } from "./beacon-isolates.ts";
import { frame, unframe } from "./ipc-frame.ts";
import { ipcLimits, type WorldReply, type WorldRequest } from "./ipc-protocol.ts";
import { runScenario } from "./run-scenario.ts";
import { ExploreHost } from "./explore-host.ts";
import { HostError, SessionHost } from "./session-host.ts";
import { sessionBudgetsOf, type SessionBudgets } from "../protocol/limits.ts";
import { ShadowHost } from "./shadow-host.ts";
import { compareRuntimes } from "../../sandbox/instruments/runtimes-compared.ts";

const sandbox = createSandboxFactory();
sandbox.warmUp();
const sessionsRoot = process.env.WORLD_SESSIONS_DIR ?? join(process.cwd(), "data", "sessions");
mkdirSync(sessionsRoot, { recursive: true });
const beacon = process.env.WORLD_BEACON_PATH ? new BeaconWriter(process.env.WORLD_BEACON_PATH) : null;
const ipcBytesMax = Number(process.env.WORLD_IPC_MESSAGE_BYTES_MAX ?? ipcLimits.ipcMessageBytesMax);
// The session budgets the gateway was started with (lowered ones only; see sessionBudgetsOf).
const budgets = sessionBudgetsOf(JSON.parse(process.env.WORLD_SESSION_BUDGETS ?? "{}") as Partial<SessionBudgets>);
const host = new SessionHost(beacon === null ? sandbox : flushBeaconOnEntry(sandbox, beacon), sessionsRoot, beacon, ipcBytesMax, budgets);
const explorations = new ExploreHost(sandbox);
const shadows = new ShadowHost();

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; path?: string; limit?: string } };

function handle(request: WorldRequest): Answer | Promise<Answer> {
  switch (request.type) {
    case "ping":
      return { ok: true, value: { pid: process.pid, sessions: host.size } };
    case "crash":
      return process.abort();
    case "run_scenario": {
      const parsed = parseScenario(request.scenario);
      if (!parsed.ok) return { ok: false, error: { code: "invalid_scenario", message: parsed.error.message } };
      const run = runScenario(parsed.value, request.seed ?? parsed.value.seed, sandbox);
      if (!run.ok) return { ok: false, error: { code: run.code, message: run.message } };
      return { ok: true, value: run.result };
    }
    case "session_open":
      return { ok: true, value: host.open(request.sessionId, request.spec, request.toStep, request.nowMs, request.traceFrom) };
    case "session_act":
      return { ok: true, value: host.act(request.sessionId, request.action, request.heapSamples) };
    case "session_run":
      return { ok: true, value: host.run(request.sessionId, request.goal, request.withPending, request.heapSamples) };
    case "session_flush":
      return { ok: true, value: host.flush(request.sessionId, request.withPending) };
    case "session_close":
      host.close(request.sessionId);
      return { ok: true, value: null };
    case "explore_start":
      explorations.start(request.exploreId, request.scenario, request.seed, request.property, request.options);
      return { ok: true, value: null };
    case "explore_slice":
      return { ok: true, value: explorations.slice(request.exploreId, request.msMax) };
    case "explore_cancel":
      return { ok: true, value: explorations.cancel(request.exploreId) };
    case "instrument_profile":
      return shadows.profile(request.spec, request.toStep, request.request, request.repetitions, request.fileStem).then((value) => ({ ok: true, value }));
    case "instrument_snapshot":
      return shadows.snapshot(request.spec, request.toStep, request.worker, request.fileStem).then((value) => ({ ok: true, value }));
    case "instrument_compare":
      return shadows.compare(request.spec, request.fromStep, request.toStep, request.worker).then((value) => ({ ok: true, value }));
    case "runtimes_compared":
      return compareRuntimes().then((value) => ({ ok: true, value }));
  }
}

// Commands run one after another, in the order they came: the gateway keeps the next one waiting
// here (inFlightCommandsMax), and an asynchronous one (the instruments wait for V8's profiler
// and inspector) never interleaves with another. Answers go back in the same order.
let previous: Promise<void> = Promise.resolve();
process.on("message", (data: unknown) => {
  previous = previous.then(() => answerMessage(data)).catch((error: unknown) => console.error("world process error:", error));
});

async function answerMessage(data: unknown): Promise<void> {
  // From when it starts, not when it arrived: a command waiting behind another is not charged for it.
  const startMs = performance.now();
  const message = unframe<{ id: number; message: WorldRequest }>(data);
  let answer: Answer;
  try {
    answer = await handle(message.message);
  } catch (error) {
    if (error instanceof HostError) {
      answer = { ok: false, error: { code: error.code, message: error.message, ...(error.path === undefined ? {} : { path: error.path }), ...(error.limit === undefined ? {} : { limit: error.limit }) } };
    }
    // A bug in the world: the client gets a code, never the host's stack or paths.
    else {
      console.error("world process error:", error);
      answer = { ok: false, error: { code: "internal", message: "the world failed on this command (a bug); the server logged it" } };
    }
  }
  const ms = performance.now() - startMs;
  let framed = frame({ id: message.id, ...answer, ms } satisfies WorldReply, ipcBytesMax);
  // An answer over the bound is not sent: the gateway gets a refusal that names it instead.
  if (!framed.ok) framed = frame({ id: message.id, ok: false, error: { code: framed.code, message: framed.message.replace("a message to the world process", "the world process's answer"), limit: framed.limit }, ms } satisfies WorldReply, ipcBytesMax);
  if (framed.ok) process.send?.(framed.frame);
}
// The pool starts its watchdog only once the process is ready: booting (loading the code,
// warming the isolate pool) can take seconds on a busy machine, and is not a command's fault.
process.send?.({ ready: true });
process.on("disconnect", () => {
  host.closeAll();
  explorations.closeAll();
  shadows.dispose();
  // isolated-vm aborts the process when its handles are finalized during exit (about one exit
  // in eight measured); collecting them first makes a closed session exit with 0.
  (globalThis as { gc?: () => void }).gc?.();
  process.exit(0);
});
