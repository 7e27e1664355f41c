// The parts of the polyfill packages the "node" chunk imports whose own typings this tsconfig
// cannot use (they need Node's typings, or have none).
declare module "unenv/runtime/node/*" {
  const value: Record<string, unknown>;
  export default value;
}
declare module "readable-stream" {
  const value: Record<string, unknown> & { pipeline: (...args: unknown[]) => unknown; finished: (...args: unknown[]) => unknown };
  export = value;
}
declare module "string_decoder/" {
  export const StringDecoder: unknown;
}
declare module "events" {
  const EventEmitter: ((...args: unknown[]) => unknown) & Record<string, unknown>;
  export = EventEmitter;
}
/** The runtime's global (timers.ts installs it before any chunk runs). */
declare function queueMicrotask(callback: () => void): void;
