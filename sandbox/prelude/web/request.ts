// Request as in the Workers runtime: an absolute URL (relative ones throw "Invalid URL"), a
// method checked against the methods workerd knows and upper-cased (so "patch" becomes
// "PATCH"; an unknown method throws "Invalid HTTP method string"), Headers, a once-readable
// body, `redirect`, `signal` and `cf`. GET and HEAD requests cannot have a body. `cache` and
// `integrity` are not modelled.

import {
  BodyMixin,
  bodySource,
  cloneBodySource,
  extractBody,
  setBodySource,
  sourceLocked,
  sourceUsed,
  transferSource,
  type BodyInit,
  type BodySource,
} from "./body.ts";
import { parseAbsoluteUrl } from "./canonical-url.ts";
import { loadedEventsApi, loadEventsApi } from "./events-lazy.ts";
import { Headers, copyHeadersWithGuard, headersGuard, type HeadersInit } from "./headers.ts";
import { ArrayPrototypeIncludes, ArrayPrototypeJoin, SafeString, SafeTypeError, StringPrototypeToUpperCase } from "./primordials.ts";

export interface RequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit;
  redirect?: string;
  signal?: unknown;
  cf?: unknown;
}

/** The HTTP methods workerd (via kj) accepts, in upper case. CONNECT is not a Request method. */
const knownMethods = [
  "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "PURGE", "OPTIONS", "TRACE", "COPY", "LOCK",
  "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "ACL", "REPORT", "MKACTIVITY",
  "CHECKOUT", "MERGE", "MSEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE",
];
const redirectModes = ["follow", "manual", "error"];

export function normalizeMethod(raw: unknown): string {
  const upper = StringPrototypeToUpperCase(SafeString(raw));
  for (let index = 0; index < knownMethods.length; index++) {
    if (knownMethods[index] === upper) return upper;
  }
  throw new SafeTypeError(`Invalid HTTP method string: ${SafeString(raw)}`);
}

/** The fields of a request apart from its body, as held by the #private state. */
export interface RequestFields {
  method: string;
  url: string;
  headers: Headers;
  redirect: string;
  /** The AbortSignal given in init (or taken from the input request), if any. */
  signal?: unknown;
  /** `request.cf`: for an incoming request, the PoP (colo) and region that took it. */
  cf?: unknown;
}

const constructionKey = {};
// Module-private accessors, assigned in the static block (declared before the class).
let requestFields: (request: Request) => RequestFields;
let requestBrand: (value: unknown) => boolean;

export class Request extends BodyMixin {
  #fields: RequestFields;

  static {
    requestFields = (request) => request.#fields;
    requestBrand = (value) => typeof value === "object" && value !== null && #fields in value;
  }

  constructor(input: unknown, init?: RequestInit) {
    super();
    if (input === constructionKey) {
      // Internal construction (wire, clone): the caller sets the fields and body afterwards.
      this.#fields = init as unknown as RequestFields;
      return;
    }
    if (arguments.length === 0) throw new SafeTypeError("Request: 1 argument required, but only 0 present.");
    // A null-prototype default: a getter planted on Object.prototype must not be read as an option.
    const options: RequestInit = init ?? ({ __proto__: null } as RequestInit);
    const from = isRequest(input) ? input : null;
    const fields: RequestFields = from === null
      ? { method: "GET", url: parseAbsoluteUrl(input), headers: new Headers(), redirect: "follow" }
      : { ...requestFields(from), headers: copyHeadersWithGuard(requestFields(from).headers, "none") };
    if (options.method !== undefined) fields.method = normalizeMethod(options.method);
    if (options.headers !== undefined) fields.headers = new Headers(options.headers);
    if (options.redirect !== undefined) {
      if (!ArrayPrototypeIncludes(redirectModes, SafeString(options.redirect))) {
        throw new SafeTypeError(`Request: redirect must be one of ${ArrayPrototypeJoin(redirectModes, ", ")}; got "${SafeString(options.redirect)}".`);
      }
      fields.redirect = SafeString(options.redirect);
    }
    if (options.signal !== undefined && options.signal !== null) {
      const events = loadedEventsApi();
      if (events === undefined || !events.isAbortSignal(options.signal)) throw new SafeTypeError("Request: signal must be an AbortSignal.");
      fields.signal = options.signal;
    }
    if (options.cf !== undefined) fields.cf = options.cf;
    // As in workerd, a request made from another gets its own copy of cf.
    else if (typeof fields.cf === "object" && fields.cf !== null) fields.cf = { ...(fields.cf as object) };
    this.#fields = fields;
    const extracted = options.body !== undefined && options.body !== null ? extractBody(options.body) : null;
    const inputSource = from === null ? null : bodySource(from);
    if ((extracted?.source ?? inputSource) !== null && (fields.method === "GET" || fields.method === "HEAD")) {
      throw new SafeTypeError("Request with a GET or HEAD method cannot have a body.");
    }
    if (extracted !== null) {
      setBodySource(this, extracted.source);
      if (extracted.contentType !== null && !fields.headers.has("content-type")) fields.headers.set("content-type", extracted.contentType);
    } else if (from !== null && inputSource !== null) {
      if (sourceUsed(inputSource) || sourceLocked(inputSource)) {
        throw new SafeTypeError("Cannot construct a Request with a Request object that has already been used.");
      }
      // The new request takes over the body; the input reads as used from now on.
      setBodySource(this, transferSource(inputSource));
    }
  }

  get method(): string {
    return this.#fields.method;
  }

  get url(): string {
    return this.#fields.url;
  }

  get headers(): Headers {
    return this.#fields.headers;
  }

  get redirect(): string {
    return this.#fields.redirect;
  }

  /** The PoP (colo) and region that took an incoming request; undefined for one made here. */
  get cf(): unknown {
    return this.#fields.cf;
  }

  /** The request's AbortSignal: the one it was given, or one that never aborts. */
  get signal(): unknown {
    const fields = this.#fields;
    if (fields.signal === undefined) {
      const Controller = loadEventsApi().globals.AbortController as new () => { signal: unknown };
      fields.signal = new Controller().signal;
    }
    return fields.signal;
  }

  clone(): Request {
    const source = cloneBodySource(this, "Request");
    const fields = this.#fields;
    return createRequest({ ...fields, headers: copyHeadersWithGuard(fields.headers, headersGuard(fields.headers)) }, source);
  }

  get [Symbol.toStringTag](): string {
    return "Request";
  }
}

export function isRequest(value: unknown): value is Request {
  return requestBrand(value);
}

export function getRequestFields(request: Request): RequestFields {
  return requestFields(request);
}

/** Builds a Request from already-validated fields without running the public constructor. */
export function createRequest(fields: RequestFields, source: BodySource | null): Request {
  const request = new Request(constructionKey, fields as unknown as RequestInit);
  setBodySource(request, source);
  return request;
}
