// The caller's side of RPC: a stub whose every other property is a remote member, as in
// workerd. `stub.increment(1)` calls the method, `await stub.ready` reads a property (the
// member is both callable and thenable); the stub's own properties (`fetch`, `id`, `name`) and
// Object.prototype's stay local, and `then` is undefined so a stub can be awaited or returned
// from an async function. Each call is one `rpc` call to the host, which the world routes like
// any request to the object or the service.
import type { CallTarget, RpcCall } from "../../../server/sim/isolate-port.ts";
import { callHost } from "../runtime/calls.ts";
import { PromiseReject, ReflectApply } from "../runtime/primordials.ts";
import { rpcClone } from "../runtime/rpc-values.ts";

const ProxyCtor = Proxy;
const ReflectGet = Reflect.get;
const ObjectHasOwn = Object.hasOwn;
const promiseThen = Promise.prototype.then;
const promiseCatch = Promise.prototype.catch;
const promiseFinally = Promise.prototype.finally;
const localNames: Record<string, true> = { __proto__: null as unknown as true };
for (const name of Object.getOwnPropertyNames(Object.prototype)) localNames[name] = true;

async function invoke(target: CallTarget, member: string, access: RpcCall["access"], args: unknown[]): Promise<unknown> {
  const call: RpcCall = { member, access, args: rpcClone(args) as unknown[] };
  const reply = await callHost(target, "rpc", [call]);
  return reply.value;
}

function start(target: CallTarget, member: string, access: RpcCall["access"], args: unknown[]): Promise<unknown> {
  try {
    return invoke(target, member, access, args);
  } catch (error) {
    return PromiseReject(error);
  }
}

/** A remote member: calling it calls the method; awaiting it reads the property. */
function remoteMember(target: CallTarget, member: string): unknown {
  const property = (...args: unknown[]) => start(target, member, "call", args);
  const read = () => start(target, member, "get", []);
  Object.defineProperties(property, {
    // Null-prototype descriptors: a learner's getter on Object.prototype.enumerable never runs here.
    then: { __proto__: null, value: (onFulfilled: unknown, onRejected: unknown) => ReflectApply(promiseThen, read(), [onFulfilled, onRejected]) } as PropertyDescriptor,
    catch: { __proto__: null, value: (onRejected: unknown) => ReflectApply(promiseCatch, read(), [onRejected]) } as PropertyDescriptor,
    finally: { __proto__: null, value: (onFinally: unknown) => ReflectApply(promiseFinally, read(), [onFinally]) } as PropertyDescriptor,
  });
  return property;
}

/**
 * A stub over `local` (its own properties: fetch, id, name), tagged `tag` as workerd's stubs are
 * (`String(stub)` is "[object DurableObject]").
 */
const stubPrototypes: Record<string, object> = { __proto__: null } as never;

/** One frozen prototype per tag, shared by its stubs (as a class's instances share one). */
function stubPrototype(tag: string): object {
  return (stubPrototypes[tag] ??= Object.freeze(Object.create(Object.prototype, { [Symbol.toStringTag]: { __proto__: null, value: tag } as PropertyDescriptor })));
}

export function rpcStub(target: CallTarget, tag: string, local: PropertyDescriptorMap): object {
  const prototype = stubPrototype(tag);
  const base = Object.freeze(Object.create(prototype, local));
  return new ProxyCtor(base, {
    get(object, key, receiver) {
      if (typeof key === "symbol" || ObjectHasOwn(object, key) || localNames[key] === true) return ReflectGet(object, key, receiver);
      if (key === "then") return undefined;
      return remoteMember(target, key);
    },
  });
}
