// A test client for live sessions over a real WebSocket: it validates every server message
// against the protocol's schema (so a test fails on any malformed answer), keeps the session's
// trace from the `trace` chunks (with offsets and branches), and waits for the final answer to
// a message by its id.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { protocolVersion, serverMessage, type ClientMessageInput, type PendingEventInfo, type ServerMessage, type TraceEntry } from "../server/protocol/index.ts";
import { applyPendingChange } from "../server/protocol/pending-change.ts";
import { startServer, type ServerOptions, type StartedServer } from "../server/main.ts";

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "edge-data-"));
}

export async function startTestServer(options: ServerOptions = {}): Promise<StartedServer> {
  // The watchdog's deadline is wall time: on a test machine shared by other work an ordinary
  // slice can take longer than the product's 750 ms, so tests get a roomier one unless they pin it.
  return startServer({ port: 0, log: () => {}, dataDir: tempDataDir(), worldProcesses: 2, worldCommandMsMax: 2_500, ...options });
}

type Final = Exclude<ServerMessage, { type: "trace" | "pending" | "pending_changed" | "response" | "state" | "notice" | "resync_needed" | "welcome" }>;

export class LiveClient {
  readonly messages: ServerMessage[] = [];
  readonly trace: TraceEntry[] = [];
  readonly stepEnds: number[] = [];
  token: string | null = null;
  pending: { step: number; events: PendingEventInfo[]; total: number } | null = null;
  private nextId = 1;
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => this.receive(JSON.parse(data.toString()) as unknown));
  }

  static async connect(url: string, options: { origin?: string; token?: string | null } = {}): Promise<LiveClient> {
    const socket = new WebSocket(`${url.replace("http", "ws")}/ws`, { origin: options.origin ?? url });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("unexpected-response", (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
      socket.once("error", reject);
    });
    const client = new LiveClient(socket);
    const welcome = client.waitFor((m) => m.type === "welcome" || m.type === "error");
    socket.send(JSON.stringify({ type: "hello", version: protocolVersion, token: options.token ?? null }));
    const answer = await welcome;
    assert.equal(answer.type, "welcome", JSON.stringify(answer));
    if (answer.type === "welcome") client.token = answer.token;
    return client;
  }

  private receive(raw: unknown): void {
    const parsed = serverMessage.safeParse(raw);
    assert.ok(parsed.success, `the server sent a message outside the protocol: ${JSON.stringify(raw).slice(0, 300)} ${parsed.success ? "" : JSON.stringify(parsed.error.issues[0])}`);
    const message = parsed.data as ServerMessage;
    this.messages.push(message);
    if (message.type === "trace") {
      assert.ok(message.offset <= this.trace.length, `trace gap: offset ${message.offset}, have ${this.trace.length}; before: ${JSON.stringify(this.messages.slice(-8).map((m) => [m.type, "offset" in m ? m.offset : null, "replyTo" in m ? m.replyTo : null, m.type === "trace" ? m.entries.length : null]))}`);
      this.trace.length = message.offset;
      this.trace.push(...message.entries);
      message.stepEnds.forEach((end, i) => (this.stepEnds[message.firstStep + i] = end));
    }
    if (message.type === "pending") this.pending = { step: message.step, events: message.events, total: message.total };
    if (message.type === "pending_changed") {
      assert.ok(this.pending, "pending_changed before any pending");
      const events = applyPendingChange(this.pending.events, message);
      assert.equal(events.length, message.shown, `pending_changed disagrees with the list it changes: ${JSON.stringify(message)}`);
      this.pending = { step: message.step, events, total: message.total };
    }
    if (message.type === "branch") {
      this.trace.length = message.offset;
      this.stepEnds.length = message.step + 1;
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.match(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }

  /**
   * The next message that matches. With `since` (a `messages.length` read earlier), messages
   * received from then on count too: a streamed message can arrive in the same socket read as
   * the final answer the test awaited first, before a waiter registered after it exists.
   */
  waitFor(match: (m: ServerMessage) => boolean, timeoutMs = 60_000, since?: number): Promise<ServerMessage> {
    const already = since === undefined ? undefined : this.messages.slice(since).find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting; last messages: ${JSON.stringify(this.messages.slice(-3)).slice(0, 600)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** Sends a message with a fresh id and resolves with its final answer (an error included). */
  async call(message: ClientMessageInput): Promise<Final> {
    const id = this.nextId++;
    const answer = this.waitFor((m) => "replyTo" in m && m.replyTo === id && !["branch", "view", "lesson_loaded"].includes(m.type) || (m.type === "view" && m.replyTo === id && message.type === "seek"));
    this.socket.send(JSON.stringify({ ...message, id }));
    return (await answer) as Final;
  }

  /** Like call, but fails the test on an error answer. */
  async ok(message: ClientMessageInput): Promise<Final> {
    const answer = await this.call(message);
    assert.notEqual(answer.type, "error", `${message.type} failed: ${JSON.stringify(answer)}`);
    return answer;
  }

  lastState() {
    const states = this.messages.filter((m): m is Extract<ServerMessage, { type: "state" }> => m.type === "state");
    return states[states.length - 1]?.state;
  }

  /** The pending list as the last `pending` and the `pending_changed` after it make it. */
  lastPending() {
    return this.pending ?? undefined;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}

export const helloScenario = {
  name: "hello",
  seed: 7,
  world: { regions: ["us-east", "eu-west"] },
  worker: { code: `export default { fetch(req) { return new Response("hello from " + new URL(req.url).pathname) } }`, routes: ["a.example.com/*"] },
  traffic: [{ atMs: 0, from: "us-east", method: "GET", url: "https://a.example.com/first" }],
};
