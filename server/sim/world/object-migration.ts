// A region fails: every object it owns migrates to its backup region (storage is replicated,
// memory is lost) and each request waiting on it is answered 307 to the new owner. Objects stay
// at the backup after the region returns.

import { backupFor } from "../durable-objects/placement.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import { closeStorage, setState } from "./object-lifecycle.ts";
import { redirect } from "./objects.ts";
import type { ObjectRecord, ObjectsWorld } from "./objects-state.ts";

export function regionMigrate(objects: ObjectsWorld, ctx: Ctx, e: { region: string }): Effects {
  const out = new Effects();
  const healthy = new Set(ctx.network.topology.regions.filter((r) => !ctx.network.regionsDown.has(r)));
  for (const object of objects.byId.values()) {
    if (object.owner !== e.region) continue;
    const backup = backupFor(object.id, e.region, { ring: objects.ring, healthy });
    if (backup) migrate(ctx, out, object, backup.region);
  }
  return out;
}

function migrate(ctx: Ctx, out: Effects, object: ObjectRecord, to: string): void {
  const from = object.owner;
  object.owner = to;
  out.trace({ kind: "do_migrate", t: ctx.nowMs, object: object.id, from, to });
  const waiting = object.current ? [object.current, ...object.queue] : [...object.queue];
  for (const take of object.takes) out.cancel(take);
  out.cancel(object.idleCheck);
  object.takes = [];
  object.idleCheck = null;
  object.queue = [];
  object.current = null;
  const host = object.isolate;
  for (const request of waiting) {
    if (host !== null) out.now({ kind: "isolate_forget", isolate: host, req: request.id });
    redirect(ctx, out, object, request, ctx.nowMs);
  }
  object.isolate = null;
  closeStorage(ctx, object);
  if (object.state !== "evicted") setState(ctx, out, object, "evicted", "migrated");
}
