// The receiving side of RPC, as workerd exposes it: the methods and getters a class declares
// (on its prototype chain, below the platform's base class) are callable; instance fields,
// the constructor, private names and static members are not; the event handlers (`alarm`,
// `webSocketMessage`...) are reserved. A top-level object exported as the default entrypoint
// takes exactly one argument per call, plus env and ctx. Errors carry workerd's messages.
import type { RpcCall } from "../../../server/sim/isolate-port.ts";
import { DurableObject, WorkerEntrypoint } from "./cloudflare-workers.ts";
import { createExecutionContext } from "./execution-context.ts";
import { ReflectApply, TypeErrorCtor } from "./primordials.ts";
import { loadedWorker } from "./worker.ts";

const getPrototypeOf = Object.getPrototypeOf;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectPrototype = Object.prototype;
const prototypeDepthMax = 1000;

const reserved: Record<string, true> = {
  __proto__: null as unknown as true,
  fetch: true, connect: true, alarm: true, webSocketMessage: true, webSocketClose: true, webSocketError: true,
  scheduled: true, queue: true, tail: true, trace: true, email: true, test: true,
};

/** Whether class `cls` extends `base` (walked with captured functions: `instanceof` can be faked). */
export function extendsClass(cls: unknown, base: Function): boolean {
  if (typeof cls !== "function") return false;
  let p: unknown = getPrototypeOf(cls);
  for (let i = 0; i < prototypeDepthMax && p !== null; i++, p = getPrototypeOf(p)) if (p === base) return true;
  return false;
}

function notImplemented(member: string): TypeError {
  return new TypeErrorCtor(`The RPC receiver does not implement the method "${member}".`);
}

/** The member's descriptor from `start` up the prototype chain, stopping before `stop`. */
function findMember(start: object | null, stop: object, member: string): PropertyDescriptor | undefined {
  let p = start;
  for (let i = 0; i < prototypeDepthMax && p !== null && p !== stop && p !== ObjectPrototype; i++, p = getPrototypeOf(p) as object | null) {
    const descriptor = getOwnPropertyDescriptor(p, member);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

/** Runs one RPC call on `receiver`, an instance of a class extending the platform's `base`. */
export function invokeOnInstance(receiver: object, base: Function, call: RpcCall): unknown {
  const member = String(call.member);
  if (reserved[member] === true) throw new TypeErrorCtor(`'${member}' is a reserved method and cannot be called over RPC.`);
  if (member === "constructor") throw notImplemented(member);
  const descriptor = findMember(getPrototypeOf(receiver) as object | null, base.prototype as object, member);
  if (descriptor === undefined) throw notImplemented(member);
  const value = descriptor.get !== undefined ? ReflectApply(descriptor.get, receiver, []) : descriptor.value;
  if (call.access === "get") return value;
  if (typeof value !== "function") throw notImplemented(member);
  return ReflectApply(value, receiver, call.args);
}

/** An RPC call on a top-level object entrypoint: one argument, then env and ctx. */
function invokeOnObject(handler: object, call: RpcCall, env: unknown, ctx: unknown): unknown {
  const member = String(call.member);
  if (reserved[member] === true) throw new TypeErrorCtor(`'${member}' is a reserved method and cannot be called over RPC.`);
  const descriptor = findMember(handler, ObjectPrototype, member);
  const value = descriptor === undefined ? undefined : descriptor.get !== undefined ? ReflectApply(descriptor.get, handler, []) : descriptor.value;
  if (typeof value !== "function") throw notImplemented(member);
  if (call.args.length !== 1) {
    throw new TypeErrorCtor(
      `Attempted to call RPC function "${member}" with the wrong number of arguments. When calling a top-level handler function that is not declared as part of a class, you must always send exactly one argument. In order to support variable numbers of arguments, the server must use class-based syntax (extending WorkerEntrypoint) instead.`,
    );
  }
  return ReflectApply(value, handler, [call.args[0], env, ctx]);
}

/** The receiver of a service binding's call: a new WorkerEntrypoint instance, or the exported object. */
export type Entrypoint = { type: "class"; instance: object } | { type: "object"; handler: object; env: unknown; ctx: unknown };

export function entrypointFor(name: string | null, requestId: string): Entrypoint {
  const worker = loadedWorker();
  const exported = worker.exports[name ?? "default"];
  const ctx = createExecutionContext(requestId);
  if (typeof exported === "function") {
    if (!extendsClass(exported, WorkerEntrypoint)) throw new TypeErrorCtor(`The entrypoint ${name ?? "default"} is a class that does not extend WorkerEntrypoint (from "cloudflare:workers").`);
    return { type: "class", instance: new (exported as new (ctx: unknown, env: unknown) => object)(ctx, worker.env) };
  }
  if (typeof exported === "object" && exported !== null) return { type: "object", handler: exported, env: worker.env, ctx };
  throw new TypeErrorCtor(name === null ? "The worker has no default export to call" : `The worker has no entrypoint named "${name}"`);
}

export function invokeEntrypoint(entrypoint: Entrypoint, call: RpcCall): unknown {
  if (entrypoint.type === "class") return invokeOnInstance(entrypoint.instance, WorkerEntrypoint, call);
  return invokeOnObject(entrypoint.handler, call, entrypoint.env, entrypoint.ctx);
}

export const notRpcObjectMessage =
  'The receiving Durable Object does not support RPC, because its class was not declared with `extends DurableObject`. In order to enable RPC, make sure your class extends the special class `DurableObject`, which can be imported from the module "cloudflare:workers".';

export { DurableObject };
