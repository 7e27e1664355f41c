// The server survives any WebSocket frame: each malformed frame, written raw on an upgraded
// socket of a real server, closes only that connection with the right close code and a log
// line; afterwards an ordinary run on another connection still works.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import { startServer, type StartedServer } from "../server/main.ts";
import { protocolLimits as gatewayLimits } from "../server/protocol/index.ts";
import { helloScenario, LiveClient, tempDataDir } from "./live-client.ts";

let server: StartedServer;
const logs: string[] = [];
before(async () => {
  server = await startServer({ port: 0, log: (line) => logs.push(line), dataDir: tempDataDir(), worldProcesses: 1 });
});
after(() => server.close());

/** Opens a raw TCP connection and performs the WebSocket upgrade by hand. */
async function rawUpgrade(): Promise<{ socket: Socket; received: () => Buffer; closed: Promise<void> }> {
  const { port, hostname } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  let data = Buffer.alloc(0);
  socket.on("data", (chunk) => { data = Buffer.concat([data, chunk]); });
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("error", () => {});
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.write([
    "GET /ws HTTP/1.1", `Host: ${hostname}:${port}`, "Upgrade: websocket", "Connection: Upgrade",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`, "Sec-WebSocket-Version: 13", `Origin: ${server.url}`, "", "",
  ].join("\r\n"));
  while (!data.includes("\r\n\r\n")) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.match(data.toString("latin1"), /^HTTP\/1\.1 101/);
  const headerEnd = data.indexOf("\r\n\r\n") + 4;
  return { socket, received: () => data.subarray(headerEnd), closed };
}

/** One frame: FIN set unless told otherwise, `firstByteExtra` ORed into byte 0 (RSV bits). */
function frame(opcode: number, payload: Buffer, options: { masked?: boolean; rsv?: number; declaredLength?: number } = {}): Buffer {
  const masked = options.masked ?? true;
  const length = options.declaredLength ?? payload.length;
  const head: number[] = [0x80 | (options.rsv ?? 0) | opcode];
  const maskBit = masked ? 0x80 : 0;
  let lengthBytes: Buffer;
  if (length < 126) lengthBytes = Buffer.from([maskBit | length]);
  else if (length < 65536) { lengthBytes = Buffer.alloc(3); lengthBytes[0] = maskBit | 126; lengthBytes.writeUInt16BE(length, 1); }
  else { lengthBytes = Buffer.alloc(9); lengthBytes[0] = maskBit | 127; lengthBytes.writeBigUInt64BE(BigInt(length), 1); }
  if (!masked) return Buffer.concat([Buffer.from(head), lengthBytes, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from(head), lengthBytes, mask, body]);
}

/** The close code the server sent back, read from its close frame (opcode 8). */
function closeCodeOf(bytes: Buffer): number | null {
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const opcode = bytes[offset]! & 0x0f;
    let length = bytes[offset + 1]! & 0x7f;
    let start = offset + 2;
    if (length === 126) { length = bytes.readUInt16BE(start); start += 2; }
    if (opcode === 8) return length >= 2 ? bytes.readUInt16BE(start) : null;
    offset = start + length;
  }
  return null;
}

const closeWithCode = (code: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(code); return b; };
const cases: { name: string; bytes: () => Buffer; code: number }[] = [
  { name: "text that is not UTF-8", bytes: () => frame(0x1, Buffer.from([0xc3, 0x28, 0xff])), code: 1007 },
  { name: "a message over the size limit", bytes: () => frame(0x2, Buffer.alloc(16), { declaredLength: gatewayLimits.wsMessageBytesMax + 1 }), code: 1009 },
  { name: "a frame with an RSV bit set", bytes: () => frame(0x1, Buffer.from("hi"), { rsv: 0x40 }), code: 1002 },
  { name: "an unmasked client frame", bytes: () => frame(0x1, Buffer.from("hi"), { masked: false }), code: 1002 },
  { name: "an unknown opcode", bytes: () => frame(0x3, Buffer.from("hi")), code: 1002 },
  { name: "a close frame with an invalid code", bytes: () => frame(0x8, closeWithCode(999)), code: 1002 },
];

for (const { name, bytes, code } of cases) {
  test(`${name} closes only that connection with ${code}`, async () => {
    const before = logs.length;
    const raw = await rawUpgrade();
    raw.socket.write(bytes());
    await raw.closed;
    assert.equal(closeCodeOf(raw.received()), code);
    assert.ok(logs.slice(before).some((line) => line.startsWith("ws: closed a connection after a protocol error")), "a log line says why");
    await assertOrdinaryRunWorks();
  });
}

async function assertOrdinaryRunWorks(): Promise<void> {
  const client = await LiveClient.connect(server.url);
  await client.ok({ type: "load_scenario", scenario: helloScenario });
  await client.ok({ type: "step_until", until: { kind: "response" } });
  // The request is answered (its status is the worker's business; under heavy load a cold isolate
  // can hit the CPU limit, which is still an answer from a working server).
  const response = client.messages.find((m) => m.type === "response");
  assert.ok(response?.type === "response" && response.response.req === "r1", JSON.stringify(response));
  await client.close();
}
