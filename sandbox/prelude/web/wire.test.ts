// The runtime-facing conversions (requestFromWire, requestToWire, responseToWire,
// responseFromWire) inside a real isolate: the data they produce, the Workers rules they
// apply (immutable headers on incoming requests and fetched responses), and that worker code
// patching builtins afterwards can neither break nor observe them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createWebIsolate, type WebIsolate } from "./test-harness.mts";

let web: WebIsolate;
before(async () => { web = await createWebIsolate(); });
after(() => web.dispose());

test("requestFromWire builds an immutable-headers request whose body reads back", async () => {
  // Header names are lower-cased and sorted on the way back out; the body is a copy.
  const result = await web.run(`
    const body = new Uint8Array([104, 105]);
    const request = __web.requestFromWire({ method: "post", url: "https://a.com/x?y=1", headers: [["X-B", "2"], ["x-a", "1"], ["x-a", "3"]], body });
    body[0] = 0;
    return {
      method: request.method, url: request.url, a: request.headers.get("x-a"),
      immutable: await errorOf(() => request.headers.set("x-c", "1")),
      mutableCopy: (() => { const copy = new Request(request.clone()); copy.headers.set("x-c", "1"); return copy.headers.get("x-c"); })(),
      text: await request.text(), isRequest: request instanceof Request,
    };
  `) as Record<string, unknown>;
  assert.equal(result.method, "POST");
  assert.equal(result.url, "https://a.com/x?y=1");
  assert.equal(result.a, "1, 3");
  assert.equal((result.immutable as { message: string }).message, "Can't modify immutable headers.");
  assert.equal(result.text, "hi");
  assert.equal(result.isRequest, true);
  assert.equal(result.mutableCopy, "1");
});

test("responseToWire gives status, sorted header pairs and body bytes, and uses the body", async () => {
  // A JSON response becomes plain data; reading it again afterwards is a used-body error.
  const result = await web.run(`
    const response = Response.json({ a: 1 }, { status: 201, statusText: "Created", headers: { "X-Z": "z", "Set-Cookie": "s=1" } });
    response.headers.append("set-cookie", "t=2");
    const wire = await __web.responseToWire(response);
    return { proto: Object.getPrototypeOf(wire), status: wire.status, statusText: wire.statusText, headers: wire.headers, body: new TextDecoder().decode(wire.body), used: response.bodyUsed, nullBody: (await __web.responseToWire(new Response(null, { status: 204 }))).body };
  `);
  assert.deepEqual(result, {
    proto: null,
    status: 201,
    statusText: "Created",
    headers: [["content-type", "application/json"], ["set-cookie", "s=1"], ["set-cookie", "t=2"], ["x-z", "z"]],
    body: '{"a":1}',
    used: true,
    nullBody: null,
  });
});

test("requestToWire and responseFromWire carry a subrequest and its immutable response", async () => {
  // A fetched response's headers are immutable; new Response(body, response) makes a mutable copy.
  const result = await web.run(`
    const wire = await __web.requestToWire(new Request("https://api.example.com/v1", { method: "PUT", body: "x", headers: { "X-A": "1" } }));
    const response = __web.responseFromWire({ status: 404, statusText: "Not Found", headers: [["Content-Type", "text/plain"]], body: new TextEncoder().encode("gone") });
    const immutable = await errorOf(() => response.headers.set("x", "1"));
    const copy = new Response(response.body, response);
    copy.headers.set("x", "1");
    return { wire: { ...wire, body: [...wire.body] }, status: response.status, ok: response.ok, statusText: response.statusText, immutable: immutable.message, copy: [copy.status, copy.headers.get("x"), await copy.text()] };
  `);
  assert.deepEqual(result, {
    wire: { method: "PUT", url: "https://api.example.com/v1", headers: [["content-type", "text/plain;charset=UTF-8"], ["x-a", "1"]], body: [120] },
    status: 404,
    ok: false,
    statusText: "Not Found",
    immutable: "Can't modify immutable headers.",
    copy: [404, "1", "gone"],
  });
});

test("conversions are unaffected by worker code patching builtins after install", async () => {
  // Every builtin the conversions could reach is replaced by a trap that records and throws;
  // Object.prototype gets a `then` getter and Array.prototype an index setter. The
  // conversions must give the same results as unpatched and trigger none of the traps.
  const result = await web.run(`
    const original = {};
    const calls = Object.create(null);
    const record = (name) => { calls[name] = (calls[name] || 0) + 1; };
    const trap = (name) => function () { record(name); throw new Error("patched " + name); };
    const targets = [
      [Array.prototype, ["push", "sort", "join", "map", "slice", "includes", Symbol.iterator]],
      [JSON, ["stringify", "parse"]],
      [Function.prototype, ["call", "apply", "bind"]],
      [Object, ["defineProperty", "keys", "create", "getPrototypeOf"]],
      [Reflect, ["apply", "defineProperty"]],
      [String.prototype, ["toLowerCase", "toUpperCase", "charCodeAt", "slice"]],
      [Object.getPrototypeOf(Uint8Array.prototype), ["set", "slice", "subarray"]],
      [ArrayBuffer.prototype, ["slice"]],
      [Promise, ["resolve", "reject"]],
      [WeakMap.prototype, ["get", "set"]],
    ];
    const defineProperty = Object.defineProperty;
    const responseBody = new Uint8Array([111, 107]); // built before the iterator is patched
    const saved = [];
    // Index loops: the array iterator itself is one of the things being patched.
    const getDescriptor = Object.getOwnPropertyDescriptor;
    for (let t = 0; t < targets.length; t++) for (let n = 0; n < targets[t][1].length; n++) {
      const owner = targets[t][0], name = targets[t][1][n];
      saved[saved.length] = [owner, name, getDescriptor(owner, name)];
      defineProperty(owner, name, { value: trap(String(name)), writable: true, configurable: true });
    }
    defineProperty(Object.prototype, "then", { get() { record("then"); return undefined; }, configurable: true });
    defineProperty(Array.prototype, "0", { set() { record("index0"); }, get() { record("index0get"); }, configurable: true });
    let out;
    let failure = null;
    try {
      const request = __web.requestFromWire({ method: "GET", url: "https://a.com/", headers: [["B", "2"], ["a", "1"], ["set-cookie", "c=1"]], body: null });
      const requestWire = await __web.requestToWire(request);
      const response = __web.responseFromWire({ status: 200, statusText: "OK", headers: [["Z", "1"], ["y", "2"]], body: responseBody });
      const responseWire = await __web.responseToWire(response);
      out = { requestWire, responseWire };
    } catch (error) {
      failure = String(error && error.message);
    }
    delete Object.prototype.then;
    delete Array.prototype[0];
    for (let index = 0; index < saved.length; index++) defineProperty(saved[index][0], saved[index][1], saved[index][2]);
    if (failure !== null) return { failure, calls: { ...calls } };
    return {
      calls: { ...calls },
      request: [out.requestWire.method, out.requestWire.url, out.requestWire.headers, out.requestWire.body],
      response: [out.responseWire.status, out.responseWire.statusText, out.responseWire.headers, [...out.responseWire.body]],
    };
  `);
  assert.deepEqual(result, {
    calls: {},
    request: ["GET", "https://a.com/", [["a", "1"], ["b", "2"], ["set-cookie", "c=1"]], null],
    response: [200, "OK", [["y", "2"], ["z", "1"]], [111, 107]],
  });
});
