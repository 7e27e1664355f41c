// Streams a session's trace to its client in chunks with offsets and step ends. A slow client
// never makes the server buffer without bound: past `wsBufferedBytesMax` streaming stops, the
// client is told once (`resync_needed`), and it asks again from any offset with `resync`.
import type { ServerMessage } from "../protocol/index.ts";
import { protocolLimits } from "../protocol/limits.ts";
import type { TraceEntry } from "../sim/core/trace.ts";

export interface ClientLink {
  send(message: ServerMessage): void;
  /** Bytes queued on the socket and not yet sent. */
  bufferedBytes(): number;
}

export class TraceStream {
  /** Trace entries and step ends already sent to the client. */
  private sentEntries = 0;
  private sentSteps = 0;
  private blocked = false;

  constructor(private readonly trace: TraceEntry[], private readonly stepEnds: number[]) {}

  /** A new client (or a reload): everything again from the start. */
  restart(): void {
    this.resync(0);
  }

  resync(fromOffset: number): void {
    this.sentEntries = Math.min(fromOffset, this.trace.length);
    let s = 0;
    while (s < this.stepEnds.length && this.stepEnds[s]! < this.sentEntries) s++;
    this.sentSteps = s;
    this.blocked = false;
  }

  /** The trace and step ends were cut at a branch point. */
  truncated(): void {
    this.sentEntries = Math.min(this.sentEntries, this.trace.length);
    this.sentSteps = Math.min(this.sentSteps, this.stepEnds.length);
  }

  flush(link: ClientLink | null): void {
    if (link === null || this.blocked) return;
    while (this.sentEntries < this.trace.length || this.sentSteps < this.stepEnds.length) {
      if (link.bufferedBytes() > protocolLimits.wsBufferedBytesMax) {
        this.blocked = true;
        link.send({ type: "resync_needed", offset: this.sentEntries, limit: "wsBufferedBytesMax" });
        return;
      }
      const offset = this.sentEntries;
      const end = Math.min(this.trace.length, offset + protocolLimits.traceChunkEntriesMax);
      const firstStep = this.sentSteps;
      let s = firstStep;
      while (s < this.stepEnds.length && this.stepEnds[s]! <= end) s++;
      link.send({ type: "trace", offset, entries: this.trace.slice(offset, end), firstStep, stepEnds: this.stepEnds.slice(firstStep, s) });
      this.sentEntries = end;
      this.sentSteps = s;
      if (end === offset && s === firstStep) return;
    }
  }
}
