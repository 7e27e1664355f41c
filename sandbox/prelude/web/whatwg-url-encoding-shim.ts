// Stands in for whatwg-url's lib/encoding.js (the URL chunk's build aliases it here). The
// original calls `new TextEncoder()` on the global at load time; the chunk loads on first use
// of URL, when worker code may have replaced that global, so the codec is bundled instead.
export { utf8Encode, utf8DecodeWithoutBOM } from "./encoding.ts";
