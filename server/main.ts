// Composition root: the HTTP server for the web app, the WebSocket gateway with its live
// sessions, the saved projects, and the pool of supervised world processes. It only wires.
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";
import { checkAccess, isLoopbackHost, makeAccessPolicy, type AccessPolicy } from "./gateway/access.ts";
import { guardHttpServer, guardWebSocket, guardWebSocketServer, logToStderr, type LogLine } from "./gateway/emitter-errors.ts";
import { createHttpHandler } from "./gateway/http.ts";
import { isAllowedOrigin } from "./gateway/origin.ts";
import { attachLiveSocket } from "./gateway/live-socket.ts";
import { healthOf } from "./gateway/health.ts";
import { protocolLimits, sessionBudgetsOf, type SessionBudgets } from "./protocol/limits.ts";
import { clientMessageJsonSchema, serverMessageJsonSchema } from "./protocol/json-schema.ts";
import { scenarioJsonSchema } from "./sim/scenario-schema.ts";
import { SessionRegistry } from "./sessions/registry.ts";
import { ProjectStore } from "./store/projects.ts";
import { WorldPool } from "./world/pool.ts";

export interface StartedServer {
  url: string;
  /** The URL to open, with the access token when the server listens beyond loopback. */
  openUrl: string;
  close(): Promise<void>;
  pool: WorldPool;
  sessions: SessionRegistry;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Comma-separated host names answered besides loopback (ALLOWED_HOSTS). */
  allowedHosts?: string;
  log?: LogLine;
  /** Require the access token even on loopback (tests); default: only beyond loopback. */
  requireToken?: boolean;
  /** Saved projects and session directories (DATA_DIR, default ./data). */
  dataDir?: string;
  /** World processes (default: one per core). */
  worldProcesses?: number;
  /** Closes a session with no connection after this long (default sessionIdleMs). */
  sessionIdleMs?: number;
  sessionsMax?: number;
  /** Deadline of one world command before the watchdog kills the process. */
  worldCommandMsMax?: number;
  /** Overrides ipcMessageBytesMax (tests of the bound). */
  ipcMessageBytesMax?: number;
  /** Overrides the per-connection message rate limit (tests that must reach the parser). */
  rate?: { perSecond: number; burst: number };
  /** Lowers each session's own budgets (CPU share, memory, trace entries); never raises them. */
  sessionBudgets?: Partial<SessionBudgets>;
}

export async function startServer(options: ServerOptions = {}): Promise<StartedServer> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? logToStderr;
  const policy = makeAccessPolicy(host, options.allowedHosts, options.requireToken);
  const dataDir = resolve(options.dataDir ?? "data");
  const projects = new ProjectStore(dataDir);
  let registry: SessionRegistry | null = null;
  // Checked before anything starts: a budget above its default is refused by name.
  sessionBudgetsOf(options.sessionBudgets);
  const pool = new WorldPool({
    ...(options.sessionBudgets === undefined ? {} : { sessionBudgets: options.sessionBudgets }),
    ...(options.worldProcesses === undefined ? {} : { size: options.worldProcesses }),
    ...(options.worldCommandMsMax === undefined ? {} : { commandMsMax: options.worldCommandMsMax }),
    ...(options.ipcMessageBytesMax === undefined ? {} : { ipcMessageBytesMax: options.ipcMessageBytesMax }),
    runtimeDir: join(tmpdir(), `edge-playground-${process.pid}`),
    sessionsDir: join(dataDir, "sessions", String(process.pid)),
    onDeath: (death, sessions) => {
      log(`world process ${death.pid} died (${death.cause}${death.beacon ? `, running session ${death.beacon.sessionId} step ${death.beacon.step}` : ""}); ${sessions.length} sessions recover by replay`);
      registry?.onDeath(death, sessions);
    },
  });
  const sessions = new SessionRegistry(pool, { ...(options.sessionIdleMs === undefined ? {} : { sessionIdleMs: options.sessionIdleMs }), ...(options.sessionsMax === undefined ? {} : { sessionsMax: options.sessionsMax }), ...(options.sessionBudgets === undefined ? {} : { sessionBudgets: options.sessionBudgets }) });
  registry = sessions;
  const http = createServer(
    createHttpHandler(fileURLToPath(new URL("../web/dist", import.meta.url)), policy, {
      "/healthz": () => healthOf(pool, sessions),
      "/schema/scenario.json": () => ({ status: 200, body: scenarioJsonSchema() }),
      "/schema/client-messages.json": () => ({ status: 200, body: clientMessageJsonSchema() }),
      "/schema/server-messages.json": () => ({ status: 200, body: serverMessageJsonSchema() }),
    }, (token, name) => sessions.download(token, name)),
  );
  guardHttpServer(http, log);
  const wss = new WebSocketServer({
    server: http,
    path: "/ws",
    maxPayload: protocolLimits.wsMessageBytesMax,
    verifyClient: (info: { origin: string; req: Parameters<typeof checkAccess>[0] }, done: (ok: boolean, status?: number, message?: string) => void) => verifyUpgrade(info, policy, done),
  });
  guardWebSocketServer(wss, log);
  wss.on("connection", (socket) => {
    guardWebSocket(socket, log);
    attachLiveSocket(socket, { registry: sessions, projects, log, ...(options.rate ? { rate: options.rate } : {}) });
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 8787, host, resolve));
  const address = http.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    openUrl: policy.token === null ? url : `${url}/?token=${policy.token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await sessions.closeAll();
      await pool.close();
      projects.close();
    },
    pool,
    sessions,
  };
}

function verifyUpgrade(info: { origin: string; req: Parameters<typeof checkAccess>[0] }, policy: AccessPolicy, done: (ok: boolean, status?: number, message?: string) => void): void {
  const access = checkAccess(info.req, policy);
  if (!access.ok) return done(false, access.status, "Forbidden host or missing access token");
  if (!isAllowedOrigin(info.origin, info.req.headers.host)) return done(false, 401, "Origin does not match this server");
  done(true);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const host = process.env.HOST ?? "127.0.0.1";
  if (!isLoopbackHost(host)) {
    console.warn(`Warning: HOST=${host} is not loopback: anyone who can reach this address and has the token can run code here.`);
  }
  const server = await startServer({ port: Number(process.env.PORT ?? 8787), host, allowedHosts: process.env.ALLOWED_HOSTS, dataDir: process.env.DATA_DIR ?? "data" });
  console.log(`Edge Playground: ${server.openUrl}`);
  // Saves are committed as they happen (SQLite WAL); closing ends the sessions and world processes.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
