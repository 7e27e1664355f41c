// Composition root: the HTTP server for the web app, the WebSocket gateway, and the supervised
// world process. It only wires.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";
import { createHttpHandler } from "./gateway/http.ts";
import { isAllowedOrigin } from "./gateway/origin.ts";
import { attachSession } from "./gateway/ws-session.ts";
import { gatewayLimits } from "./protocol.ts";
import { WorldSupervisor } from "./world/supervisor.ts";

export interface StartedServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: { port?: number; host?: string } = {}): Promise<StartedServer> {
  const host = options.host ?? "127.0.0.1";
  const world = new WorldSupervisor();
  const http = createServer(createHttpHandler(fileURLToPath(new URL("../web", import.meta.url))));
  const wss = new WebSocketServer({
    server: http,
    path: "/ws",
    maxPayload: gatewayLimits.wsMessageBytesMax,
    verifyClient: ({ origin, req }: { origin: string; req: { headers: { host?: string } } }) => isAllowedOrigin(origin, req.headers.host),
  });
  wss.on("connection", (socket) => attachSession(socket, world));
  await new Promise<void>((resolve) => http.listen(options.port ?? 8787, host, resolve));
  const address = http.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await world.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer({ port: Number(process.env.PORT ?? 8787) });
  console.log(`Edge Playground: ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
