// The `cloudflare:workers` module: base classes a worker may extend. The host compiles a tiny
// synthetic module that re-exports these, so `import { DurableObject } from "cloudflare:workers"`
// works as on the platform.

export class DurableObject {
  ctx: unknown;
  env: unknown;
  constructor(ctx: unknown, env: unknown) {
    this.ctx = ctx;
    this.env = env;
  }
}

export class WorkerEntrypoint {
  ctx: unknown;
  env: unknown;
  constructor(ctx: unknown, env: unknown) {
    this.ctx = ctx;
    this.env = env;
  }
}

export class RpcTarget {}

/** Where the synthetic module finds the classes; removed again once the worker has loaded. */
export const cloudflareWorkersKey = "__edgePlaygroundCloudflareWorkers";

export const cloudflareWorkersSource = `const m = globalThis.${cloudflareWorkersKey};
export const DurableObject = m.DurableObject;
export const WorkerEntrypoint = m.WorkerEntrypoint;
export const RpcTarget = m.RpcTarget;
export const env = m.env;
export default m;`;
