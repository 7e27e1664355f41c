// Runs the world (the simulation and the isolates it drives) in a child process and restarts it
// when it dies. V8 can abort a whole process on some out-of-memory or unstoppable code, so the
// isolates must not live in the gateway: a dead world process costs its in-flight calls a clear
// error and a restart, never the server.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { WorldReply, WorldRequest } from "./ipc-protocol.ts";

export class WorldProcessDied extends Error {
  readonly code = "world_process_died";
  constructor(detail: string) {
    super(`The world process stopped (${detail}); it has been restarted. Your saved work is intact: run again.`);
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface SupervisorOptions {
  /** The child's entry module (default: server/world/world-process.ts). */
  entry?: string;
  /** Restarts allowed within restartWindowMs before the supervisor gives up. */
  restartsMax?: number;
  restartWindowMs?: number;
}

const defaultEntry = fileURLToPath(new URL("./world-process.ts", import.meta.url));

export class WorldSupervisor {
  #child: ChildProcess | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #restartTimesMs: number[] = [];
  readonly #options: Required<SupervisorOptions>;
  #closed = false;
  restarts = 0;

  constructor(options: SupervisorOptions = {}) {
    this.#options = { entry: defaultEntry, restartsMax: 10, restartWindowMs: 60_000, ...options };
  }

  /** The child's pid, for tests that kill it. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  request<T>(message: WorldRequest): Promise<T> {
    if (this.#closed) return Promise.reject(new Error("the world supervisor is closed"));
    const child = this.#ensureChild();
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // A child that died between the check and the send reports it here and in `exit`.
      child.send({ id, message }, (error) => {
        if (error && this.#pending.delete(id)) reject(new WorldProcessDied(`send failed: ${error.message}`));
      });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const child = this.#child;
    this.#child = null;
    if (child !== null && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    }
  }

  #ensureChild(): ChildProcess {
    if (this.#child !== null) return this.#child;
    const child = fork(this.#options.entry, [], {
      execArgv: ["--no-node-snapshot", "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
    });
    child.on("message", (reply: WorldReply) => this.#onReply(reply));
    // A failed spawn or a broken IPC pipe is an `error` event; unheard, it would end the server.
    child.on("error", (error) => process.stderr.write(`world process: ${error.message}\n`));
    child.on("exit", (code, signal) => this.#onExit(child, signal ?? `exit code ${code}`));
    this.#child = child;
    return child;
  }

  #onReply(reply: WorldReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
  }

  #onExit(child: ChildProcess, detail: string): void {
    if (this.#child === child) this.#child = null;
    const failed = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of failed) pending.reject(new WorldProcessDied(detail));
    if (this.#closed) return;
    const nowMs = Date.now();
    this.#restartTimesMs.push(nowMs);
    while (this.#restartTimesMs.length > 0 && this.#restartTimesMs[0]! < nowMs - this.#options.restartWindowMs) this.#restartTimesMs.shift();
    if (this.#restartTimesMs.length > this.#options.restartsMax) {
      this.#closed = true;
      return;
    }
    this.restarts++;
    // Start the next world at once, so the next call does not also pay for the startup.
    this.#ensureChild();
  }
}
