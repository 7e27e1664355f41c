// RPC in the world: a call on a Durable Object stub or a service binding is a request like any
// other (routed, queued behind the input gate, traced); only its payload and its answer differ.
// Its answer is a CallResult (the member's cloned value, or the error to rethrow), not an HTTP
// response. When the world itself must fail such a request (the isolate ended, the object moved,
// the worker failed to load) it has an HTTP response in hand: the caller gets it as an Error
// carrying the response's text, as a thrown error is what an RPC caller can see.

import type { CallResult, RpcCall, WireResponse } from "../isolate-port.ts";
import { textResponse } from "./wire.ts";

const memberCharsMax = 80;
const nameCharsShown = 40;

/** `Counter:A.increment()` or `Counter:A.ready` (a property read): how the trace names a call. */
export function rpcLabel(receiver: string, call: RpcCall): string {
  const member = String(call.member).slice(0, memberCharsMax);
  return call.access === "call" ? `${receiver}.${member}()` : `${receiver}.${member}`;
}

/** The name of an object as the trace shows it: its class and its name (or the id's first digits). */
export function objectReceiver(className: string, name: string | null, id: string): string {
  return `${className}:${name === null ? id.slice(0, 8) : name.slice(0, nameCharsShown)}`;
}

/** Stands in for the HTTP answer where the world's bookkeeping wants one (status only). */
export function rpcStandIn(result: CallResult): WireResponse {
  return textResponse(result.ok ? 200 : 500, "");
}

/** The outcome an RPC caller sees: the isolate's result, or an Error made from the world's response. */
export function rpcOutcome(result: CallResult | undefined, response: WireResponse): CallResult {
  if (result !== undefined) return result;
  return { ok: false, error: { name: "Error", message: utf8Decode(response.body ?? new Uint8Array(0)) || `status ${response.status}` } };
}

/** UTF-8 to a string (the pure core has no TextDecoder); malformed bytes become U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (size === 0 || i + size > bytes.length) {
      out += "\ufffd";
      i++;
      continue;
    }
    let cp = size === 1 ? b : b & (0xff >> (size + 1));
    for (let j = 1; j < size; j++) cp = (cp << 6) | (bytes[i + j]! & 0x3f);
    out += String.fromCodePoint(cp);
    i += size;
  }
  return out;
}

export function rpcResultLabel(label: string, result: CallResult): string {
  return result.ok ? `${label} returns` : `${label} throws ${result.error.name}`;
}
