// Differential test against the real Workers runtime: the same worker programs run in our
// sandbox and in Miniflare (workerd); for each, status and body must be identical.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Miniflare } from "miniflare";
import { createSandboxFactory } from "../sandbox/index.ts";
import { MiniHost, script, wireRequest } from "../sandbox/testing/mini-host.ts";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { programModule, programs } from "./differential-programs.ts";

// Generous CPU limits: this test is about semantics, and a first use of a lazily loaded Web API
// on a loaded 2-core machine must not fail it (the limits have their own tests).
const sandbox = createSandboxFactory({ poolSize: 1, limits: { requestCpuMsMax: 2000, deliveryWallMsMax: 5000 } });
let miniflare: Miniflare;
let host: MiniHost;

before(async () => {
  miniflare = await startMiniflare(programModule(), { kvNamespaces: ["KV"] });
  host = new MiniHost(sandbox, script(programModule(), { KV: { type: "kv" } }));
});
after(async () => {
  await miniflare?.dispose();
  sandbox.dispose();
});

const requestInit = (path: string) => (path === "/echo" ? { method: "POST", body: "payload", headers: { "content-type": "text/plain" } } : { method: "GET" });

for (const path of Object.keys(programs)) {
  test(`${path}: same status and body as workerd`, async () => {
    const init = requestInit(path);
    const theirs = await miniflare.dispatchFetch(`https://diff.example${path}`, { ...init, redirect: "manual" });
    const theirBody = await theirs.text();
    const ours = host.request(wireRequest(`https://diff.example${path}`, init));
    assert.equal(ours.status, theirs.status, `status differs; our body: ${ours.body}; theirs: ${theirBody}`);
    if (path === "/throws") return; // workerd's 500 page is its own; the status is what matters
    assert.equal(ours.body, theirBody);
    if (path === "/redirect") assert.equal(ours.headers.location, theirs.headers.get("location"));
    if (path === "/echo") assert.equal(`${ours.status}`, "202");
  });
}
