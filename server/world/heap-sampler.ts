// Heap over time: the statistics of each live isolate of a session, read before each event (so
// after the delivery before it) and kept when they changed. Reading them runs no learner code and
// triggers no collection, so the trace is the same with or without it; a collection between two
// requests shows as a drop in `usedBytes`. An isolate whose CPU clock has not moved since its last
// read ran nothing, so its heap is not read again (a read costs about 3 µs, for every isolate of
// the session, before every event).
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

  sample(engine: LiveEngine): void {
    for (const record of engine.world.state.slices.isolates.isolates.values()) {
      if (!record.handle.alive) continue;
      const instruments = instrumentsOf(record.handle);
      if (instruments === null || instruments.cpuTimeNs() === this.lastCpu.get(record.key)) continue;
      const stats = instruments.heapStats();
      const cpu = instruments.cpuTimeNs();
      if (cpu !== null) this.lastCpu.set(record.key, cpu);
      if (!stats || this.lastUsed.get(record.key) === stats.usedBytes) continue;
      this.lastUsed.set(record.key, stats.usedBytes);
      this.samples.push({ isolate: record.key, worker: record.worker, step: engine.step, usedBytes: stats.usedBytes, totalBytes: stats.totalBytes, limitBytes: stats.limitBytes, externalBytes: stats.externalBytes });
    }
    if (this.samples.length > heapSamplerLimits.heapSamplesPerAnswerMax * 2) this.samples = this.samples.slice(-heapSamplerLimits.heapSamplesPerAnswerMax);
  }

  take(): HeapSample[] {
    const taken = this.samples.slice(-heapSamplerLimits.heapSamplesPerAnswerMax);
    this.samples = [];
    return taken;
  }
}
