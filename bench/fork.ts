// Bench files that run in a Node process of their own (tsx, no snapshot), and waiting for them.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Forks `file` (relative to bench/); its exit code 0 is success. */
export function forkBench(file: string, args: string[], execArgv: string[] = []): ChildProcess {
  return fork(fileURLToPath(new URL(file, import.meta.url)), args, { execArgv: ["--no-node-snapshot", ...execArgv, "--import", "tsx"] });
}

export function exited(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited ${code}`))));
  });
}
