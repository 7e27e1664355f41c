// Just the parts of whatwg-url (which ships no types) that url-impl.ts uses.
declare module "whatwg-url" {
  export const URL: new (url: string, base?: string) => { readonly href: string };
  export const URLSearchParams: new (init?: unknown) => { toString(): string };
  export function parseURL(input: string, options?: { baseURL?: unknown }): unknown | null;
  export function serializeURL(url: unknown, excludeFragment?: boolean): string;
}
declare module "whatwg-url/lib/URLSearchParams.js" {
  export function is(value: unknown): boolean;
}
declare module "whatwg-url/lib/url-state-machine.js" {
  // The module's exports object itself (CommonJS): url-impl.ts replaces basicURLParse on it.
  const stateMachine: { basicURLParse: (input: unknown, options?: { baseURL?: unknown; url?: unknown; stateOverride?: unknown; encodingOverride?: unknown }) => unknown };
  export default stateMachine;
}
declare module "whatwg-url/lib/urlencoded.js" {
  const urlencoded: { parseUrlencodedString: (input: string) => [string, string][] };
  export default urlencoded;
}
declare module "tr46" {
  export function toASCII(domain: string, options: Record<string, unknown>): string | null;
}
