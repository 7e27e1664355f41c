// DNS rebinding and binding beyond loopback, against a real server: only loopback host names
// (plus ALLOWED_HOSTS) are answered, on every route and on the WebSocket upgrade, with 403 naming
// the setting; a server that needs its token refuses without it and keeps it in a cookie after
// the first visit; every answer carries the Content-Security-Policy.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import { startServer, type StartedServer } from "../server/main.ts";

let open: StartedServer;
let guarded: StartedServer;
before(async () => {
  open = await startServer({ port: 0, allowedHosts: "playground.test", log: () => {} });
  guarded = await startServer({ port: 0, requireToken: true, log: () => {} });
});
after(async () => {
  await open.close();
  await guarded.close();
});

/** A GET with a chosen Host header (fetch cannot set one). */
function get(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => { body += chunk; });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

function upgrade(base: string, headers: Record<string, string>): Promise<number> {
  const socket = new WebSocket(`${base.replace("http", "ws")}/ws`, { headers });
  return new Promise((resolve) => {
    socket.once("open", () => { socket.close(); resolve(101); });
    socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.once("error", () => resolve(-1));
  });
}

const portOf = (server: StartedServer) => new URL(server.url).port;

test("a rebinding host name is refused on every route and on the upgrade", async () => {
  const host = `rebind.attacker.test:${portOf(open)}`;
  for (const path of ["/", "/health", "/app.js", "/missing"]) {
    const answer = await get(open.url, path, { host });
    assert.equal(answer.status, 403, path);
    assert.match(answer.body, /ALLOWED_HOSTS/);
  }
  assert.equal(await upgrade(open.url, { host, origin: `http://${host}` }), 403);
});

test("loopback names and ALLOWED_HOSTS are answered", async () => {
  for (const name of ["localhost", "127.0.0.1", "[::1]", "playground.test"]) {
    const host = `${name}:${portOf(open)}`;
    assert.equal((await get(open.url, "/", { host })).status, 200, name);
    assert.equal(await upgrade(open.url, { host, origin: `http://${host}` }), 101, name);
  }
});

test("every answer carries the Content-Security-Policy", async () => {
  const answer = await get(open.url, "/", { host: `127.0.0.1:${portOf(open)}` });
  const csp = String(answer.headers["content-security-policy"]);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
});

test("a server that needs its token refuses without it and remembers it in a cookie", async () => {
  const host = `127.0.0.1:${portOf(guarded)}`;
  const origin = `http://${host}`;
  const refused = await get(guarded.url, "/", { host });
  assert.equal(refused.status, 403);
  assert.match(refused.body, /token/);
  assert.equal(await upgrade(guarded.url, { host, origin }), 403);
  const token = new URL(guarded.openUrl).searchParams.get("token");
  assert.ok(token && token.length >= 24);
  assert.equal((await get(guarded.url, "/?token=wrong", { host })).status, 403);
  const first = await get(guarded.url, `/?token=${token}`, { host });
  assert.equal(first.status, 200);
  const cookie = String(first.headers["set-cookie"]).split(";")[0]!;
  assert.match(String(first.headers["set-cookie"]), /HttpOnly; SameSite=Strict/);
  assert.equal((await get(guarded.url, "/health", { host, cookie })).status, 200);
  assert.equal(await upgrade(guarded.url, { host, origin, cookie }), 101);
});
