// One world process seen from the gateway: a child process that gets one command at a time (a
// FIFO, so sessions that re-queue their next slice take turns: round robin), a watchdog that
// kills the child when a command outlives its deadline (a SQL statement that never ends cannot
// be interrupted otherwise), and, when the child dies, its beacon: which session, step and event
// it was running, so the supervisor blames that session and not the server.
import { fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readBeacon, type BeaconRecord } from "./beacon.ts";
import type { WorldReply, WorldRequest } from "./ipc-protocol.ts";

const entry = fileURLToPath(new URL("./world-process.ts", import.meta.url));

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

interface Command {
  request: WorldRequest;
  deadlineMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface ProcessOptions {
  runtimeDir: string;
  sessionsDir: string;
  index: number;
}

export class WorldProcessHandle {
  readonly child: ChildProcess;
  readonly beaconPath: string;
  readonly sessions = new Set<string>();
  private readonly queue: Command[] = [];
  private current: Command | null = null;
  private nextId = 1;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private killedByWatchdog = false;
  alive = true;
  private ready = false;
  readonly exited: Promise<Death>;

  constructor(options: ProcessOptions) {
    this.beaconPath = join(options.runtimeDir, `beacon-${options.index}-${Date.now()}.txt`);
    this.child = fork(entry, [], {
      execArgv: ["--no-node-snapshot", "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
      env: { ...process.env, WORLD_BEACON_PATH: this.beaconPath, WORLD_SESSIONS_DIR: options.sessionsDir },
    });
    this.child.on("message", (reply: WorldReply | { ready: true }) => {
      if ("ready" in reply) {
        this.ready = true;
        this.pump();
      } else this.onReply(reply);
    });
    this.child.on("error", (error) => process.stderr.write(`world process: ${error.message}\n`));
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve(this.onExit(signal ?? `exit code ${code}`))));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Commands waiting or running: how busy this process is. */
  get load(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  send<T>(request: WorldRequest, deadlineMs: number): Promise<T> {
    if (!this.alive) return Promise.reject(new WorldProcessDied({ pid: this.pid, cause: "already dead", watchdog: false, beacon: null }));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ request, deadlineMs, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  kill(): void {
    if (this.alive) this.child.kill("SIGKILL");
  }

  private pump(): void {
    if (this.current !== null || !this.alive || !this.ready) return;
    const command = this.queue.shift();
    if (command === undefined) return;
    this.current = command;
    const id = this.nextId++;
    this.child.send({ id, message: command.request }, (error) => {
      if (error) this.kill();
    });
    this.watchdog = setTimeout(() => {
      this.killedByWatchdog = true;
      this.kill();
    }, command.deadlineMs);
  }

  private onReply(reply: WorldReply): void {
    const command = this.current;
    if (command === null) return;
    this.current = null;
    if (this.watchdog) clearTimeout(this.watchdog);
    if (reply.ok) command.resolve(reply.value);
    else command.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, path: reply.error.path }));
    this.pump();
  }

  private onExit(cause: string): Death {
    this.alive = false;
    if (this.watchdog) clearTimeout(this.watchdog);
    const beacon = readBeacon(this.beaconPath);
    rmSync(this.beaconPath, { force: true });
    const death: Death = { pid: this.pid, cause: this.killedByWatchdog ? "watchdog" : cause, watchdog: this.killedByWatchdog, beacon: this.current === null ? null : beacon };
    const failed = this.current === null ? this.queue.splice(0) : [this.current, ...this.queue.splice(0)];
    this.current = null;
    for (const command of failed) command.reject(new WorldProcessDied(death));
    return death;
  }
}
