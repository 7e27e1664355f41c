// An `error` event with no listener throws and ends the process. Everything the server owns that
// can emit one gets a listener here, so a bad peer ends only its own connection.
import type { Server } from "node:http";
import type { Socket } from "node:net";
import type { WebSocket, WebSocketServer } from "ws";

export type LogLine = (line: string) => void;

export const logToStderr: LogLine = (line) => process.stderr.write(`${line}\n`);

/**
 * HTTP: a malformed request ends that socket with 400 (Node's default answer once a
 * `clientError` listener exists it is ours to give); a socket reset mid-answer is logged.
 */
export function guardHttpServer(server: Server, log: LogLine): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    log(`http: bad request from a client (${error.code ?? error.message}); closed that connection`);
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  server.on("connection", (socket: Socket) => {
    socket.on("error", (error: NodeJS.ErrnoException) => log(`http: connection error (${error.code ?? error.message})`));
  });
  server.on("error", (error) => log(`http: server error (${error.message})`));
}

export function guardWebSocketServer(wss: WebSocketServer, log: LogLine): void {
  wss.on("error", (error) => log(`ws: server error (${error.message})`));
  wss.on("wsClientError", (error: Error, socket: Socket) => {
    log(`ws: refused a bad upgrade (${error.message})`);
    socket.destroy();
  });
}

/**
 * A protocol violation on one connection (text that is not UTF-8, a message over the size
 * limit, RSV bits, an unmasked frame, an unknown opcode, a bad close code): `ws` has already
 * started closing it with the right code (1007, 1009, 1002); we log it and let it go.
 */
export function guardWebSocket(socket: WebSocket, log: LogLine): void {
  socket.on("error", (error: Error & { code?: string }) => {
    log(`ws: closed a connection after a protocol error (${error.code ?? "error"}: ${error.message})`);
  });
}
