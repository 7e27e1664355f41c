// The global fetch(): a subrequest the world routes to a simulated origin or another worker.
// A request whose body is a stream is read to its end first (the world carries whole bodies);
// an AbortSignal rejects the fetch with its reason, at once or when it aborts while the
// subrequest is in flight (the world's answer is then ignored).
import { Request, requestHasStreamBody, requestSignal, requestToWire, requestToWireSync, responseFromWire, whenAborted } from "../web/index.ts";
import { callHost } from "./calls.ts";
import { PromiseCtor, PromisePrototypeThen, PromiseResolve } from "./primordials.ts";

export async function globalFetch(input: unknown, init?: unknown): Promise<unknown> {
  const request = new Request(input as never, init as never);
  const signal = requestSignal(request);
  if (signal === undefined) {
    const wire = requestHasStreamBody(request) ? await requestToWire(request) : requestToWireSync(request);
    return responseFromWire((await callHost({ type: "fetch" }, "fetch", [wire])).value as never, true);
  }
  return new PromiseCtor((resolve, reject) => {
    let settled = false;
    whenAborted(signal, (reason) => {
      if (!settled) reject(reason);
      settled = true;
    });
    if (settled) return;
    const wire = requestHasStreamBody(request) ? requestToWire(request) : requestToWireSync(request);
    PromisePrototypeThen(
      PromisePrototypeThen(PromiseResolve(wire), (body) => callHost({ type: "fetch" }, "fetch", [body]), (error) => { throw error; }),
      (reply) => {
        if (!settled) resolve(responseFromWire((reply as { value: unknown }).value as never, true));
        settled = true;
      },
      (error) => {
        if (!settled) reject(error);
        settled = true;
      },
    );
  });
}
