// Entry point of the "urlpattern" lazy chunk: URLPattern from urlpattern-polyfill (the
// implementation the WICG spec's authors maintain). It parses with the global URL, which
// loads the "url" chunk. Evaluated on first use by the URLPattern global's getter.
import { URLPattern as PolyfillURLPattern } from "urlpattern-polyfill/urlpattern";

type Result = Record<string, { input: string; groups: Record<string, string | undefined> } | unknown> | null;

const components = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];

/** workerd reports an optional group that did not match as "" where the polyfill gives undefined. */
class URLPattern extends PolyfillURLPattern {
  override exec(...args: Parameters<PolyfillURLPattern["exec"]>): ReturnType<PolyfillURLPattern["exec"]> {
    const result = super.exec(...args) as Result;
    if (result === null || result === undefined) return result as ReturnType<PolyfillURLPattern["exec"]>;
    for (const name of components) {
      const part = result[name] as { groups?: Record<string, string | undefined> } | undefined;
      if (part?.groups === undefined) continue;
      for (const key of Object.keys(part.groups)) if (part.groups[key] === undefined) part.groups[key] = "";
    }
    return result as unknown as ReturnType<PolyfillURLPattern["exec"]>;
  }
}

export function create(): { URLPattern: unknown } {
  return { URLPattern };
}
