// One world process seen from the gateway: a child process that runs one command at a time
// (fair-queue.ts: the least recently busy session's command first, so sessions that re-queue
// their next slice take turns and a cheap step never waits behind them) and has the next one
// waiting in its channel (inFlightCommandsMax), so it never sits idle for a round trip between
// two commands; a watchdog that
// kills the child when a command outlives its deadline (a SQL statement that never ends cannot
// be interrupted otherwise), and, when the child dies, its beacon: which session, step and event
// it was running, so the supervisor blames that session and not the server.
import { fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { SessionBudgets } from "../protocol/limits.ts";
import { beaconDirectory, readBeacon, type BeaconRecord } from "./beacon.ts";
import { FairQueue } from "./fair-queue.ts";
import { frame, unframe } from "./ipc-frame.ts";
import { ipcLimits, type WorldReply, type WorldRequest } from "./ipc-protocol.ts";

const entry = fileURLToPath(new URL("./world-process.ts", import.meta.url));

/** Past a command's deadline, how long a running SQL statement may still end itself (it is
 * interrupted at sqlStatementMsMax of CPU time) before the process is killed instead. */
export const sqlInterruptGraceMs = 3_000;

export interface Death {
  pid: number | undefined;
  /** "watchdog" when the supervisor killed it for not answering; else the signal or exit code. */
  cause: string;
  watchdog: boolean;
  /** What it was running (null: it was between commands). */
  beacon: BeaconRecord | null;
}

export class WorldProcessDied extends Error {
  readonly code = "world_process_died";
  constructor(readonly death: Death) {
    super(death.watchdog ? "the world process stopped answering and was restarted" : `the world process stopped (${death.cause}) and was restarted`);
  }
}

/** A refusal before the command reached the process: it stays alive and nothing was run. */
export class CommandRefused extends Error {
  constructor(readonly code: string, message: string, readonly limit: string) {
    super(message);
  }
}

interface Command {
  request: WorldRequest;
  sessionId: string | null;
  deadlineMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface ProcessOptions {
  runtimeDir: string;
  sessionsDir: string;
  index: number;
  /** Overrides ipcMessageBytesMax (tests of the bound). */
  ipcMessageBytesMax?: number;
  /** Lowered session budgets the process enforces (memory, trace entries). */
  sessionBudgets?: Partial<SessionBudgets>;
}

/**
 * WORLD_CPU_PROF=<dir>: each world process writes a V8 CPU profile there when it exits on its own
 * (its channel closed); Node refuses --cpu-prof in NODE_OPTIONS, so this is how to profile one.
 */
function cpuProfileArgs(): string[] {
  const dir = process.env.WORLD_CPU_PROF;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

export class WorldProcessHandle {
  readonly child: ChildProcess;
  readonly beaconPath: string;
  /** The pool's slot this process fills (its restart fills the same one). */
  readonly slot: number;
  readonly sessions = new Set<string>();
  private readonly queue = new FairQueue<Command>(() => performance.now());
  /** Sent and not answered yet, in order: the first is running, the others wait in the process. */
  private readonly inFlight: Command[] = [];
  /** When the first of `inFlight` started running (when it was sent, or when the one before it was answered). */
  private runningSinceMs = 0;
  private readonly bytesMax: number;
  private nextId = 1;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private killedByWatchdog = false;
  alive = true;
  /** Wall ms the last answered command took in the process (what its session is charged). */
  lastRunMs = 0;
  private ready = false;
  readonly exited: Promise<Death>;

  constructor(options: ProcessOptions) {
    this.slot = options.index;
    // The gateway's pid keeps two servers' beacons apart in the shared directory.
    this.beaconPath = join(beaconDirectory(options.runtimeDir), `edge-playground-beacon-${process.pid}-${options.index}-${Date.now()}.txt`);
    this.bytesMax = options.ipcMessageBytesMax ?? ipcLimits.ipcMessageBytesMax;
    this.child = fork(entry, [], {
      execArgv: ["--no-node-snapshot", "--expose-gc", ...cpuProfileArgs(), "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
      env: { ...process.env, WORLD_BEACON_PATH: this.beaconPath, WORLD_SESSIONS_DIR: options.sessionsDir, WORLD_IPC_MESSAGE_BYTES_MAX: String(this.bytesMax), WORLD_SESSION_BUDGETS: JSON.stringify(options.sessionBudgets ?? {}) },
    });
    this.child.on("message", (data: unknown) => {
      if (typeof data === "object" && data !== null && "ready" in data) {
        this.ready = true;
        this.pump();
      } else this.onReply(unframe<WorldReply>(data));
    });
    this.child.on("error", (error) => process.stderr.write(`world process: ${error.message}\n`));
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve(this.onExit(signal ?? `exit code ${code}`))));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Commands waiting or running: how busy this process is. */
  get load(): number {
    return this.queue.length + this.inFlight.length;
  }

  /** The session's use of this process in the last seconds (ms, decaying). */
  recentMs(sessionId: string): number {
    return this.queue.recentMs(sessionId);
  }

  send<T>(request: WorldRequest, deadlineMs: number): Promise<T> {
    if (!this.alive) return Promise.reject(new WorldProcessDied({ pid: this.pid, cause: "already dead", watchdog: false, beacon: null }));
    if (this.queue.length >= ipcLimits.ipcQueuedCommandsMax) {
      return Promise.reject(new CommandRefused("server_busy", `the world process has ${ipcLimits.ipcQueuedCommandsMax} commands waiting (ipcQueuedCommandsMax); try again shortly`, "ipcQueuedCommandsMax"));
    }
    // An exploration's id starts with its session's id: its slices count against that session.
    const sessionId = "sessionId" in request ? request.sessionId : "exploreId" in request ? request.exploreId.split(":")[0]! : null;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ request, sessionId, deadlineMs, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** A closed session's usage is forgotten. */
  forget(sessionId: string): void {
    this.queue.forget(sessionId);
  }

  kill(): void {
    if (this.alive) this.child.kill("SIGKILL");
  }

  private pump(): void {
    while (this.inFlight.length < ipcLimits.inFlightCommandsMax && this.alive && this.ready) {
      const command = this.queue.shift();
      if (command === undefined) return;
      const framed = frame({ id: this.nextId++, message: command.request }, this.bytesMax);
      // Refused before it reaches the channel: the process never sees it and stays in service.
      if (!framed.ok) {
        command.reject(new CommandRefused(framed.code, framed.message, framed.limit));
        continue;
      }
      this.inFlight.push(command);
      if (this.inFlight.length === 1) this.startRunning(command);
      this.child.send(framed.frame, (error) => {
        if (error) this.kill();
      });
    }
  }

  /** The first command in flight is running from now: its deadline counts from here. */
  private startRunning(command: Command): void {
    this.runningSinceMs = performance.now();
    this.armWatchdog(command.deadlineMs, performance.now() + command.deadlineMs + sqlInterruptGraceMs);
  }

  /**
   * Kills the process when the command is past its deadline, unless a SQL statement is running
   * and the grace has not run out: the process interrupts its own statement after
   * sqlStatementMsMax of the query thread's CPU time, which on a loaded machine can take longer
   * than the deadline in wall time, and an interrupted statement costs no restart.
   */
  private armWatchdog(delayMs: number, sqlGraceEndMs: number): void {
    this.watchdog = setTimeout(() => {
      const now = performance.now();
      if (now < sqlGraceEndMs && readBeacon(this.beaconPath)?.inSql === true) {
        this.armWatchdog(Math.min(100, sqlGraceEndMs - now), sqlGraceEndMs);
        return;
      }
      this.killedByWatchdog = true;
      this.kill();
    }, delayMs);
  }

  private onReply(reply: WorldReply): void {
    // The process answers in the order it was sent commands (world-process.ts runs them in turn).
    const command = this.inFlight.shift();
    if (command === undefined) return;
    if (this.watchdog) clearTimeout(this.watchdog);
    const ranMs = performance.now() - this.runningSinceMs;
    this.lastRunMs = Math.min(reply.ms, ranMs);
    this.queue.charge(command.sessionId, ranMs);
    if (this.inFlight.length > 0) this.startRunning(this.inFlight[0]!);
    if (reply.ok) command.resolve(reply.value);
    else command.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, path: reply.error.path, limit: reply.error.limit }));
    this.pump();
  }

  private onExit(cause: string): Death {
    this.alive = false;
    if (this.watchdog) clearTimeout(this.watchdog);
    const beacon = readBeacon(this.beaconPath);
    rmSync(this.beaconPath, { force: true });
    const death: Death = { pid: this.pid, cause: this.killedByWatchdog ? "watchdog" : cause, watchdog: this.killedByWatchdog, beacon: this.inFlight.length === 0 ? null : beacon };
    const failed = [...this.inFlight.splice(0), ...this.queue.drain()];
    for (const command of failed) command.reject(new WorldProcessDied(death));
    return death;
  }
}
