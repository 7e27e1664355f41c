// What a world process is doing right now, written synchronously to a small file before the
// learner's code runs (an isolate entered, a SQL statement), so that when the process dies or
// stops answering, the supervisor can read which session, which step and which event did it — an
// IPC message could still sit unsent in the dead process's buffer. The record is noted before
// every event but written only when it changed and code is about to run: one pwrite of 128 bytes
// costs 3–20 µs here, which before every event was a fifth of a session played at full speed.
import { accessSync, closeSync, constants, openSync, readFileSync, statSync, writeSync } from "node:fs";

const recordBytes = 128;

export interface BeaconRecord {
  sessionId: string;
  /** Steps the session had run before this event. */
  step: number;
  /** The event being run (its queue id), or -1 between events. */
  eventId: number;
  /** True while a SQL statement runs (the process cannot interrupt one). */
  inSql: boolean;
}

export class BeaconWriter {
  private readonly fd: number;
  private readonly buffer = Buffer.alloc(recordBytes);
  private current: BeaconRecord = { sessionId: "", step: 0, eventId: -1, inSql: false };

  private dirty = true;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  /** Writes the record now (a command's start and end, around SQL). */
  mark(record: Partial<BeaconRecord>): void {
    this.note(record);
    this.flush();
  }

  /** Updates the record in memory only: `flush` writes it before code runs. */
  note(record: Partial<BeaconRecord>): void {
    this.current = { ...this.current, ...record };
    this.dirty = true;
  }

  /** Writes the record if it changed since the last write. */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const { sessionId, step, eventId, inSql } = this.current;
    this.buffer.fill(32);
    this.buffer.write(`${sessionId} ${step} ${eventId} ${inSql ? 1 : 0}\n`, 0, "latin1");
    writeSync(this.fd, this.buffer, 0, recordBytes, 0);
  }

  idle(): void {
    this.mark({ sessionId: "", step: 0, eventId: -1, inSql: false });
  }

  close(): void {
    closeSync(this.fd);
  }
}

let memoryDir: string | null | undefined;

/**
 * Where beacons go: Linux's shared-memory file system when it is there and writable, else
 * `fallback`. A write to tmpfs is a copy into the page cache; on ext4 each one also dirties the
 * inode's mtime in the journal. Measured: a session played at max streamed about 6 % more entries
 * per second (28.1k → 29.7k median of 5, interleaved). Either kind outlives the process that wrote it.
 */
export function beaconDirectory(fallback: string): string {
  if (memoryDir === undefined) {
    try {
      accessSync("/dev/shm", constants.W_OK);
      memoryDir = statSync("/dev/shm").isDirectory() ? "/dev/shm" : null;
    } catch {
      memoryDir = null;
    }
  }
  return memoryDir ?? fallback;
}

export function readBeacon(path: string): BeaconRecord | null {
  try {
    const [sessionId, step, eventId, inSql] = readFileSync(path, "latin1").trim().split(" ");
    if (!sessionId) return null;
    return { sessionId, step: Number(step), eventId: Number(eventId), inSql: inSql === "1" };
  } catch {
    return null;
  }
}
