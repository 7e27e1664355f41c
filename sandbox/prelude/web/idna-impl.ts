// Entry point of the "idna" lazy chunk: the real tr46 (UTS #46 with its mapping table), loaded
// by the URL chunk only when a host is not plain ASCII or has an "xn--" label.
import { toASCII } from "tr46";
import type { IdnaApi } from "./idna-shim.ts";

export function create(): IdnaApi {
  return { toASCII };
}
