// The global fetch(): a subrequest the world routes to a simulated origin or another worker.
import { Request, requestToWireSync, responseFromWire } from "../web/index.ts";
import { callHost } from "./calls.ts";

export async function globalFetch(input: unknown, init?: unknown): Promise<unknown> {
  const request = new Request(input as never, init as never);
  const reply = await callHost({ type: "fetch" }, "fetch", [requestToWireSync(request)]);
  return responseFromWire(reply.value as never, true);
}
