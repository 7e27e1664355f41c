// V8's instruments as a session uses them. Heap statistics arrive with every world answer and
// stream to the client while instruments are on. A CPU profile, a heap snapshot and a comparison
// are world commands that replay the session's description in a shadow world of the same
// process (server/world/shadow-host.ts): the learner's own world, trace and CPU budget are
// untouched. Raw files are downloads behind a per-session unguessable token.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { shadowLimits } from "../../sandbox/instruments/limits.ts";
import type { ClientMessageOf, ServerMessage } from "../protocol/index.ts";
import type { CompareAnswer, ProfileAnswer, SnapshotAnswer } from "../world/shadow-host.ts";
import type { SessionSpec } from "./actions.ts";
import { SessionError, type LiveSession } from "./session.ts";

export const sessionInstrumentLimits = {
  /** Deadline of the runtimes comparison (it starts processes and worker threads). */
  runtimesCommandMsMax: 60_000,
  /** How long a runtimes measurement is reused (the machine does not change between clicks). */
  runtimesReuseMs: 5 * 60_000,
} as const;

export interface SessionInstruments {
  on: boolean;
  /** Names this session's downloads: /instruments/<downloadToken>/<file>. */
  downloadToken: string;
  /** Download file name → its path on disk. */
  files: Map<string, string>;
  snapshots: Map<string, { step: number; worker: string; spec: SessionSpec; branch: number }>;
  next: number;
}

/** Codes the shadow world answers with, the learner's to act on (the rest stay the gateway's to report). */
const shadowCodes = new Set(["no_isolate", "isolate_gone", "heap_too_full", "snapshot_failed", "inspector_off", "empty_profile", "already_profiling", "not_profiling"]);

/** A world command of the instruments; its coded refusals reach the client with the limit they name. */
async function shadowCommand<T>(session: LiveSession, make: Parameters<LiveSession["command"]>[0], deadlineMs: number): Promise<T> {
  try {
    return await session.command<T>(make, deadlineMs);
  } catch (error) {
    const coded = error as { code?: unknown; message?: unknown; limit?: unknown };
    if (typeof coded.code !== "string" || !shadowCodes.has(coded.code)) throw error;
    const code = coded.code === "inspector_off" || coded.code === "empty_profile" || coded.code.endsWith("profiling") ? "snapshot_failed" : coded.code;
    throw new SessionError(code, String(coded.message), "user", typeof coded.limit === "string" ? { limit: coded.limit } : {});
  }
}

function instrumentsOf(session: LiveSession): SessionInstruments {
  session.instruments ??= { on: false, downloadToken: randomBytes(18).toString("base64url"), files: new Map(), snapshots: new Map(), next: 1 };
  return session.instruments;
}

function requireOn(session: LiveSession): SessionInstruments {
  const instruments = session.instruments;
  if (instruments === null || !instruments.on) throw new SessionError("instruments_off", "instruments are off: send instruments_set { on: true } first", "user");
  return instruments;
}

export function setInstruments(session: LiveSession, message: ClientMessageOf<"instruments_set">): ServerMessage {
  instrumentsOf(session).on = message.on;
  return { type: "instruments_state", replyTo: message.id ?? null, on: message.on, samplingIntervalUs: null };
}

function fileStem(session: LiveSession, instruments: SessionInstruments, kind: string): { stem: string; name: string } {
  const dir = join(session.pool.downloadsDir, session.id);
  mkdirSync(dir, { recursive: true });
  const name = `${kind}-${instruments.next++}`;
  return { stem: join(dir, name), name };
}

function downloadOf(instruments: SessionInstruments, name: string, path: string, bytes: number) {
  instruments.files.set(name, path);
  return { url: `/instruments/${instruments.downloadToken}/${name}`, bytes };
}

export async function profileRequest(session: LiveSession, message: ClientMessageOf<"profile_request">): Promise<ServerMessage> {
  const spec = session.requireSpec();
  const instruments = requireOn(session);
  const { stem, name } = fileStem(session, instruments, "profile");
  const answer = await shadowCommand<ProfileAnswer>(session, () => ({ type: "instrument_profile", spec, toStep: session.step, request: message.request, repetitions: message.repetitions, fileStem: stem }), shadowLimits.profilingCommandMsMax * 2);
  const { file, bytes, ...rest } = answer;
  return { type: "cpu_profile", replyTo: message.id ?? null, ...rest, download: downloadOf(instruments, `${name}.cpuprofile`, file, bytes) };
}

export async function heapSnapshot(session: LiveSession, message: ClientMessageOf<"heap_snapshot">): Promise<ServerMessage> {
  const spec = session.requireSpec();
  const instruments = requireOn(session);
  const step = message.step ?? session.step;
  if (step > session.step) throw new SessionError("invalid_command", `step: the run is at step ${session.step}; a snapshot is of a step already run`, "user", { path: "step" });
  const { stem, name } = fileStem(session, instruments, "snapshot");
  const answer = await shadowCommand<SnapshotAnswer>(session, () => ({ type: "instrument_snapshot", spec, toStep: step, worker: message.worker ?? null, fileStem: stem }), shadowLimits.snapshotCommandMsMax);
  const { file, bytes, ...rest } = answer;
  instruments.snapshots.set(name, { step, worker: answer.worker, spec, branch: session.branch });
  for (const old of [...instruments.snapshots.keys()].slice(0, Math.max(0, instruments.snapshots.size - shadowLimits.snapshotsPerSessionMax))) instruments.snapshots.delete(old);
  return { type: "heap_snapshot_taken", replyTo: message.id ?? null, snapshotId: name, ...rest, download: downloadOf(instruments, `${name}.heapsnapshot`, file, bytes) };
}

export async function heapCompare(session: LiveSession, message: ClientMessageOf<"heap_compare">): Promise<ServerMessage> {
  const spec = session.requireSpec();
  const instruments = requireOn(session);
  const snapshotOf = (id: string, field: string) => {
    const taken = instruments.snapshots.get(id);
    if (taken === undefined) throw new SessionError("no_such_snapshot", `${field}: no snapshot "${id}" in this session (it keeps the last ${shadowLimits.snapshotsPerSessionMax}, snapshotsPerSessionMax)`, "user", { path: field });
    if (taken.spec !== spec || taken.branch !== session.branch) throw new SessionError("no_such_snapshot", `${field}: snapshot "${id}" was taken on another run (before a load, reset or branch)`, "user", { path: field });
    return taken;
  };
  const from = snapshotOf(message.from, "from");
  const to = snapshotOf(message.to, "to");
  const answer = await shadowCommand<CompareAnswer>(session, () => ({ type: "instrument_compare", spec, fromStep: from.step, toStep: to.step, worker: to.worker }), shadowLimits.snapshotCommandMsMax);
  return { type: "heap_compared", replyTo: message.id ?? null, from: message.from, to: message.to, ...answer };
}

let runtimes: { atMs: number; value: Omit<ServerMessage & { type: "runtimes" }, "type" | "replyTo"> } | null = null;

export async function runtimesCompared(session: LiveSession, message: ClientMessageOf<"runtimes_compared">): Promise<ServerMessage> {
  if (runtimes === null || Date.now() - runtimes.atMs > sessionInstrumentLimits.runtimesReuseMs) {
    const value = await session.command<NonNullable<typeof runtimes>["value"]>(() => ({ type: "runtimes_compared" }), sessionInstrumentLimits.runtimesCommandMsMax);
    runtimes = { atMs: Date.now(), value };
  }
  return { type: "runtimes", replyTo: message.id ?? null, ...runtimes.value };
}
