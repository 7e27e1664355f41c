// Saved projects survive `kill -9` of the server: a real server process (npm start's entry) with
// DATA_DIR in a temporary directory saves projects, is killed with SIGKILL, and a new server on
// the same DATA_DIR lists every one; opening one rebuilds the saved run at the same step with the
// same trace hash. Share links round-trip, and a project too large for a link is refused with a
// message that suggests saving.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { traceHash } from "../server/sim/core/trace.ts";
import { helloScenario, LiveClient, tempDataDir } from "./live-client.ts";

const main = fileURLToPath(new URL("../server/main.ts", import.meta.url));

async function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", main], { env: { ...process.env, PORT: "0", DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      const match = /Edge Playground: (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!.replace(/\/$/, ""));
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, url };
}

test("projects saved before a kill -9 of the server are all there after a restart, and reopen at their step", async () => {
  const dataDir = tempDataDir();
  const first = await startProcess(dataDir);
  const client = await LiveClient.connect(first.url);
  await client.ok({ type: "load_scenario", scenario: helloScenario });
  await client.ok({ type: "send_request", request: { from: "eu-west", url: "https://a.example.com/two" } });
  await client.ok({ type: "step", count: 6 });
  const saved = { step: client.lastState()!.step, hash: traceHash(client.trace) };
  const ids: string[] = [];
  for (const name of ["one", "two", "three"]) {
    const answer = await client.ok({ type: "save_project", name, editor: { "worker.js": `// ${name}` } });
    assert.ok(answer.type === "project_saved");
    ids.push(answer.project.projectId);
  }
  const renamed = await client.ok({ type: "rename_project", projectId: ids[2]!, name: "three, renamed" });
  assert.ok(renamed.type === "project_saved" && renamed.project.name === "three, renamed");
  first.child.kill("SIGKILL");
  await new Promise((resolve) => first.child.once("exit", resolve));

  const second = await startProcess(dataDir);
  try {
    const again = await LiveClient.connect(second.url, { token: client.token });
    const list = await again.ok({ type: "list_projects" });
    assert.ok(list.type === "project_list");
    assert.deepEqual(list.projects.map((p) => p.name).sort(), ["one", "three, renamed", "two"]);
    const opened = await again.ok({ type: "open_project", projectId: ids[0]! });
    assert.ok(opened.type === "project_opened" && opened.editor["worker.js"] === "// one");
    assert.equal(again.lastState()!.step, saved.step);
    await again.waitFor(() => again.trace.length === again.lastState()!.traceLength, 10_000).catch(() => undefined);
    assert.equal(traceHash(again.trace), saved.hash, "the reopened run has the saved trace");
    const deleted = await again.ok({ type: "delete_project", projectId: ids[1]! });
    assert.equal(deleted.type, "ack");
    const missing = await again.call({ type: "open_project", projectId: ids[1]! });
    assert.ok(missing.type === "error" && missing.code === "no_such_project");

    // Share links: a project round-trips through the fragment; a huge one is refused.
    const share = await again.ok({ type: "share" });
    assert.ok(share.type === "share_link");
    const other = await LiveClient.connect(second.url);
    await other.ok({ type: "open_share", fragment: share.fragment });
    assert.equal(other.lastState()!.step, saved.step);
    const bad = await other.call({ type: "open_share", fragment: "not-a-project" });
    assert.ok(bad.type === "error" && bad.code === "bad_share_link");
    const noise = Array.from({ length: 60_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join("");
    await other.ok({ type: "load_scenario", scenario: { ...helloScenario, worker: { ...helloScenario.worker, code: `${helloScenario.worker.code}\n// ${noise}` } } });
    const tooLarge = await other.call({ type: "share" });
    assert.ok(tooLarge.type === "error" && tooLarge.code === "share_too_large" && tooLarge.limit === "shareFragmentCharsMax" && /save it as a project/.test(tooLarge.message), JSON.stringify(tooLarge).slice(0, 300));
    await again.close();
    await other.close();
  } finally {
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));
  }
});
