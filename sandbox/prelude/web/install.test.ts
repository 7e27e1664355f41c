// installWebApis inside a real isolate: globals look like builtins, nothing heavy is loaded
// at install, the eager bundle and the install heap stay within budget, and the layer never
// reads Math.random or the clock (both are poisoned before the bundle runs).
import assert from "node:assert/strict";
import { test } from "node:test";
import ivm from "isolated-vm";
import { createWebIsolate, webBundles } from "./test-harness.mts";

/** Budgets for the eager part; the product goal is ≤ 1.5 MB RSS per idle warm isolate. */
const eagerBundleBytesMax = 48 * 1024;
const installHeapBytesMax = 256 * 1024;

const globalNames = ["Headers", "Request", "Response", "TextEncoder", "TextDecoder", "DOMException", "Crypto", "SubtleCrypto", "crypto", "atob", "btoa", "structuredClone", "URL", "URLSearchParams"];

test("globals are non-enumerable, writable and configurable like builtins", async () => {
  // Every installed name has builtin-like descriptors and none shows up in Object.keys.
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      return ${JSON.stringify(globalNames)}.map((name) => {
        const d = Object.getOwnPropertyDescriptor(globalThis, name);
        return [name, d.enumerable, d.configurable, "value" in d ? d.writable : typeof d.set === "function"];
      });
    `);
    assert.deepEqual(result, globalNames.map((name) => [name, false, true, true]));
  } finally {
    web.dispose();
  }
});

test("install loads no lazy chunk and stays within the heap budget", async () => {
  // Heap growth over a fresh context is measured after the same warm-up on both isolates.
  const fresh = new ivm.Isolate({ memoryLimit: 64 });
  const freshContext = await fresh.createContext();
  await freshContext.eval("1");
  const freshHeapBytes = fresh.getHeapStatisticsSync().used_heap_size;
  fresh.dispose();
  const web = await createWebIsolate();
  try {
    const installHeapBytes = web.heapUsedBytes() - freshHeapBytes;
    assert.deepEqual(web.chunkRequests, []);
    assert.ok(installHeapBytes < installHeapBytesMax, `install grew the heap by ${installHeapBytes} bytes (installHeapBytesMax ${installHeapBytesMax})`);
    const { eager } = await webBundles();
    assert.ok(eager.length < eagerBundleBytesMax, `eager bundle is ${eager.length} bytes (eagerBundleBytesMax ${eagerBundleBytesMax})`);
    assert.ok(!eager.includes("mappingTable") && !eager.includes("webidl"), "the eager bundle must not contain whatwg-url or tr46");
  } finally {
    web.dispose();
  }
});

test("the layer never calls Math.random or Date", async () => {
  // With both poisoned before the bundle is evaluated, every API still works.
  const web = await createWebIsolate({
    beforeBundle: `
      Math.random = () => { throw new Error("Math.random used"); };
      globalThis.Date = new Proxy(Date, { construct() { throw new Error("new Date used"); }, apply() { throw new Error("Date() used"); } });
      Date.now = () => { throw new Error("Date.now used"); };
    `,
  });
  try {
    const result = await web.run(`
      crypto.getRandomValues(new Uint8Array(16));
      crypto.randomUUID();
      await crypto.subtle.digest("SHA-256", new Uint8Array(1));
      const r = new Request("https://Example.com/x", { method: "POST", body: new URLSearchParams("a=1") });
      await r.clone().text();
      await Response.json({ a: 1 }).json();
      structuredClone({ m: new Map([[1, 2]]) });
      return [btoa(atob("aGk=")), new TextDecoder().decode(new TextEncoder().encode("ok")), new URL("https://bücher.de").host, await r.text()];
    `);
    assert.deepEqual(result, ["aGk=", "ok", "xn--bcher-kva.de", "a=1"]);
  } finally {
    web.dispose();
  }
});
