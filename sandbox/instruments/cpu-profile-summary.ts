// Pure summaries of a V8 CPU profile (the `.cpuprofile` shape DevTools and speedscope open):
// self and total time per function, and a flame tree. A sample is attributed to the node it
// hit; a node's total is its own samples plus its descendants'.

export interface CpuProfileNode {
  id: number;
  hitCount?: number;
  children?: number[];
  callFrame: { functionName: string; url: string; scriptId: number | string; lineNumber: number; columnNumber: number };
}

export interface CpuProfile {
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
  nodes: CpuProfileNode[];
}

export interface FunctionTime {
  /** `(anonymous)` for nameless functions; V8's `(program)`, `(idle)`, `(garbage collector)` as given. */
  name: string;
  url: string;
  /** 1-based, as an editor shows it; 0 when V8 has none. */
  line: number;
  selfMs: number;
  totalMs: number;
}

export interface FlameNode {
  name: string;
  url: string;
  line: number;
  selfMs: number;
  totalMs: number;
  children: FlameNode[];
}

export interface CpuProfileSummary {
  durationMs: number;
  sampleCount: number;
  /** The median gap between samples: V8's sampling interval as it actually ran. */
  samplingIntervalUs: number;
  /** Heaviest self time first. */
  functions: FunctionTime[];
  flame: FlameNode;
}

export function summarizeCpuProfile(profile: CpuProfile): CpuProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = sampleTimes(profile);
  const root = profile.nodes[0];
  if (root === undefined) throw new Error("summarizeCpuProfile: the profile has no nodes");
  const flame = buildFlame(root, byId, selfUs);
  const functions = new Map<string, FunctionTime>();
  collectFunctions(flame, functions, new Set());
  return {
    durationMs: (profile.endTime - profile.startTime) / 1000,
    sampleCount: profile.samples.length,
    samplingIntervalUs: median(profile.timeDeltas.slice(1)),
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs),
    flame,
  };
}

/** Microseconds of samples per node id: each sample lasts until the next one. */
function sampleTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const gap = profile.timeDeltas[i + 1] ?? median(profile.timeDeltas.slice(1));
    const id = profile.samples[i]!;
    times.set(id, (times.get(id) ?? 0) + Math.max(0, gap));
  }
  return times;
}

function buildFlame(node: CpuProfileNode, byId: Map<number, CpuProfileNode>, selfUs: Map<number, number>): FlameNode {
  // An explicit stack: a deep recursion in the learner's code must not overflow ours.
  const made = new Map<number, FlameNode>();
  const order: CpuProfileNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    order.push(next);
    for (const child of next.children ?? []) {
      const childNode = byId.get(child);
      if (childNode !== undefined) stack.push(childNode);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const current = order[i]!;
    const children = (current.children ?? []).map((id) => made.get(id)).filter((c): c is FlameNode => c !== undefined);
    const selfMs = (selfUs.get(current.id) ?? 0) / 1000;
    const totalMs = selfMs + children.reduce((sum, c) => sum + c.totalMs, 0);
    const frame = current.callFrame;
    made.set(current.id, { name: frame.functionName || "(anonymous)", url: frame.url, line: frame.lineNumber + 1, selfMs, totalMs, children: children.sort((a, b) => b.totalMs - a.totalMs) });
  }
  return made.get(node.id)!;
}

/** Recursion counts a function's total once per call chain, as DevTools' bottom-up view does. */
function collectFunctions(node: FlameNode, into: Map<string, FunctionTime>, onPath: Set<string>): void {
  const stack: { node: FlameNode; path: Set<string> }[] = [{ node, path: onPath }];
  while (stack.length > 0) {
    const { node: current, path } = stack.pop()!;
    const key = `${current.name}\u0000${current.url}\u0000${current.line}`;
    const entry = into.get(key) ?? { name: current.name, url: current.url, line: current.line, selfMs: 0, totalMs: 0 };
    entry.selfMs += current.selfMs;
    if (!path.has(key)) entry.totalMs += current.totalMs;
    into.set(key, entry);
    const childPath = new Set(path).add(key);
    for (const child of current.children) stack.push({ node: child, path: childPath });
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
