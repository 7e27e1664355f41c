// Marks the world process's beacon around every SQL statement: better-sqlite3 cannot interrupt
// one (ENGINEERING-NOTES.md), so when the supervisor has to kill a process that stopped
// answering, the beacon says whether a statement was running and the learner is told the
// limit it broke (`sqlStatementMsMax`) rather than a vague timeout.
import type { ObjectStorage, ObjectStorageProvider } from "../sim/durable-objects/storage-port.ts";
import type { BeaconWriter } from "./beacon.ts";

export function markSql(provider: ObjectStorageProvider, beacon: BeaconWriter): ObjectStorageProvider {
  return {
    open(objectId: string): ObjectStorage {
      const s = provider.open(objectId);
      return {
        get: (keys) => s.get(keys),
        put: (entries) => s.put(entries),
        delete: (keys) => s.delete(keys),
        list: (options) => s.list(options),
        deleteAll: () => s.deleteAll(),
        transaction: (ops) => s.transaction(ops),
        getAlarm: () => s.getAlarm(),
        setAlarm: (ms) => s.setAlarm(ms),
        deleteAlarm: () => s.deleteAlarm(),
        sql(query, params) {
          beacon.mark({ inSql: true });
          try {
            return s.sql(query, params);
          } finally {
            beacon.mark({ inSql: false });
          }
        },
      };
    },
    close: (objectId: string) => provider.close(objectId),
  };
}
