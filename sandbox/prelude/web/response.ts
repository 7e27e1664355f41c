// Response as in the Workers runtime: status 200..599 (RangeError otherwise), a statusText
// that must be a valid reason phrase, Headers, a once-readable body, and the static helpers
// Response.json, Response.redirect (301, 302, 303, 307 or 308; immutable headers) and
// Response.error. Null-body statuses (101, 204, 205, 304) cannot carry a body.

import { BodyMixin, cloneBodySource, extractBody, newBodySource, setBodySource, type BodyInit, type BodySource } from "./body.ts";
import { utf8Encode } from "./encoding.ts";
import { parseAbsoluteUrl } from "./canonical-url.ts";
import { Headers, copyHeadersWithGuard, headersGuard, setHeadersGuard, type HeadersInit } from "./headers.ts";
import { ArrayPrototypeIncludes, ArrayPrototypeJoin, JSONStringify, NumberIsInteger, SafeNumber, SafeRangeError, SafeString, SafeTypeError, StringPrototypeCharCodeAt } from "./primordials.ts";

export interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
}

export type ResponseType = "default" | "error";

export const responseStatusMin = 200;
export const responseStatusMax = 599;
const redirectStatuses = [301, 302, 303, 307, 308];
const nullBodyStatuses = [101, 204, 205, 304];

/** The fields of a response apart from its body. */
export interface ResponseFields {
  type: ResponseType;
  status: number;
  statusText: string;
  headers: Headers;
  url: string;
  redirected: boolean;
}

const constructionKey = {};
// Module-private accessors, assigned in the static block (declared before the class).
let responseFields: (response: Response) => ResponseFields;
let responseBrand: (value: unknown) => boolean;

function validStatusText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = StringPrototypeCharCodeAt(text, index);
    // reason-phrase = *( HTAB / SP / VCHAR / obs-text )
    if (!(code === 0x09 || (code >= 0x20 && code <= 0x7e) || (code >= 0x80 && code <= 0xff))) return false;
  }
  return true;
}

export class Response extends BodyMixin {
  #fields: ResponseFields;

  static {
    responseFields = (response) => response.#fields;
    responseBrand = (value) => typeof value === "object" && value !== null && #fields in value;
  }

  constructor(body: BodyInit = null, init?: ResponseInit) {
    super();
    if (body === constructionKey) {
      // Internal construction (wire, clone, static helpers): fields and body are set by the caller.
      this.#fields = init as unknown as ResponseFields;
      return;
    }
    // workerd (as WebIDL) takes only an object as init: a string or number there is a program's
    // bug (Hono's `c.res = "text"` path relies on this throwing), refused with workerd's text.
    if (init !== undefined && init !== null && typeof init !== "object" && typeof init !== "function") {
      throw new SafeTypeError("Failed to construct 'Response': constructor parameter 2 is not of type 'InitializerDict or Response'.");
    }
    // A null-prototype default: a getter planted on Object.prototype must not be read as an option.
    const options: ResponseInit = init ?? ({ __proto__: null } as ResponseInit);
    const status = options.status === undefined ? 200 : SafeNumber(options.status);
    if (!NumberIsInteger(status) || status < responseStatusMin || status > responseStatusMax) {
      throw new SafeRangeError(`Responses may only be constructed with status codes in the range ${responseStatusMin} to ${responseStatusMax}, inclusive; got ${SafeString(options.status)}.`);
    }
    const statusText = options.statusText === undefined ? "" : SafeString(options.statusText);
    if (!validStatusText(statusText)) throw new SafeTypeError("Response: statusText must be a valid HTTP reason phrase (no CR, LF or other control characters).");
    const headers = new Headers(options.headers);
    this.#fields = { type: "default", status, statusText, headers, url: "", redirected: false };
    const extracted = extractBody(body);
    if (extracted.source !== null && ArrayPrototypeIncludes(nullBodyStatuses, status)) {
      throw new SafeTypeError(`Response with null body status ${status} cannot have a body.`);
    }
    setBodySource(this, extracted.source);
    if (extracted.contentType !== null && !headers.has("content-type")) headers.set("content-type", extracted.contentType);
  }

  /** A response whose body is `data` serialized as JSON, with Content-Type application/json. */
  static json(data: unknown, init?: ResponseInit): Response {
    const text = JSONStringify(data);
    if (text === undefined) throw new SafeTypeError("Response.json: the value cannot be serialized as JSON.");
    // Built with a null body so init is validated once, then given the JSON body.
    const response = new Response(null, init);
    const fields = responseFields(response);
    if (ArrayPrototypeIncludes(nullBodyStatuses, fields.status)) throw new SafeTypeError(`Response with null body status ${fields.status} cannot have a body.`);
    if (!fields.headers.has("content-type")) fields.headers.set("content-type", "application/json");
    setBodySource(response, newBodySource(utf8Encode(text)));
    return response;
  }

  static redirect(url: unknown, status: number = 302): Response {
    const location = parseAbsoluteUrl(url);
    const code = SafeNumber(status);
    if (!ArrayPrototypeIncludes(redirectStatuses, code)) {
      throw new SafeRangeError(`Response.redirect: status must be one of ${ArrayPrototypeJoin(redirectStatuses, ", ")}; got ${SafeString(status)}.`);
    }
    const headers = new Headers([["location", location]]);
    setHeadersGuard(headers, "immutable");
    return createResponse({ type: "default", status: code, statusText: "", headers, url: "", redirected: false }, null);
  }

  /** A network error: status 0, type "error", immutable empty headers. */
  static error(): Response {
    const headers = new Headers();
    setHeadersGuard(headers, "immutable");
    return createResponse({ type: "error", status: 0, statusText: "", headers, url: "", redirected: false }, null);
  }

  get type(): ResponseType {
    return this.#fields.type;
  }

  get status(): number {
    return this.#fields.status;
  }

  get statusText(): string {
    return this.#fields.statusText;
  }

  get ok(): boolean {
    return this.#fields.status >= 200 && this.#fields.status <= 299;
  }

  get headers(): Headers {
    return this.#fields.headers;
  }

  get url(): string {
    return this.#fields.url;
  }

  get redirected(): boolean {
    return this.#fields.redirected;
  }

  clone(): Response {
    const source = cloneBodySource(this, "Response");
    const fields = this.#fields;
    return createResponse({ ...fields, headers: copyHeadersWithGuard(fields.headers, headersGuard(fields.headers)) }, source);
  }

  get [Symbol.toStringTag](): string {
    return "Response";
  }
}

export function isResponse(value: unknown): value is Response {
  return responseBrand(value);
}

export function getResponseFields(response: Response): ResponseFields {
  return responseFields(response);
}

/** Builds a Response from already-validated fields without running the public constructor. */
export function createResponse(fields: ResponseFields, source: BodySource | null): Response {
  const response = new Response(constructionKey as unknown as BodyInit, fields as unknown as ResponseInit);
  setBodySource(response, source);
  return response;
}
