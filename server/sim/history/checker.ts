// The linearizability checker: the Wing–Gong search with Lowe's memoization, as Porcupine
// (MIT, anishathalye/porcupine, checker.go) does it. Calls and returns sit in one list sorted by
// time; the search linearizes a call whose return has not been passed, lifting the pair out of
// the list, and backtracks when it reaches a return it could not linearize. A cache of
// (linearized set, model state) cuts every branch that reaches a configuration seen before.
// Each partition of the model (a key of a map) is checked on its own (P-compositionality).

import { explain } from "./explain.ts";
import type { CheckAnswer, CheckOptions, Model, Operation, PartitionAnswer } from "./types.ts";

/** Steps a partition's search runs before the next partition gets its turn. */
const sliceSteps = 8192;

/**
 * Partitions are searched in turns, a slice of steps each, and the first illegal one ends the
 * check: as Porcupine runs them in parallel and cancels the rest, so one hard but linearizable
 * key cannot hide an illegal one (Porcupine's 50-client bad kv history needs this).
 */
export function checkHistory<S>(model: Model<S>, history: Operation[], options: CheckOptions = {}): CheckAnswer {
  const stepsMax = options.stepsMax ?? Infinity;
  const running = model.partition(history).map((part) => ({ key: part[0]?.key ?? null, search: searchPartition(model, part) }));
  const partitions: PartitionAnswer[] = [];
  let steps = 0;
  let stopped = false;
  while (running.length > 0 && !stopped && !partitions.some((p) => p.verdict === "illegal")) {
    for (let i = 0; i < running.length; i++) {
      const turn = running[i]!.search.next();
      steps += turn.done ? turn.value.steps : sliceSteps;
      if (turn.done) {
        partitions.push(turn.value.answer);
        running.splice(i--, 1);
        if (turn.value.answer.verdict === "illegal") break;
      }
      if (steps >= stepsMax || options.shouldStop?.()) {
        stopped = true;
        break;
      }
    }
  }
  if (!partitions.some((p) => p.verdict === "illegal")) for (const r of running) partitions.push({ key: r.key, verdict: "unknown", linearization: [], stuck: null });
  const verdict = partitions.some((p) => p.verdict === "illegal") ? "illegal" : partitions.some((p) => p.verdict === "unknown") ? "unknown" : "ok";
  const answer: CheckAnswer = { verdict, model: model.name, operations: history.length, steps, partitions, explanation: null };
  answer.explanation = explain(model, history, answer, options.timeUnit ?? "ms");
  return answer;
}

/** The time-sorted list of calls and returns, as a doubly linked list over typed arrays. */
function buildList(ops: Operation[]) {
  const n = ops.length;
  const order: { op: number; call: boolean; t: number }[] = [];
  ops.forEach((op, i) => order.push({ op: i, call: true, t: op.callMs }, { op: i, call: false, t: op.returnMs }));
  // Closed intervals: at equal times calls come before returns, so touching operations overlap.
  order.sort((a, b) => (a.t !== b.t ? a.t - b.t : a.call === b.call ? 0 : a.call ? -1 : 1));
  const size = 2 * n + 1; // node 0 is the head
  const next = new Int32Array(size).fill(-1);
  const prev = new Int32Array(size).fill(-1);
  const opOf = new Int32Array(size).fill(-1);
  const match = new Int32Array(size).fill(-1);
  const returnNode = new Int32Array(n);
  order.forEach((e, i) => {
    const node = i + 1;
    opOf[node] = e.op;
    prev[node] = i;
    next[i] = node;
    if (!e.call) returnNode[e.op] = node;
  });
  order.forEach((e, i) => {
    if (e.call) match[i + 1] = returnNode[e.op]!;
  });
  return { next, prev, opOf, match };
}

type Done = { answer: PartitionAnswer; steps: number };

function* searchPartition<S>(model: Model<S>, ops: Operation[]): Generator<void, Done, void> {
  const key = ops[0]?.key ?? null;
  const { next, prev, opOf, match } = buildList(ops);
  const lift = (e: number) => {
    next[prev[e]!] = next[e]!;
    prev[next[e]!] = prev[e]!;
    const m = match[e]!;
    next[prev[m]!] = next[m]!;
    if (next[m] !== -1) prev[next[m]!] = prev[m]!;
  };
  const unlift = (e: number) => {
    const m = match[e]!;
    next[prev[m]!] = m;
    if (next[m] !== -1) prev[next[m]!] = m;
    next[prev[e]!] = e;
    prev[next[e]!] = e;
  };
  const linearized = new Uint32Array(Math.ceil(ops.length / 32) || 1);
  const cache = new StateCache<S>(linearized.length);
  const zobrist = zobristTable(ops.length);
  let bitsHash = 0;
  const calls: { node: number; state: S }[] = [];
  let best: number[] = [];
  let stuck: number | null = null;
  let state = model.init();
  let entry = next[0]!;
  let steps = 0;
  const done = (answer: PartitionAnswer): Done => ({ answer, steps: steps % sliceSteps });
  while (next[0] !== -1) {
    if (++steps % sliceSteps === 0) yield;
    if (match[entry] !== -1) {
      const op = opOf[entry]!;
      const after = model.step(state, ops[op]!);
      if (after !== undefined) {
        linearized[op >>> 5]! |= 1 << (op & 31);
        bitsHash ^= zobrist[op]!;
        if (cache.add(linearized, bitsHash, after)) {
          calls.push({ node: entry, state });
          state = after;
          lift(entry);
          entry = next[0]!;
          continue;
        }
        linearized[op >>> 5]! &= ~(1 << (op & 31));
        bitsHash ^= zobrist[op]!;
      }
      entry = next[entry]!;
      continue;
    }
    // A return whose call could not be linearized yet: backtrack.
    if (calls.length > best.length || stuck === null) {
      best = calls.map((c) => opOf[c.node]!);
      stuck = opOf[entry]!;
    }
    const top = calls.pop();
    if (!top) return done({ key, verdict: "illegal", linearization: best.map((i) => ops[i]!.id), stuck: stuck === null ? null : ops[stuck]!.id });
    entry = top.node;
    state = top.state;
    const op = opOf[entry]!;
    linearized[op >>> 5]! &= ~(1 << (op & 31));
    bitsHash ^= zobrist[op]!;
    unlift(entry);
    entry = next[entry]!;
  }
  return done({ key, verdict: "ok", linearization: calls.map((c) => ops[opOf[c.node]!]!.id), stuck: null });
}

/**
 * The set of (linearized bitset, state) configurations seen: an open-addressing hash table
 * over typed arrays (bitsets packed in one pool), keyed by a Zobrist hash of the bitset (kept
 * up to date by the search, one xor per change) mixed with the model's hash of the state.
 */
class StateCache<S> {
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 11);
  private pool: Uint32Array;
  private stateIds = new Int32Array(1 << 11);
  private entries = 0;
  /**
   * States interned to small integers: V8 keeps a string's hash in the string, so a long
   * appended value is hashed once, not once per configuration. Non-primitive states go by JSON.
   */
  private readonly interned = new Map<unknown, number>();

  constructor(private readonly words: number) {
    this.pool = new Uint32Array(words << 11);
  }

  private stateId(state: S): number {
    const key = state !== null && typeof state === "object" ? JSON.stringify(state) : state;
    let id = this.interned.get(key);
    if (id === undefined) this.interned.set(key, (id = this.interned.size));
    return id;
  }

  /** Adds the configuration; false if it was already there. */
  add(bits: Uint32Array, bitsHash: number, state: S): boolean {
    const sid = this.stateId(state);
    const h = (bitsHash ^ Math.imul(sid + 1, 0x85ebca6b)) | 0;
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot]!;
      if (at === 0) break;
      const e = at - 1;
      if (this.hashes[e] === h && this.stateIds[e] === sid && this.sameBits(e, bits)) return false;
    }
    this.insert(h, bits, sid);
    return true;
  }

  private sameBits(e: number, bits: Uint32Array): boolean {
    const base = e * this.words;
    for (let i = 0; i < this.words; i++) if (this.pool[base + i] !== bits[i]) return false;
    return true;
  }

  private insert(h: number, bits: Uint32Array, sid: number): void {
    const e = this.entries++;
    if (e >= this.hashes.length) this.growEntries();
    this.stateIds[e] = sid;
    this.hashes[e] = h;
    this.pool.set(bits, e * this.words);
    if ((e + 1) * 2 > this.slots.length) this.rehash();
    else this.place(e);
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[e]! & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = e + 1;
  }

  private growEntries(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const stateIds = new Int32Array(this.stateIds.length * 2);
    stateIds.set(this.stateIds);
    this.stateIds = stateIds;
    const pool = new Uint32Array(this.pool.length * 2);
    pool.set(this.pool);
    this.pool = pool;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.entries; e++) this.place(e);
  }
}

/** A random 32-bit value per operation (a fixed xorshift stream: deterministic). */
function zobristTable(n: number): Int32Array {
  const table = new Int32Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    table[i] = x;
  }
  return table;
}
