// DOMException as in WebIDL: an Error subclass with a `name` chosen per failure and the legacy
// numeric `code` that older code still switches on. Errors thrown by this layer (atob's
// InvalidCharacterError, getRandomValues' QuotaExceededError, structuredClone's DataCloneError,
// digest's NotSupportedError) are DOMExceptions, as in the Workers runtime.

import { ObjectDefineProperty, SafeError, SafeString, dataDescriptor } from "./primordials.ts";

/** Legacy codes from the WebIDL error names table; names not listed there have code 0. */
const legacyCodeByName: Record<string, number> = {
  __proto__: null as unknown as number,
  IndexSizeError: 1,
  HierarchyRequestError: 3,
  WrongDocumentError: 4,
  InvalidCharacterError: 5,
  NoModificationAllowedError: 7,
  NotFoundError: 8,
  NotSupportedError: 9,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidModificationError: 13,
  NamespaceError: 14,
  InvalidAccessError: 15,
  TypeMismatchError: 17,
  SecurityError: 18,
  NetworkError: 19,
  AbortError: 20,
  URLMismatchError: 21,
  QuotaExceededError: 22,
  TimeoutError: 23,
  InvalidNodeTypeError: 24,
  DataCloneError: 25,
};

export class DOMException extends SafeError {
  readonly #name: string;
  readonly #code: number;

  constructor(message = "", name = "Error") {
    super(SafeString(message));
    this.#name = SafeString(name);
    this.#code = legacyCodeByName[this.#name] ?? 0;
  }

  override get name(): string {
    return this.#name;
  }

  get code(): number {
    return this.#code;
  }
}

// `name` is a getter over #private state rather than an own property, so `{ ...err }`, JSON and
// Object.keys show nothing, as for browsers' DOMException; the tag makes toString say so too.
ObjectDefineProperty(DOMException.prototype, Symbol.toStringTag, {
  __proto__: null,
  value: "DOMException",
  configurable: true,
} as PropertyDescriptor);

// The legacy constants (DOMException.INVALID_CHARACTER_ERR...) are rarely used; the ones this
// layer throws are provided so `err.code === DOMException.QUOTA_EXCEEDED_ERR` works.
const legacyConstants: [string, number][] = [
  ["INVALID_CHARACTER_ERR", 5],
  ["NOT_SUPPORTED_ERR", 9],
  ["SYNTAX_ERR", 12],
  ["ABORT_ERR", 20],
  ["QUOTA_EXCEEDED_ERR", 22],
  ["DATA_CLONE_ERR", 25],
];
for (const [constant, code] of legacyConstants) {
  ObjectDefineProperty(DOMException, constant, { ...dataDescriptor(code, true), writable: false, configurable: false });
  ObjectDefineProperty(DOMException.prototype, constant, { ...dataDescriptor(code, true), writable: false, configurable: false });
}
