// Error codes that cross the WebSocket. Each error says whose fault it was (STYLE.md rule 6):
// `user` — fix the message, the code or the scenario; `system` — the server failed, try again.

export const errorCodes = [
  "bad_message", // not JSON, unknown type, a field of the wrong shape (path names it)
  "version_mismatch", // hello with another protocol version
  "not_ready", // an operation before hello, or before a scenario is loaded
  "rate_limited", // messagesPerSecondMax
  "message_too_large", // wsMessageBytesMax or an IPC limit
  "limit", // any other named limit (the `limit` field names it)
  "invalid_scenario", // the scenario failed validation (path names the field)
  "worker_load_failed", // a worker did not compile or its module init failed
  "invalid_command", // a fault, deploy or request that the current world cannot take
  "no_such_event", // choose: the event is not pending
  "not_reorderable", // choose: the event happens at its time
  "no_such_session", // resume with an unknown or expired token
  "no_such_project",
  "no_such_lesson",
  "lab_failed", // a lesson's lab could not measure the code (labMsMax, or the code failed)
  "share_too_large", // shareFragmentCharsMax: save the project instead
  "bad_share_link",
  "world_process_died", // the world process died; the session is being recovered by replay
  "quarantined", // this session keeps killing world processes and is stopped
  "server_busy", // sessionsPerServerMax
  "shutting_down",
  "explore_running", // explore: one exploration per session at a time
  "no_exploration", // explore_cancel with none running
  "invalid_property", // explore: the property cannot be checked (a predicate that does not load)
  "instruments_off", // profile or snapshot while instruments are off: send instruments_set first
  "no_isolate", // no isolate of that worker is live at that step: send a request first
  "isolate_gone", // the isolate ended while it was measured (a limit)
  "heap_too_full", // heapSnapshotHeapShareMax: a snapshot of a near-limit heap is refused
  "snapshot_failed", // V8 could not take the snapshot (snapshot_too_large / _too_slow name their limit)
  "no_such_snapshot", // heap_compare names a snapshot this session does not hold
  "internal", // a bug: the message carries no detail of the host
] as const;

export type ErrorCode = (typeof errorCodes)[number];
export type ErrorBlame = "user" | "system";
