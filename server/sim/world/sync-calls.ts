// The synchronous calls of worker code: `idFromName`, `newUniqueId` and `ctx.storage.sql.exec`.
// They answer at once, as on the platform, and are traced like any storage op.

import { objectIdFromName, objectIdUnique, uniqueIdRandomWordsMin } from "../durable-objects/placement.ts";
import type { SyncCall, SyncHandler, SyncResult } from "../isolate-port.ts";
import { exhaustiveSwitchError } from "../core/result.ts";
import type { TraceEntry } from "../core/trace.ts";
import type { Ctx } from "./context.ts";
import { namespaceOf, type ObjectsWorld } from "./objects-state.ts";

/**
 * The synchronous calls the objects concern serves to an isolate. They run during a delivery,
 * so their trace entries go to `traceSink`, which the delivering handler takes into its effects.
 */
export function syncHandlerFor(objects: ObjectsWorld, w: Ctx, traceSink: TraceEntry[], worker: string, isolateKey: string): SyncHandler {
  return (call: SyncCall): SyncResult => {
    switch (call.type) {
      case "object_id_from_name": {
        const ns = namespaceFor(w, worker, call.binding);
        return ns === null ? unbound(call.binding) : { ok: true, value: objectIdFromName(ns, call.name) };
      }
      case "object_id_unique": {
        const ns = namespaceFor(w, worker, call.binding);
        if (ns === null) return unbound(call.binding);
        const words = Array.from({ length: uniqueIdRandomWordsMin }, () => w.streams.objects.nextUint32());
        const id = objectIdUnique(ns, words);
        if (call.locationHint !== null) objects.uniqueHints.set(id, call.locationHint);
        return { ok: true, value: id };
      }
      case "sql":
        return sql(objects, w, traceSink, call.objectId, call.query, call.params, isolateKey);
      default:
        return exhaustiveSwitchError(call);
    }
  };
}

function sql(objects: ObjectsWorld, w: Ctx, traceSink: TraceEntry[], objectId: string, query: string, params: unknown[], isolateKey: string): SyncResult {
  const object = objects.byId.get(objectId);
  if (!object || object.isolate !== isolateKey) return { ok: false, error: { name: "Error", message: "sql.exec: this object is not running here" } };
  object.storage ??= w.deps.objectStorage.open(objectId);
  const result = object.storage.sql(query, params);
  traceSink.push({ kind: "do_storage", t: w.nowMs, object: objectId, req: object.current?.id ?? null, method: "sql", ok: result.ok });
  if (!result.ok && result.error.code === "sql_interrupted") {
    traceSink.push({ kind: "limit", t: w.nowMs, isolate: isolateKey, req: object.current?.id ?? null, limit: "sqlStatementMsMax", message: result.error.message });
  }
  return result.ok ? { ok: true, value: result.value } : { ok: false, error: { name: "Error", message: result.error.message } };
}

function namespaceFor(w: Ctx, worker: string, binding: string): string | null {
  // Deployments change code, never bindings, so the scenario's worker spec is authoritative.
  const spec = w.scenario.workers.find((s) => s.name === worker)?.bindings[binding];
  return spec?.type === "durable_object" ? namespaceOf(worker, spec.className) : null;
}

function unbound(binding: string): SyncResult {
  return { ok: false, error: { name: "TypeError", message: `${binding} is not a Durable Object namespace binding` } };
}
