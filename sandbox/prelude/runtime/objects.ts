// Durable Object instances living in this isolate. The world sends each object's requests one
// at a time (its input gate); here we construct the instance on first use, wait for any
// blockConcurrencyWhile work its constructor started, and drop it when the world evicts it.
import { createObjectStorage } from "../bindings/object-storage.ts";
import { requestFromWire } from "../web/index.ts";
import type { RpcCall } from "../../../server/sim/isolate-port.ts";
import { answer, answerRpc, runToCompletion } from "./answer.ts";
import { trackWaitUntil } from "./execution-context.ts";
import { setCurrentRequestId } from "./ops.ts";
import { arrayAppend, ArrayPrototypeShift, MapCtor, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, PromiseReject, PromiseResolve, ReflectApply, whenSettled } from "./primordials.ts";
import { loadedWorker } from "./worker.ts";
import { DurableObject, extendsClass, invokeOnInstance, notRpcObjectMessage } from "./rpc-receiver.ts";

interface ObjectInstance {
  instance: Record<string, unknown>;
  /** Work started with blockConcurrencyWhile; events wait for it. */
  blockers: Promise<unknown>[];
}

const instances: Map<string, ObjectInstance> = new MapCtor();

function instanceFor(className: string, objectId: string, objectName: string | null, requestId: string): ObjectInstance {
  const existing = MapPrototypeGet(instances, objectId);
  if (existing !== undefined) return existing;
  const worker = loadedWorker();
  const ObjectClass = worker.exports[className] as new (state: unknown, env: unknown) => Record<string, unknown>;
  const entry: ObjectInstance = { instance: {}, blockers: [] };
  const id = Object.freeze({ toString: () => objectId, name: objectName ?? undefined, equals: (o: unknown) => String(o) === objectId });
  const state = Object.freeze({
    id,
    storage: createObjectStorage(objectId, () => typeof entry.instance.alarm === "function"),
    blockConcurrencyWhile: (fn: () => unknown) => {
      const work = whenSettled(PromiseResolve(undefined), () => fn(), (error) => PromiseReject(error));
      arrayAppend(entry.blockers, work);
      return work;
    },
    waitUntil: (promise: unknown) => trackWaitUntil(requestId, promise),
  });
  entry.instance = new ObjectClass(state, worker.env);
  MapPrototypeSet(instances, objectId, entry);
  return entry;
}

async function whenReady(entry: ObjectInstance): Promise<void> {
  while (entry.blockers.length > 0) await ArrayPrototypeShift(entry.blockers);
}

export function handleObjectFetch(requestId: string, className: string, objectId: string, objectName: string | null, wire: never): void {
  setCurrentRequestId(requestId);
  answer(requestId, async () => {
    const entry = instanceFor(className, objectId, objectName, requestId);
    await whenReady(entry);
    const fetch = entry.instance.fetch;
    if (typeof fetch !== "function") throw new TypeError(`Durable Object class ${className} has no fetch() method`);
    // Awaited here: returning the handler's promise would resolve ours with it, calling its `then`.
    return await ReflectApply(fetch, entry.instance, [requestFromWire(wire, true)]);
  });
}

/** A method call or property read on the object's stub; only classes extending DurableObject take RPC. */
export function handleObjectRpc(requestId: string, className: string, objectId: string, objectName: string | null, call: RpcCall): void {
  setCurrentRequestId(requestId);
  answerRpc(requestId, async () => {
    if (!extendsClass(loadedWorker().exports[className], DurableObject)) throw new TypeError(notRpcObjectMessage);
    const entry = instanceFor(className, objectId, objectName, requestId);
    await whenReady(entry);
    return await invokeOnInstance(entry.instance, DurableObject, call);
  });
}

export function handleObjectAlarm(requestId: string, className: string, objectId: string, objectName: string | null): void {
  setCurrentRequestId(requestId);
  runToCompletion(requestId, async () => {
    const entry = instanceFor(className, objectId, objectName, requestId);
    await whenReady(entry);
    const alarm = entry.instance.alarm;
    if (typeof alarm !== "function") throw new TypeError(`Durable Object class ${className} has no alarm() method`);
    return await ReflectApply(alarm, entry.instance, []);
  });
}

export function evictObject(objectId: string): void {
  MapPrototypeDelete(instances, objectId);
}
