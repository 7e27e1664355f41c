// `ctx.storage` calls of an object, answered from the ObjectStorage port. Each operation is
// applied when the isolate issues it (in issue order, so a read sees the writes before it) and
// its answer is a separate event, so a learner can step between awaits. The answer is local to
// the object (not a network message), so it is never reordered.

import type { CallResult } from "../isolate-port.ts";
import type { ObjectStorage, StorageListOptions, StorageOp, StorageResult } from "../durable-objects/storage-port.ts";
import { defaults } from "../core/limits.ts";
import { callError, replyAt } from "./calls.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { Caller, CallOp } from "./events.ts";
import type { ObjectRecord, ObjectsWorld } from "./objects-state.ts";

export function storageCall(objects: ObjectsWorld, ctx: Ctx, e: { caller: Caller; op: CallOp; atMs: number }): Effects {
  const out = new Effects();
  const { caller, op, atMs } = e;
  const objectId = op.target.type === "storage" ? op.target.objectId : "";
  const object = objects.byId.get(objectId);
  let result: CallResult;
  if (!object) result = callError("Error", `no Durable Object ${objectId} in this world`);
  else {
    object.storage ??= ctx.deps.objectStorage.open(objectId);
    result = runStorageMethod(object.storage, op.method, op.args);
    if (result.ok && op.method === "setAlarm") scheduleAlarm(ctx, out, object, op.args[0] as number);
    if (result.ok && (op.method === "deleteAlarm" || op.method === "deleteAll")) cancelAlarm(out, object);
  }
  out.trace({ kind: "do_storage", t: ctx.nowMs, object: objectId, req: op.requestId, method: op.method, ok: result.ok });
  replyAt(out, caller, op.callId, atMs + defaults.storageOpMs, result, `storage ${op.method}`, false);
  return out;
}

function runStorageMethod(storage: ObjectStorage, method: string, args: unknown[]): CallResult {
  const a0 = args[0];
  switch (method) {
    case "get": {
      const found = storage.get(a0 as string[]);
      return found.ok ? { ok: true, value: [...found.value.entries()] } : toError(found);
    }
    case "put": return asNull(storage.put(a0 as [string, unknown][]));
    case "delete": return asValue(storage.delete(a0 as string[]));
    case "list": return asValue(storage.list((a0 ?? {}) as StorageListOptions));
    case "deleteAll": return asNull(storage.deleteAll());
    case "transaction": return asNull(storage.transaction(toStorageOps(a0)));
    case "getAlarm": return { ok: true, value: storage.getAlarm() };
    case "setAlarm": return asNull(storage.setAlarm(a0 as number));
    case "deleteAlarm":
      storage.deleteAlarm();
      return { ok: true, value: null };
    default:
      return callError("TypeError", `storage has no method ${method}`);
  }
}

/** The wire's `{ op: "put", entries } | { op: "delete", keys }` batch as the port's ops. */
function toStorageOps(value: unknown): StorageOp[] {
  const ops = Array.isArray(value) ? value : [];
  return ops.map((o: { op?: string; entries?: [string, unknown][]; keys?: string[] }) =>
    o.op === "put" ? { type: "put", entries: o.entries ?? [] } : { type: "delete", keys: o.keys ?? [] });
}

function asNull(result: StorageResult<unknown>): CallResult {
  return result.ok ? { ok: true, value: null } : toError(result);
}

function asValue(result: StorageResult<unknown>): CallResult {
  return result.ok ? { ok: true, value: result.value } : toError(result);
}

/** SQL errors and SQLite's own refusals (a row too big) are plain Errors, as workerd throws them. */
function toError(result: { ok: false; error: { code: string; message: string } }): CallResult {
  const { code, message } = result.error;
  return callError(code.startsWith("sql") || code === "value_too_large" ? "Error" : "TypeError", message);
}

function scheduleAlarm(ctx: Ctx, out: Effects, object: ObjectRecord, atMs: number): void {
  cancelAlarm(out, object);
  // The platform runs an alarm set in the past "in the immediate future": a minimum virtual
  // delay, so an alarm that re-arms itself for "now" lets virtual time (and other requests) move on.
  const earliestMs = ctx.nowMs + defaults.alarmDelayMsMin;
  const dueMs = Math.ceil(atMs);
  object.alarm = out.at(Number.isFinite(dueMs) && dueMs > earliestMs ? dueMs : earliestMs, { kind: "object_alarm", object: object.id });
  object.alarmRetries = 0;
}

function cancelAlarm(out: Effects, object: ObjectRecord): void {
  out.cancel(object.alarm);
  object.alarm = null;
}
