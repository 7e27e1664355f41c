// The heavy instruments run in a shadow world, never in the learner's own: a session is fully
// described by (scenario, seed, recorded actions), so replaying that description here, in a
// sandbox of inspector isolates kept apart from the one ordinary sessions use, rebuilds the same
// world at the same step. There a request is profiled N times and heaps are snapshot, with a
// roomier CPU budget per request that is named and stated (shadowRequestCpuMsMax): the
// profiler's overhead cannot turn a request into a 503, and the learner's trace never changes.
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createSandboxFactory, type Sandbox } from "../../sandbox/index.ts";
import { summarizeCpuProfile, type CpuProfile, type FlameNode } from "../../sandbox/instruments/cpu-profile-summary.ts";
import { instrumentsOf, mergeProfiles, type IsolateInstruments } from "../../sandbox/instruments/isolate-instruments.ts";
import type { HeapSnapshotFile } from "../../sandbox/instruments/heap-snapshot-graph.ts";
import { diffHeapSummaries, formatRetainerPath, retainerPathOfClass, retainerPathOfGrowth, summarizeHeapSnapshot } from "../../sandbox/instruments/heap-snapshot-summary.ts";
import { shadowLimits } from "../../sandbox/instruments/limits.ts";
import type { FlameWireNode, HttpRequestSpec } from "../protocol/index.ts";
import { MemoryStorageProvider } from "../sim/durable-objects/memory-storage.ts";
import type { SessionSpec } from "../sessions/actions.ts";
import { LiveEngine } from "../sessions/engine.ts";
import { HostError } from "./session-host.ts";

export interface ProfileAnswer {
  repetitions: number;
  samplingIntervalUs: number;
  sampleCount: number;
  durationMs: number;
  functions: { name: string; url: string; line: number; selfMs: number; totalMs: number }[];
  flame: FlameWireNode;
  overhead: { plainMs: number; profiledMs: number; ratio: number };
  shadow: { step: number; requestCpuMsMax: number; statuses: Record<string, number> };
  file: string;
  bytes: number;
}

export interface SnapshotAnswer {
  step: number;
  worker: string;
  nodeCount: number;
  totalBytes: number;
  snapshotMs: number;
  constructors: { className: string; count: number; selfBytes: number; retainedBytes: number }[];
  largest: { className: string; retainedBytes: number; path: string | null } | null;
  file: string;
  bytes: number;
}

export interface CompareAnswer {
  grew: { className: string; countDelta: number; selfBytesDelta: number }[];
  grewMost: { className: string; retainedBytes: number; path: string } | null;
}

export class ShadowHost {
  private sandbox: Sandbox | null = null;

  /** Made on first use: inspector isolates cost memory, and most sessions never measure. */
  private shadowSandbox(): Sandbox {
    this.sandbox ??= createSandboxFactory({ poolSize: 0, inspector: true, reuseIsolates: false, limits: { requestCpuMsMax: shadowLimits.shadowRequestCpuMsMax } });
    return this.sandbox;
  }

  private build(spec: SessionSpec, toStep: number): LiveEngine {
    const isolates = this.shadowSandbox();
    const built = LiveEngine.replay(spec, { makeDeps: () => ({ isolates, objectStorage: new MemoryStorageProvider(), dispose: () => {} }) }, toStep);
    if (!built.ok) throw new HostError(built.error.code === "invalid_scenario" ? "invalid_scenario" : "invalid_command", `the shadow world could not be replayed: ${built.error.message}`, built.error.path);
    return built.engine;
  }

  async profile(spec: SessionSpec, toStep: number, request: HttpRequestSpec, repetitions: number, fileStem: string): Promise<ProfileAnswer> {
    const engine = this.build(spec, toStep);
    try {
      const statuses: Record<string, number> = {};
      const send = () => {
        const started = performance.now();
        const status = answer(engine, request);
        statuses[status] = (statuses[status] ?? 0) + 1;
        return performance.now() - started;
      };
      // Half the command's time for the plain runs and half for the profiled ones, whichever
      // ends first: repetitions done are reported, so a slow request does not stall the process.
      const untilMs = performance.now() + shadowLimits.profilingCommandMsMax / 2;
      send(); // the first request loads the isolate (a cold start is not what is profiled)
      const targets = liveInstruments(engine);
      if (targets.length === 0) throw new HostError("no_isolate", "no isolate answered this request in the shadow world (does its route reach a worker?)");
      const plain = repeat(send, repetitions, untilMs);
      const profileRound = async () => {
        for (const target of targets) {
          const started = target.startCpuProfile();
          if (!started.ok) throw new HostError(started.code, started.message);
        }
        const profiled = repeat(send, plain.length, performance.now() + shadowLimits.profilingCommandMsMax / 4);
        const profiles: CpuProfile[] = [];
        for (const target of targets) {
          const stopped = await target.stopCpuProfile();
          if (!stopped.ok) throw new HostError(stopped.code, stopped.message);
          profiles.push(stopped.value);
        }
        const merged = mergeProfiles(profiles)!;
        return { profiled, merged, summary: summarizeCpuProfile(merged) };
      };
      // V8's sampler now and then puts a whole profile of an isolate under "(program)" (seen in
      // CI and in this project's own measurements): a profile whose heaviest entry is that is
      // taken once more, so the learner sees their functions rather than an empty answer.
      let round = await profileRound();
      if (round.summary.functions[0]?.name === "(program)") round = await profileRound();
      const { profiled, merged, summary } = round;
      const text = JSON.stringify(merged);
      writeFileSync(`${fileStem}.cpuprofile`, text);
      const plainMs = median(plain);
      const profiledMs = median(profiled);
      return {
        repetitions: profiled.length, samplingIntervalUs: summary.samplingIntervalUs, sampleCount: summary.sampleCount, durationMs: summary.durationMs,
        functions: summary.functions.slice(0, 50), flame: boundedFlame(summary.flame, shadowLimits.flameNodesMax),
        overhead: { plainMs, profiledMs, ratio: plainMs > 0 ? profiledMs / plainMs : 0 },
        shadow: { step: toStep, requestCpuMsMax: shadowLimits.shadowRequestCpuMsMax, statuses },
        file: `${fileStem}.cpuprofile`, bytes: text.length,
      };
    } finally {
      engine.dispose();
    }
  }

  async snapshot(spec: SessionSpec, toStep: number, worker: string | null, fileStem: string): Promise<SnapshotAnswer> {
    const { file, text, ms, worker: of } = await this.snapshotAt(spec, toStep, worker);
    writeFileSync(`${fileStem}.heapsnapshot`, text);
    const summary = summarizeHeapSnapshot(file, 15);
    const largest = summary.largest && { className: summary.largest.className, retainedBytes: summary.largest.retainedBytes, path: summary.largest.path ? formatRetainerPath(summary.largest.path) : null };
    return { step: toStep, worker: of, nodeCount: summary.nodeCount, totalBytes: summary.totalBytes, snapshotMs: ms, constructors: summary.constructors, largest, file: `${fileStem}.heapsnapshot`, bytes: text.length };
  }

  /**
   * Both snapshots are taken again in one shadow world replayed to the first step, then on to the
   * second (the process keeps no parsed heaps between commands): in one isolate V8 keeps each
   * object's id, so what is new in the second is known.
   */
  async compare(spec: SessionSpec, fromStep: number, toStep: number, worker: string): Promise<CompareAnswer> {
    const engine = this.build(spec, fromStep);
    let before: HeapSnapshotFile;
    let after: HeapSnapshotFile;
    try {
      before = (await snapshotOf(engine, fromStep, worker)).file;
      const replayed = engine.continueReplay(spec.actions, toStep);
      if (!replayed.ok) throw new HostError("invalid_command", `the shadow world could not be replayed: ${replayed.error.message}`);
      after = (await snapshotOf(engine, toStep, worker)).file;
    } finally {
      engine.dispose();
    }
    const grew = diffHeapSummaries(before, after, 15);
    // The learner's own classes first: 2,000 new Entry objects also mean 2,000 new Arrays, and
    // a path to "an Array" would lead to Array.prototype rather than to what leaks.
    const grown = grew.filter((row) => !row.className.startsWith("(") && row.countDelta > 0);
    const top = grown.find((row) => !builtinClasses.has(row.className)) ?? grown[0];
    // An object new since the first snapshot, else the largest of its class (V8 may renumber ids).
    const path = top ? (retainerPathOfGrowth(before, after, top.className) ?? retainerPathOfClass(after, top.className)) : null;
    return { grew, grewMost: top && path ? { className: top.className, retainedBytes: path.retainedBytes, path: formatRetainerPath(path.path) } : null };
  }

  private async snapshotAt(spec: SessionSpec, toStep: number, worker: string | null): Promise<{ file: HeapSnapshotFile; text: string; ms: number; worker: string }> {
    const engine = this.build(spec, toStep);
    try {
      return await snapshotOf(engine, toStep, worker);
    } finally {
      engine.dispose();
    }
  }

  dispose(): void {
    this.sandbox?.dispose();
    this.sandbox = null;
  }
}

async function snapshotOf(engine: LiveEngine, toStep: number, worker: string | null): Promise<{ file: HeapSnapshotFile; text: string; ms: number; worker: string }> {
  const records = [...engine.world.state.slices.isolates.isolates.values()].filter((r) => r.handle.alive && (worker === null || r.worker === worker));
  const chosen = records.map((r) => ({ r, i: instrumentsOf(r.handle) })).filter((x) => x.i !== null).sort((a, b) => b.i!.heapStats()!.usedBytes - a.i!.heapStats()!.usedBytes)[0];
  if (chosen === undefined) throw new HostError("no_isolate", `no isolate${worker === null ? "" : ` of worker "${worker}"`} is live at step ${toStep}: send a request first`);
  const taken = await chosen.i!.takeHeapSnapshot();
  if (!taken.ok) throw new HostError(taken.code === "snapshot_too_large" || taken.code === "snapshot_too_slow" ? "snapshot_failed" : taken.code, taken.message, undefined, limitNamedIn(taken.message));
  return { file: taken.value.file, text: taken.value.text, ms: taken.value.ms, worker: chosen.r.worker };
}

const builtinClasses = new Set(["Array", "Object", "String", "Function", "Number", "Map", "Set", "Promise", "ArrayBuffer", "Uint8Array", "system", "Closure"]);

/** Sends the request and runs the shadow world until it is answered; its status (or 0). */
function answer(engine: LiveEngine, request: HttpRequestSpec): number {
  const sent = engine.apply({ type: "request", request });
  if (!sent.ok) throw new HostError("invalid_command", sent.error.message, sent.error.path ? `request.${sent.error.path}` : "request");
  const client = engine.world.state.slices.requests.clients.get(sent.value.req!);
  for (let i = 0; i < shadowLimits.shadowEventsPerRequestMax && !client?.response; i++) {
    if (!engine.stepOnce()) break;
  }
  return client?.response?.response.status ?? 0;
}

function liveInstruments(engine: LiveEngine): IsolateInstruments[] {
  return [...engine.world.state.slices.isolates.isolates.values()].flatMap((r) => {
    const instruments = r.handle.alive ? instrumentsOf(r.handle) : null;
    return instruments === null ? [] : [instruments];
  });
}

/** The flame tree cut to `max` nodes, widest first at each level (the download keeps all). */
function boundedFlame(root: FlameNode, max: number): FlameWireNode {
  let left = max;
  const copy = (node: FlameNode): FlameWireNode => {
    left--;
    const children = [...node.children].sort((a, b) => b.totalMs - a.totalMs).flatMap((c) => (left > 0 ? [copy(c)] : []));
    return { name: node.name, url: node.url, line: node.line, selfMs: node.selfMs, totalMs: node.totalMs, children };
  };
  return copy(root);
}

function repeat(fn: () => number, times: number, untilMs: number): number[] {
  const out: number[] = [];
  while (out.length < times && (out.length === 0 || performance.now() < untilMs)) out.push(fn());
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function limitNamedIn(message: string): string | undefined {
  return /\((\w+Max)\)/.exec(message)?.[1];
}
