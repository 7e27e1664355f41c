// idFromName in a real isolate: the id of a name is asked of the host once and kept, the same name
// always gives an equal id, another name another id, and a name the host refuses is asked again.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { SyncCall, SyncResult } from "../../../server/sim/isolate-port.ts";
import { createSandboxFactory } from "../../index.ts";
import { MiniHost, script } from "../../testing/mini-host.ts";

const sandbox = createSandboxFactory({ poolSize: 0 });
after(() => sandbox.dispose());

const worker = {
  ...script(`
export default { fetch(request, env) {
  const names = new URL(request.url).searchParams.getAll("n");
  const ids = [];
  for (const name of names) {
    try { ids.push(env.COUNTER.idFromName(name).toString()); } catch (error) { ids.push("refused: " + error.message); }
  }
  return Response.json({ ids, equal: env.COUNTER.idFromName("a").equals(env.COUNTER.idFromName("a")) });
} }
export class Counter {}`),
  bindings: { COUNTER: { type: "durable_object" as const, className: "Counter" } },
};

test("idFromName asks the host once per name and gives equal ids for one name", () => {
  const asked: string[] = [];
  let refuse = true;
  const counting = {
    load: (w: Parameters<typeof sandbox.load>[0], options: Parameters<typeof sandbox.load>[1]) =>
      sandbox.load(w, {
        ...options,
        sync: (call: SyncCall): SyncResult => {
          if (call.type !== "object_id_from_name") return { ok: false, error: { name: "Error", message: "unexpected" } };
          asked.push(call.name);
          if (call.name === "bad" && refuse) return { ok: false, error: { name: "Error", message: "no such binding" } };
          return { ok: true, value: call.name.padEnd(64, "0").replace(/[^0-9a-f]/g, "f") };
        },
      }),
  };
  const host = new MiniHost(counting, worker);
  const first = JSON.parse(host.request("https://ids.example/?n=a&n=b&n=a&n=bad").body);
  assert.deepEqual(first.ids.slice(0, 3), ["a".padEnd(64, "0"), "b".padEnd(64, "0"), "a".padEnd(64, "0")]);
  assert.match(first.ids[3], /^refused: no such binding/);
  assert.equal(first.equal, true);
  refuse = false;
  const second = JSON.parse(host.request("https://ids.example/?n=a&n=bad").body);
  assert.deepEqual(second.ids, ["a".padEnd(64, "0"), "bad".padEnd(64, "0")]);
  assert.deepEqual(asked, ["a", "b", "bad", "bad"], "each name once; a refused name is asked again");
});
