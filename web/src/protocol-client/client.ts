// The WebSocket client of the live-session protocol (server/protocol, types only): it says hello
// with the session token kept in sessionStorage (so a reload resumes the same world), matches
// answers to requests by id, and turns every server message into store actions. It reconnects
// with backoff when the connection drops.
import type { ClientMessageInput, ServerMessage, ServerMessageOf } from "../../../server/protocol/index.ts";
import type { AppStore } from "../store/index.ts";
import { handleServerMessage } from "./handle.ts";

/** Must equal server/protocol/version.ts (a unit test compares them). */
export const clientProtocolVersion = 3;
export const tokenStorageKey = "edge-playground:session";
const reconnectDelayMsMax = 5_000;
const answerTimeoutMs = 60_000;

type Outgoing = Exclude<ClientMessageInput, { type: "hello" }>;
type Waiter = { resolve(m: ServerMessage): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> };

export class ServerError extends Error {
  constructor(readonly answer: ServerMessageOf<"error">) { super(`${answer.code}: ${answer.message}`); }
}

export class ProtocolClient {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private reconnectDelayMs = 250;
  private onWelcome: (() => void)[] = [];
  /** Every message received, for tests; bounded. */
  readonly log: string[] = [];

  constructor(private readonly store: AppStore, private readonly url: string, private readonly storage: { getItem(key: string): string | null; setItem(key: string, value: string): void }) {}

  connect(): void {
    this.store.getState().setConnection("connecting");
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.reconnectDelayMs = 250;
      socket.send(JSON.stringify({ type: "hello", version: clientProtocolVersion, token: this.storage.getItem(tokenStorageKey) }));
    });
    socket.addEventListener("message", (event) => this.receive(String(event.data)));
    socket.addEventListener("close", () => {
      if (this.socket !== socket) return;
      this.store.getState().setConnection("closed");
      for (const [id, w] of this.waiting) { clearTimeout(w.timer); w.reject(new Error("the connection closed")); this.waiting.delete(id); }
      setTimeout(() => this.connect(), this.reconnectDelayMs);
      this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, reconnectDelayMsMax);
    });
  }

  /** Runs `fn` after the next welcome (at once if the session is open). */
  whenOpen(fn: () => void): void {
    if (this.store.getState().connection === "open") fn();
    else this.onWelcome.push(fn);
  }

  /** Sends a message and resolves with its answer (rejects with ServerError on `error`). */
  request(message: Outgoing): Promise<ServerMessage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.socket?.readyState !== WebSocket.OPEN) { reject(new Error("not connected")); return; }
      const timer = setTimeout(() => { this.waiting.delete(id); reject(new Error(`no answer to ${message.type} within ${answerTimeoutMs} ms`)); }, answerTimeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ ...message, id }));
    });
  }

  /** Sends without waiting; an error still reaches the learner as a notice. */
  fire(message: Outgoing): void {
    this.request(message).catch((error: unknown) => this.report(error));
  }

  report(error: unknown): void {
    if (error instanceof ServerError) return; // already shown by the error handler
    this.store.getState().notify("error", error instanceof Error ? error.message : String(error));
  }

  private receive(raw: string): void {
    let message: ServerMessage;
    try { message = JSON.parse(raw) as ServerMessage; } catch { return; }
    if (this.log.length < 2_000) this.log.push(message.type);
    if (message.type === "welcome") {
      if (message.version !== clientProtocolVersion) {
        this.store.getState().notify("error", `The server speaks protocol ${String(message.version)}, this page ${clientProtocolVersion}: reload the page.`);
        return;
      }
      this.storage.setItem(tokenStorageKey, message.token);
    }
    handleServerMessage(this.store, message, (m) => this.fire(m));
    if (message.type === "welcome") {
      const queued = this.onWelcome;
      this.onWelcome = [];
      for (const fn of queued) fn();
    }
    const replyTo = "replyTo" in message ? message.replyTo : null;
    if (replyTo === null || replyTo === undefined) return;
    const waiter = this.waiting.get(replyTo);
    if (!waiter) return;
    this.waiting.delete(replyTo);
    clearTimeout(waiter.timer);
    if (message.type === "error") waiter.reject(new ServerError(message));
    else waiter.resolve(message);
  }
}
