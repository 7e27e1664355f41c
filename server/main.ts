// Composition root: the HTTP server for the web app, the WebSocket gateway, and the supervised
// world process. It only wires.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";
import { checkAccess, isLoopbackHost, makeAccessPolicy, type AccessPolicy } from "./gateway/access.ts";
import { guardHttpServer, guardWebSocket, guardWebSocketServer, logToStderr, type LogLine } from "./gateway/emitter-errors.ts";
import { createHttpHandler } from "./gateway/http.ts";
import { isAllowedOrigin } from "./gateway/origin.ts";
import { attachSession } from "./gateway/ws-session.ts";
import { gatewayLimits } from "./protocol.ts";
import { WorldSupervisor } from "./world/supervisor.ts";

export interface StartedServer {
  url: string;
  /** The URL to open, with the access token when the server listens beyond loopback. */
  openUrl: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Comma-separated host names answered besides loopback (ALLOWED_HOSTS). */
  allowedHosts?: string;
  log?: LogLine;
  /** Require the access token even on loopback (tests); default: only beyond loopback. */
  requireToken?: boolean;
}

export async function startServer(options: ServerOptions = {}): Promise<StartedServer> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? logToStderr;
  const policy = makeAccessPolicy(host, options.allowedHosts, options.requireToken);
  const world = new WorldSupervisor();
  const http = createServer(createHttpHandler(fileURLToPath(new URL("../web", import.meta.url)), policy));
  guardHttpServer(http, log);
  const wss = new WebSocketServer({
    server: http,
    path: "/ws",
    maxPayload: gatewayLimits.wsMessageBytesMax,
    verifyClient: (info: { origin: string; req: Parameters<typeof checkAccess>[0] }, done: (ok: boolean, status?: number, message?: string) => void) => verifyUpgrade(info, policy, done),
  });
  guardWebSocketServer(wss, log);
  wss.on("connection", (socket) => {
    guardWebSocket(socket, log);
    attachSession(socket, world);
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
      await world.close();
    },
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
  const server = await startServer({ port: Number(process.env.PORT ?? 8787), host, allowedHosts: process.env.ALLOWED_HOSTS });
  console.log(`Edge Playground: ${server.openUrl}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
