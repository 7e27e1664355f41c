// Measures the SQLite storage: put and get latency (median and p99 over 2000 ops) and the cost of
// reopening an evicted object, for both journal modes.
// Run: node --import tsx server/store/sqlite-storage.bench.ts

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStorageProvider } from "./sqlite-object-storage.ts";
import type { JournalMode } from "./object-database.ts";

const opsCount = 2000;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function timeEach(count: number, fn: (i: number) => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return samples;
}

function measure(journalMode: JournalMode): void {
  const dir = mkdtempSync(join(tmpdir(), `edge-playground-bench-${journalMode}-`));
  const provider = new SqliteStorageProvider({ dir, journalMode, openDatabasesMax: 1 });
  const id = "b".repeat(64);
    const storage = provider.open(id);
  const value = { count: 1, name: "counter", tags: ["a", "b"] };
  const put = timeEach(opsCount, (i) => storage.put([[`key-${i}`, value]]));
  const get = timeEach(opsCount, (i) => storage.get([`key-${i}`]));
  // Closing (eviction) and reopening are timed apart: in WAL mode close checkpoints the log.
  const close: number[] = [];
  const reopen: number[] = [];
  for (let i = 0; i < 200; i++) {
    storage.put([[`again-${i}`, value]]);
    close.push(...timeEach(1, () => provider.close(id)));
    reopen.push(...timeEach(1, () => storage.get(["key-1"])));
  }
  const us = (xs: number[]) => `median ${percentile(xs, 0.5).toFixed(1)} µs, p99 ${percentile(xs, 0.99).toFixed(1)} µs`;
  console.log(`${journalMode}: put ${us(put)}; get ${us(get)}; close ${(percentile(close, 0.5) / 1000).toFixed(2)} ms; reopen+get median ${(percentile(reopen, 0.5) / 1000).toFixed(2)} ms`);
  provider.closeAll();
  rmSync(dir, { recursive: true, force: true });
}

measure("delete");
measure("wal");
measure("delete");
measure("wal");
