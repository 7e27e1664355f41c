// V8's own instruments as a session uses them: heap statistics streamed after every delivery,
// a CPU profile of a request repeated N times, heap snapshots and their comparison, and the
// runtimes compared on this machine. The heavy ones run in a shadow world (a replay of the
// session in inspector isolates, server/world/shadow-host.ts), so the learner's own run and its
// trace never change; their figures sit beside it.
import { z } from "zod";
import { instrumentLimits, shadowLimits } from "../../sandbox/instruments/limits.ts";
import { httpRequest, identifier, stepIndex } from "./common.ts";

export const instrumentClientMessages = {
  /** Instruments on or off (off by default): while on, `heap_samples` stream after deliveries. */
  instruments_set: { on: z.boolean() },
  /** Profiles `request` sent `repetitions` times in a shadow world replayed to the current step. */
  profile_request: {
    request: httpRequest,
    repetitions: z.int().min(1).max(instrumentLimits.profileRepetitionsMax, { error: `at most ${instrumentLimits.profileRepetitionsMax} repetitions (profileRepetitionsMax)` }).default(20),
  },
  /** A heap snapshot of a worker's isolate in a shadow world replayed to `step` (default: the current one). */
  heap_snapshot: { worker: identifier.optional().meta({ description: "absent: the isolate with the largest heap" }), step: stepIndex.optional() },
  /** What grew between two snapshots this session took, and the path that keeps the growth alive. */
  heap_compare: { from: identifier, to: identifier },
  /** Isolate vs worker thread vs process, measured by the server on this machine. */
  runtimes_compared: {},
} as const;

const replyTo = z.int().nullable();

export const heapSample = z.object({
  isolate: z.string(),
  worker: z.string(),
  /** The world's step after which the statistics were read. */
  step: z.int(),
  usedBytes: z.number(),
  totalBytes: z.number(),
  limitBytes: z.number(),
  externalBytes: z.number(),
});
export type HeapSample = z.infer<typeof heapSample>;

export interface FlameWireNode {
  name: string;
  url: string;
  line: number;
  selfMs: number;
  totalMs: number;
  children: FlameWireNode[];
}
const flameNode: z.ZodType<FlameWireNode> = z.lazy(() => z.object({ name: z.string(), url: z.string(), line: z.int(), selfMs: z.number(), totalMs: z.number(), children: z.array(flameNode) }));
const constructorRow = z.object({ className: z.string(), count: z.int(), selfBytes: z.number(), retainedBytes: z.number() });
const download = z.object({ url: z.string(), bytes: z.int() });

export const instrumentServerMessages = {
  instruments_state: { replyTo, on: z.boolean(), samplingIntervalUs: z.number().nullable() },
  /** Heap statistics of each isolate that changed, after the deliveries of the last command. */
  heap_samples: { samples: z.array(heapSample) },
  cpu_profile: {
    replyTo,
    repetitions: z.int(),
    samplingIntervalUs: z.number(),
    sampleCount: z.int(),
    durationMs: z.number(),
    functions: z.array(z.object({ name: z.string(), url: z.string(), line: z.int(), selfMs: z.number(), totalMs: z.number() })),
    flame: flameNode,
    /** Median wall ms of one request without and with the profiler, in the same shadow isolate. */
    overhead: z.object({ plainMs: z.number(), profiledMs: z.number(), ratio: z.number() }),
    /** The shadow world's stated CPU budget per request (shadowRequestCpuMsMax). */
    shadow: z.object({ step: z.int(), requestCpuMsMax: z.int(), statuses: z.record(z.string(), z.int()) }),
    download,
  },
  heap_snapshot_taken: {
    replyTo,
    snapshotId: z.string(),
    step: z.int(),
    worker: z.string(),
    nodeCount: z.int(),
    totalBytes: z.number(),
    snapshotMs: z.number(),
    constructors: z.array(constructorRow),
    largest: z.object({ className: z.string(), retainedBytes: z.number(), path: z.string().nullable() }).nullable(),
    download,
  },
  heap_compared: {
    replyTo,
    from: z.string(),
    to: z.string(),
    grew: z.array(z.object({ className: z.string(), countDelta: z.int(), selfBytesDelta: z.number() })),
    /** The class that grew most among the learner's own, and the path from a root that keeps it. */
    grewMost: z.object({ className: z.string(), retainedBytes: z.number(), path: z.string() }).nullable(),
  },
  runtimes: {
    replyTo,
    cores: z.int(),
    costs: z.array(z.object({ runtime: z.enum(["isolate", "worker_thread", "process"]), startMs: z.number(), memoryMb: z.number(), roundTripUs: z.number() })),
    scaling: z.array(z.object({ kind: z.enum(["cpu", "io"]), runtime: z.enum(["worker_thread", "process"]), workers: z.int(), tasksPerSecond: z.number() })),
    designFigures: z.object({ isolateMb: z.number(), isolateStartMs: z.string(), containerMb: z.string() }),
  },
} as const;

export const instrumentWireLimits = { flameNodesMax: shadowLimits.flameNodesMax } as const;
