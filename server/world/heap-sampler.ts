// Heap over time: the statistics of each live isolate of a session, read before each event (so
// after the delivery before it) and kept when they changed. Reading them runs no learner code and
// triggers no collection, so the trace is the same with or without it; a collection between two
// requests shows as a drop in `usedBytes`. An isolate whose CPU clock has not moved since its last
// read ran nothing, so its heap is not read again (a read costs about 3 µs, for every isolate of
// the session, before every event). Only sessions whose instruments are on are sampled before
// each event (their commands say so); the memory check reads heaps without keeping samples.
import type { HeapSample } from "../protocol/index.ts";
import { instrumentsOf } from "../../sandbox/instruments/isolate-instruments.ts";
import type { LiveEngine } from "../sessions/engine.ts";

export const heapSamplerLimits = {
  /** Samples one answer carries (the latest kept: older ones of a long slice are dropped). */
  heapSamplesPerAnswerMax: 400,
} as const;

export class HeapSampler {
  private samples: HeapSample[] = [];
  private readonly lastUsed = new Map<string, number>();
  /** Each isolate's CPU clock just after its last read. */
  private readonly lastCpu = new Map<string, bigint>();
  /** Each isolate's heap and outside-heap bytes at its last read. */
  private readonly held = new Map<string, number>();

  /** Reads the heaps that may have changed and keeps the changes as samples. */
  sample(engine: LiveEngine): void {
    this.read(engine, true);
  }

  private read(engine: LiveEngine, keepSamples: boolean): void {
    for (const record of engine.world.state.slices.isolates.isolates.values()) {
      if (!record.handle.alive) continue;
      const instruments = instrumentsOf(record.handle);
      if (instruments === null || instruments.cpuTimeNs() === this.lastCpu.get(record.key)) continue;
      const stats = instruments.heapStats();
      const cpu = instruments.cpuTimeNs();
      if (cpu !== null) this.lastCpu.set(record.key, cpu);
      if (stats) this.held.set(record.key, stats.totalBytes + stats.externalBytes);
      if (!stats || !keepSamples || this.lastUsed.get(record.key) === stats.usedBytes) continue;
      this.lastUsed.set(record.key, stats.usedBytes);
      this.samples.push({ isolate: record.key, worker: record.worker, step: engine.step, usedBytes: stats.usedBytes, totalBytes: stats.totalBytes, limitBytes: stats.limitBytes, externalBytes: stats.externalBytes });
    }
    if (this.samples.length > heapSamplerLimits.heapSamplesPerAnswerMax * 2) this.samples = this.samples.slice(-heapSamplerLimits.heapSamplesPerAnswerMax);
  }

  /**
   * Bytes the session's live isolates hold (their V8 heaps and what they allocated outside them),
   * from this sampler's reads: an isolate that ran nothing since its last read is not read again.
   */
  heldBytes(engine: LiveEngine): number {
    // No samples kept: the sessions whose instruments are off send none.
    this.read(engine, false);
    let bytes = 0;
    for (const record of engine.world.state.slices.isolates.isolates.values()) {
      if (!record.handle.alive) continue;
      const held = this.held.get(record.key);
      if (held !== undefined) bytes += held;
      else {
        const stats = record.handle.stats();
        bytes += stats.heapTotalBytes + (stats.externalBytes ?? 0);
      }
    }
    return bytes;
  }

  take(): HeapSample[] {
    const taken = this.samples.slice(-heapSamplerLimits.heapSamplesPerAnswerMax);
    this.samples = [];
    return taken;
  }
}
