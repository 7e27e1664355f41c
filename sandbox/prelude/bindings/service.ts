// A service binding: another worker of the scenario, reached without leaving the PoP. `fetch`
// sends it a request (its fetch handler, or the fetch method of the named WorkerEntrypoint);
// every other property is an RPC member of that entrypoint, as on the platform.
import { callHost } from "../runtime/calls.ts";
import { Request, requestToWireSync, responseFromWire } from "../web/index.ts";
import { rpcStub } from "./rpc-stub.ts";

export function createServiceBinding(binding: string, service: string, entrypoint: string | null): object {
  const target = { type: "service", binding, service, entrypoint } as const;
  const fetch = async (input: unknown, init?: unknown) => {
    const request = new Request(input as never, init as never);
    const reply = await callHost(target, "fetch", [requestToWireSync(request)]);
    return responseFromWire(reply.value as never, true);
  };
  return rpcStub(target, "Fetcher", { fetch: { __proto__: null, value: fetch } as PropertyDescriptor });
}
