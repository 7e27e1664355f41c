// node:process for the "node" chunk: unenv's process object, with nextTick on the microtask
// queue (as workerd runs it; unenv's goes through setTimeout, which would be a timer on the
// virtual clock) and an `env` the runtime fills from the worker's text bindings.
import unenvProcess from "unenv/runtime/node/process/index";

export const process = unenvProcess as unknown as Record<string, unknown> & { env: Record<string, string> };
process.nextTick = (callback: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => callback(...args));
process.env = {};
process.title = "workerd";
process.platform = "linux";
process.version = "v22.14.0";
process.versions = { node: "22.14.0" };

/** Sets `process.env` once the worker's bindings are known. */
export function setProcessEnv(env: Record<string, string>): void {
  process.env = env;
}
