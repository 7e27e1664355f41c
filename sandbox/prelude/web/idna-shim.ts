// Stands in for the tr46 package inside the URL chunk. tr46's UTS #46 mapping table costs
// about 1.3 MB of heap once evaluated, and almost every host a worker sees is plain ASCII, for
// which UTS #46 processing (with the options whatwg-url passes) is just lower-casing: every
// ASCII code point is valid or mapped to its lower case, and only labels starting with "xn--"
// need checking. Anything else goes to the real tr46, in its own lazily loaded chunk.

export interface IdnaApi {
  toASCII(domain: string, options: Record<string, unknown>): string | null;
}

let loadIdna: () => IdnaApi = () => {
  throw new TypeError("URL: the IDNA chunk loader is not set.");
};

export function setIdnaLoader(loader: () => IdnaApi): void {
  loadIdna = loader;
}

/** The result for a pure-ASCII domain without punycode labels, or null to use full UTS #46. */
export function asciiFastPath(domain: string): string | null {
  for (let index = 0; index < domain.length; index++) {
    if (domain.charCodeAt(index) > 0x7f) return null;
  }
  const lower = domain.toLowerCase();
  for (const label of lower.split(".")) {
    if (label.startsWith("xn--")) return null;
  }
  return lower;
}

export function toASCII(domain: string, options: Record<string, unknown>): string | null {
  const fast = options.useSTD3ASCIIRules || options.checkHyphens || options.verifyDNSLength ? null : asciiFastPath(domain);
  return fast ?? loadIdna().toASCII(domain, options);
}
