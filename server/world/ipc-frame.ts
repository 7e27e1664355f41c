// One message between the gateway and a world process, framed as one buffer (v8's structured
// serialization, as Node's "advanced" IPC uses) so that its size is known before it is sent: a
// frame over `ipcMessageBytesMax` is refused with that name instead of being handed to the
// channel, and a value Node cannot serialize (nested thousands deep: `RangeError: Maximum call
// stack size exceeded`) is refused here rather than thrown inside the channel's send.
import { deserialize, serialize } from "node:v8";

export type Framed = { ok: true; frame: Buffer } | { ok: false; code: "message_too_large"; message: string; limit: string };

export function frame(value: unknown, bytesMax: number): Framed {
  let bytes: Buffer;
  try {
    bytes = serialize(value);
  } catch (error) {
    const detail = error instanceof RangeError ? "it is nested too deeply to serialize" : `it cannot be serialized (${(error as Error).message})`;
    return { ok: false, code: "message_too_large", message: `a message to the world process was refused: ${detail} (ipcMessageBytesMax)`, limit: "ipcMessageBytesMax" };
  }
  if (bytes.length > bytesMax) {
    return { ok: false, code: "message_too_large", message: `a message to the world process was refused: ${bytes.length} bytes is more than ${bytesMax} (ipcMessageBytesMax)`, limit: "ipcMessageBytesMax" };
  }
  return { ok: true, frame: bytes };
}

export function unframe<T>(data: unknown): T {
  return deserialize(data as Buffer) as T;
}
