// Blob, File and FormData as lazy globals: the "forms" chunk (forms-impl.ts) loads on first
// read of any of them, or when a body is read with formData() or blob().

import { utf8Decode, utf8Encode } from "./encoding.ts";
import type { FormsApi, FormsDeps } from "./forms-impl.ts";
import { defineLazyGlobals, evaluateChunk } from "./lazy-chunks.ts";
import { loadStreamsApi } from "./streams-lazy.ts";
import { loadUrlApi } from "./url-lazy.ts";

export const formGlobalNames = ["Blob", "File", "FormData"] as const;

export interface FormsHostDeps {
  fillRandom(bytes: Uint8Array): void;
  nowMs(): number;
}

let formsApi: FormsApi | undefined;
let hostDeps: FormsHostDeps = { fillRandom: () => {}, nowMs: () => 0 };

const hexDigits = "0123456789abcdef";

export function loadFormsApi(): FormsApi {
  if (formsApi === undefined) {
    const { fillRandom, nowMs } = hostDeps;
    const deps: FormsDeps = {
      utf8Encode,
      utf8Decode,
      parseUrlencoded(text) {
        const Params = loadUrlApi().URLSearchParams as new (init: string) => Iterable<[string, string]>;
        return [...new Params(text)];
      },
      streamOf: (bytes) => loadStreamsApi().fromBytes(bytes),
      randomHex(count) {
        const bytes = new Uint8Array(count);
        fillRandom(bytes);
        let hex = "";
        for (let index = 0; index < count; index++) hex += hexDigits[bytes[index]! >> 4]! + hexDigits[bytes[index]! & 15]!;
        return hex;
      },
      nowMs: () => nowMs(),
    };
    formsApi = evaluateChunk("forms", (create: (deps: FormsDeps) => FormsApi) => create(deps));
  }
  return formsApi;
}

/** The API if the chunk is loaded; a Blob or FormData can only exist after that. */
export function loadedFormsApi(): FormsApi | undefined {
  return formsApi;
}

export function installLazyFormGlobals(global: Record<string, unknown>, deps: FormsHostDeps): void {
  hostDeps = deps;
  defineLazyGlobals(global, formGlobalNames, () => loadFormsApi().globals);
}
