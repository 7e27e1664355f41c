// The Web API layer that runs inside each isolate: installWebApis defines the globals, and the
// *Wire functions convert between this layer's Request/Response and the plain data the runtime
// exchanges with the host. The conversions run on the runtime's behalf after worker code has had
// a chance to patch builtins, so they use only builtins captured at load (primordials.ts), touch
// no lazily loaded code, and return null-prototype records (resolving a promise with an object
// reads its `then`, which a patched Object.prototype could otherwise intercept).

import type { RequestCf, WireRequest, WireResponse } from "../../../server/sim/isolate-port.ts";
import { atob, btoa } from "./base64.ts";
import { bodyByteLength, hasStreamBody, newBodySource, takeBodyAsync, takeBytesOrNull } from "./body.ts";
import { createCrypto, Crypto, SubtleCrypto } from "./crypto.ts";
import { CryptoKey } from "./crypto-key.ts";
import { DOMException } from "./dom-exception.ts";
import type { SubtleHostOp } from "./subtle.ts";
import { TextDecoder, TextEncoder } from "./encoding.ts";
import { Headers, headerPairs, headersFromPairs } from "./headers.ts";
import { ObjectDefineProperty, PromiseReject, PromiseResolve, SafeString, copyBytes, dataDescriptor } from "./primordials.ts";
import { createRequest, getRequestFields, isRequest, normalizeMethod, Request } from "./request.ts";
import { createResponse, getResponseFields, isResponse, Response } from "./response.ts";
import { structuredClone } from "./structured-clone.ts";
import { installLazyEventGlobals, loadEventsApi } from "./events-lazy.ts";
import { installLazyFormGlobals } from "./forms-lazy.ts";
import { defineLazyGlobals, evaluateChunk, registerChunk } from "./lazy-chunks.ts";
export { registerChunk };
import { installLazyStreamGlobals } from "./streams-lazy.ts";
import { installLazyUrlGlobals, loadUrlApi, type LazyChunkName, type LazyChunkSource } from "./url-lazy.ts";

export type { SubtleHostOp };
export { atob, btoa, Crypto, CryptoKey, DOMException, Headers, Request, Response, structuredClone, SubtleCrypto, TextDecoder, TextEncoder };
export type { RequestInit } from "./request.ts";
export type { ResponseInit } from "./response.ts";
export type { HeadersInit } from "./headers.ts";
export type { BodyInit } from "./body.ts";
export type { LazyChunkName, LazyChunkSource };
export { getRandomValuesBytesMax } from "./crypto.ts";
/** Brand checks (#private), unlike instanceof, which worker code can fool via Symbol.hasInstance. */
export { bodyByteLength, isRequest, isResponse };

export interface WebDeps {
  /** Fills `bytes` with seeded random bytes (the runtime's PRNG). */
  fillRandom(bytes: Uint8Array): void;
  /** Synchronous digest computed by the host with node:crypto; algorithm is one of "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512". */
  digest(algorithm: string, data: Uint8Array): Uint8Array;
  /** HMAC and AES-GCM computed by the host with node:crypto (crypto.subtle sign/verify/encrypt/decrypt). */
  subtle?(op: SubtleHostOp): Uint8Array;
  /**
   * Returns the source text of a lazy chunk built by build-chunks.mjs ("url": whatwg-url's URL
   * and URLSearchParams; "idna": the UTS #46 table for non-ASCII hosts). Called at most once per
   * chunk per isolate, on first use. Without it, URL and URLSearchParams throw a TypeError saying
   * so, and Request/Response.redirect accept only URLs already in canonical form.
   */
  lazySource?(name: LazyChunkName): string;
  /**
   * Called when the evaluation of a chunk has ended (also when it threw). Loading a chunk is the
   * runtime's own cold cost, not the code's that first touched it: the runtime measures from
   * lazySource / loadChunk to here and keeps it off the request's CPU time.
   */
  lazyLoaded?(name: LazyChunkName): void;
  /** Has the host evaluate a chunk and pass its export to registerChunk (preferred to lazySource). */
  loadChunk?(name: LazyChunkName): void;
  /** The virtual clock (File's default lastModified); 0 without it. */
  nowMs?(): number;
  /** The runtime's setTimeout (AbortSignal.timeout); without it AbortSignal.timeout throws. */
  setTimeout?(callback: () => void, ms: number): unknown;
  /** Reports an error an event listener threw. */
  reportError?(error: unknown): void;
}

// The wire shapes are the world's contract (server/sim/isolate-port.ts); one definition.
export type RequestWire = WireRequest;
export type ResponseWire = WireResponse;

export function installWebApis(global: Record<string, unknown>, deps: WebDeps): void {
  const crypto = createCrypto(deps);
  const lazySource = deps.lazySource;
  const loadChunk = deps.loadChunk;
  installLazyUrlGlobals(global, lazySource === undefined ? undefined : (name) => lazySource(name), loadChunk === undefined ? undefined : (name) => loadChunk(name), deps.lazyLoaded);
  installLazyStreamGlobals(global);
  const nowMs = deps.nowMs;
  const fillRandom = deps.fillRandom;
  installLazyFormGlobals(global, { fillRandom: (bytes) => fillRandom(bytes), nowMs: () => (nowMs === undefined ? 0 : nowMs()) });
  installLazyEventGlobals(global, { setTimeout: deps.setTimeout, reportError: deps.reportError });
  let urlPattern: unknown;
  defineLazyGlobals(global, ["URLPattern"], () => {
    urlPattern ??= evaluateChunk("urlpattern", (create: () => { URLPattern: unknown }) => create().URLPattern);
    return { URLPattern: urlPattern };
  });
  const globals: Record<string, unknown> = {
    Headers,
    Request,
    Response,
    TextEncoder,
    TextDecoder,
    DOMException,
    Crypto,
    SubtleCrypto,
    CryptoKey,
    crypto,
    atob,
    btoa,
    structuredClone,
  };
  for (const name of Object.keys(globals)) ObjectDefineProperty(global, name, dataDescriptor(globals[name]));
}

/**
 * An incoming request from the host: URL and headers are trusted, the headers immutable.
 * `owned` says the wire's body is a fresh copy nothing else holds (the host's delivery), so the
 * request takes it over instead of copying it once more.
 */
/** The world's cf, copied field by field as strings (the event came over the isolate boundary). */
function copyOfCf(cf: RequestCf): RequestCf {
  return { colo: SafeString(cf.colo), region: SafeString(cf.region), ...(cf.tlsVersion === undefined ? {} : { tlsVersion: SafeString(cf.tlsVersion) }) };
}

export function requestFromWire(wire: RequestWire, owned = false, cf?: RequestCf): Request {
  const headers = headersFromPairs(wire.headers, "immutable");
  const fields = { method: normalizeMethod(wire.method), url: SafeString(wire.url), headers, redirect: "manual", cf: cf === undefined ? undefined : copyOfCf(cf) };
  return createRequest(fields, bodySourceOf(wire.body, owned));
}

function bodySourceOf(body: Uint8Array | null, owned: boolean) {
  if (body === null) return null;
  return newBodySource(owned ? body : copyBytes(body));
}

/**
 * A subrequest's plain data, at once; reads (and so uses) the request's body. Synchronous so a
 * subrequest's call is issued in the same turn as the `fetch()` that made it (issue order).
 */
export function requestToWireSync(request: Request): RequestWire {
  const fields = getRequestFields(request);
  const wire = { __proto__: null, method: fields.method, url: fields.url, headers: headerPairs(fields.headers), body: takeBytesOrNull(request) };
  return wire as unknown as RequestWire;
}

/** The AbortSignal a request was given, if any (without creating one). */
export function requestSignal(request: Request): unknown {
  return getRequestFields(request).signal;
}

/** Calls `onAbort(reason)` once `signal` aborts (at once if it has). */
export function whenAborted(signal: unknown, onAbort: (reason: unknown) => void): void {
  loadEventsApi().onAbort(signal, onAbort);
}

/** Whether the request's body is a stream, so only requestToWire (async) can carry it. */
export function requestHasStreamBody(request: Request): boolean {
  return hasStreamBody(request);
}

/** A subrequest's plain data; reads (and so uses) the request's body, a stream to its end. */
export function requestToWire(request: Request): Promise<RequestWire> {
  try {
    if (!hasStreamBody(request)) return PromiseResolve(requestToWireSync(request));
    const fields = getRequestFields(request);
    const head = { method: fields.method, url: fields.url, headers: headerPairs(fields.headers) };
    return takeBodyAsync(request).then((body) => ({ __proto__: null, ...head, body }) as unknown as RequestWire);
  } catch (error) {
    return PromiseReject(error);
  }
}

/** What a handler returned, as plain data; reads (and so uses) the response's body. */
export function responseToWire(response: Response): Promise<ResponseWire> {
  try {
    const fields = getResponseFields(response);
    if (hasStreamBody(response)) {
      const head = { status: fields.status, statusText: fields.statusText, headers: headerPairs(fields.headers) };
      // A stream body is read to its end here: the world carries whole bodies.
      return takeBodyAsync(response).then((body) => ({ __proto__: null, ...head, body }) as unknown as ResponseWire);
    }
    const wire = { __proto__: null, status: fields.status, statusText: fields.statusText, headers: headerPairs(fields.headers), body: takeBytesOrNull(response) };
    return PromiseResolve(wire as unknown as ResponseWire);
  } catch (error) {
    return PromiseReject(error);
  }
}

/** A subrequest's response from the host, with immutable headers as in the Workers runtime. */
export function responseFromWire(wire: ResponseWire, owned = false): Response {
  const headers = headersFromPairs(wire.headers, "immutable");
  const fields = { type: "default" as const, status: wire.status, statusText: SafeString(wire.statusText), headers, url: "", redirected: false };
  return createResponse(fields, bodySourceOf(wire.body, owned));
}

/** The URL implementation, for runtime code that needs URL parsing (loads the chunk). */
export { loadUrlApi };
