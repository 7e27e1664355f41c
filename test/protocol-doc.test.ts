// docs/protocol.md cannot go stale: this test builds it from the protocol's own zod schemas
// (every client and server message with its fields) and from a transcript of a real session it
// runs against a real server, and fails if the file differs. `UPDATE_DOCS=1 node
// scripts/run-tests.mjs protocol-doc` rewrites it.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { clientMessageJsonSchema, serverMessageJsonSchema } from "../server/protocol/json-schema.ts";
import { errorCodes, protocolLimits, protocolVersion } from "../server/protocol/index.ts";
import type { StartedServer } from "../server/main.ts";
import { helloScenario, LiveClient, startTestServer } from "./live-client.ts";

const docPath = fileURLToPath(new URL("../docs/protocol.md", import.meta.url));
let server: StartedServer;
before(async () => {
  server = await startTestServer({ worldProcesses: 1 });
});
after(() => server.close());

type Schema = { properties?: Record<string, Schema & { description?: string }>; required?: string[]; type?: string | string[]; enum?: unknown[]; const?: unknown; anyOf?: Schema[]; oneOf?: Schema[]; items?: Schema; description?: string };

function typeOf(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map(typeOf).join(" \\| ");
  if (s.type === "array") return `${s.items ? typeOf(s.items) : "any"}[]`;
  if (s.type === "object" && s.properties) return `{ ${Object.keys(s.properties).join(", ")} }`;
  return Array.isArray(s.type) ? s.type.join(" \\| ") : (s.type ?? "any");
}

function messageTable(schema: Schema): string {
  const variants = (schema.oneOf ?? schema.anyOf ?? []) as Schema[];
  return variants.map((v) => {
    const type = v.properties!.type!.const as string;
    const rows = Object.entries(v.properties!).filter(([k]) => k !== "type").map(([k, f]) => `| \`${k}\` | ${typeOf(f)} | ${(v.required ?? []).includes(k) ? "yes" : "no"} | ${(f.description ?? "").replace(/\|/g, "\\|")} |`);
    return `### \`${type}\`\n\n${rows.length === 0 ? "No fields.\n" : `| field | type | required | note |\n| --- | --- | --- | --- |\n${rows.join("\n")}\n`}`;
  }).join("\n");
}

/** A real session, with what is machine- or run-specific (tokens, measured ms) replaced. */
async function transcript(): Promise<string> {
  const client = await LiveClient.connect(server.url);
  const lines: string[] = [];
  const shown = new Set<number>();
  const flushReceived = () => {
    // Slices end on a wall-clock budget too, so how many trace chunks one command streams, and
    // which streamed messages (a response, pending) come before the last of them, varies by
    // machine: a command's chunks are shown merged, where its last chunk came.
    const fresh: typeof client.messages = [];
    client.messages.forEach((m, i) => {
      if (shown.has(i)) return;
      shown.add(i);
      const earlier = m.type === "trace" ? fresh.findIndex((f) => f.type === "trace") : -1;
      if (earlier < 0 || m.type !== "trace") return void fresh.push(m);
      const first = fresh.splice(earlier, 1)[0] as typeof m;
      fresh.push({ ...first, entries: [...first.entries, ...m.entries], stepEnds: [...first.stepEnds, ...m.stepEnds] });
    });
    for (const m of fresh) {
      const copy = JSON.parse(JSON.stringify(m)) as Record<string, unknown>;
      if (copy.type === "welcome") { copy.token = "<token>"; copy.limits = "{…the limits below…}"; }
      if (copy.type === "trace") {
        const entries = copy.entries as Record<string, unknown>[];
        const head: unknown[] = entries.slice(0, 4).map((e) => ({ ...e, measured: undefined }));
        copy.entries = entries.length > 4 ? [...head, `…${entries.length - 4} more`] : head;
      }
      if (copy.type === "view") copy.view = "{…WorldView…}";
      if (copy.type === "pending") copy.events = (copy.events as unknown[]).slice(0, 3);
      lines.push(`← ${JSON.stringify(copy)}`);
    }
  };
  flushReceived();
  const steps: { type: string; [k: string]: unknown }[] = [
    { type: "load_scenario", scenario: helloScenario },
    { type: "send_request", request: { from: "eu-west", method: "GET", url: "https://a.example.com/second" } },
    { type: "step_until", until: { kind: "response" } },
    { type: "step", count: 2 },
    { type: "seek", step: 2 },
    { type: "step", count: "two" },
  ];
  let id = 0;
  for (const message of steps) {
    const shownMessage = message.type === "load_scenario" ? { ...message, scenario: "{…hello scenario…}" } : message;
    lines.push(`→ ${JSON.stringify({ ...shownMessage, id: ++id })}`);
    await client.call(message as never);
    flushReceived();
  }
  await client.close();
  return lines.join("\n");
}

test("docs/protocol.md describes every message and carries a real transcript", async () => {
  const doc = `# The live-session protocol (version ${protocolVersion})

<!-- Generated by test/protocol-doc.test.ts from server/protocol/ and a real session; do not edit by hand. -->

The browser talks to the gateway over one WebSocket at \`/ws\` (same origin as the page). Every
message is a JSON object with a \`type\`. The definitions live in \`server/protocol/\` (zod); the
JSON Schemas are served at \`/schema/client-messages.json\`, \`/schema/server-messages.json\` and,
for scenario files, \`/schema/scenario.json\`.

- The client first sends \`hello\` with the protocol version and, to resume a session after a
  reload or a dropped connection, the \`token\` it kept from \`welcome\` (sessionStorage). The server
  answers \`welcome\` (version, token, limits, state), then streams the session's whole trace.
- Every other client message may carry an \`id\`. It gets exactly **one final answer** carrying
  \`replyTo: id\` — a specific reply, \`ack\`, or \`error\` — sent last, after a \`state\`. Auxiliary
  messages of the same operation (\`branch\`, \`view\` for a step in the past, \`lesson_loaded\`) and
  streamed ones (\`trace\`, \`pending\` or \`pending_changed\`, \`response\`, \`notice\`) come before it.
- Errors carry a \`code\` (${errorCodes.map((c) => `\`${c}\``).join(", ")}), a \`blame\` (\`user\`: fix the
  message, code or scenario; \`system\`: the server failed), the bad field's \`path\` and the
  \`limit\` hit, when there is one. No server path or stack trace is ever sent.
- A session is (scenario, seed, recorded actions by step index). Requests, deploys, faults,
  heals and choices are recorded; replaying them reproduces the trace byte for byte. This gives
  resume, \`seek\` back, branches, saved projects, share links and crash recovery.
- \`trace\` chunks carry \`offset\` (index of their first entry) and the step ends
  (\`stepEnds[i]\` = trace length after step \`firstStep + i\`), so a client can map every entry to
  its step. A client that falls behind by more than \`wsBufferedBytesMax\` gets \`resync_needed\`
  and asks again with \`resync { fromOffset }\`. Logs are the trace's \`log\` entries.
- What may run next: \`pending\` carries the first \`pendingEventsShownMax\` pending events in run
  order (time, then id) once; after it, \`pending_changed\` carries only what changed (\`removed\`
  ids, \`added\` events), applied by \`server/protocol/pending-change.ts\`. A client whose list is
  not \`shown\` long after a change sends \`resync\`, which sends the whole list again. Each is
  tagged with the \`step\` it is the list after, so a client can keep what was pending at earlier
  steps (the web app does, to show it when the learner steps back).
- \`seek\` backwards answers a \`view\` computed from the trace (the world is untouched); stepping
  forward in the past moves the view along the recorded future, and \`step_until\` stops at the
  first recorded step that meets its condition (\`ran: 0\`; past the head it runs the world); any world-changing action in the
  past first cuts the run there: the server sends \`branch { step, offset }\` (the trace after
  \`offset\` is dropped) and rebuilds the world by replay.
- If a world process dies, its sessions get a \`notice\` and are rebuilt on a fresh process at the
  same step. The event that killed it (one that stopped the process answering within
  \`worldCommandMsMax\`) is recorded as failing: its request gets 503 naming the limit, and
  replays skip it. The session whose code killed it is rebuilt alone on that slot's restarted
  process (for \`suspectSlotMs\`, 60 s), so if it kills again, its former neighbours keep theirs.
  A SQL query that never ends does not get that far: SQLite interrupts it past
  \`sqlStatementMsMax\` of CPU time and \`sql.exec\` throws an error naming the limit.
- Each session has its own budgets (\`sessionCpuMsPerMinuteMax\`, \`sessionMemoryMbMax\`,
  \`traceEntriesPerSessionMax\`): past one, that session alone is paused, or its world closed,
  with an error or notice coded \`limit\` that names it. A server may lower them, never raise them.

## Limits

| limit | value |
| --- | --- |
${Object.entries(protocolLimits).map(([k, v]) => `| \`${k}\` | ${v} |`).join("\n")}

## Client → server

${messageTable(clientMessageJsonSchema() as Schema)}
## Server → client

${messageTable(serverMessageJsonSchema() as Schema)}
## Transcript of a real session

Recorded by the test against a real server, world process and isolates (→ sent, ← received; long
trace chunks shortened, the token replaced).

\`\`\`
${await transcript()}
\`\`\`
`;
  if (process.env.UPDATE_DOCS === "1") writeFileSync(docPath, doc);
  let current = "";
  try {
    current = readFileSync(docPath, "utf8");
  } catch {
    // Missing: the assertion below says how to create it.
  }
  assert.equal(current, doc, "docs/protocol.md is stale: run UPDATE_DOCS=1 node scripts/run-tests.mjs protocol-doc");
});
