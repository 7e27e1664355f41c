// DNS rebinding and the app's Content-Security-Policy in real Chromium (issue 16 §4). Chromium
// resolves a foreign host name, rebind.attacker.test, to 127.0.0.1 (as a rebinding attacker's DNS
// would), so a page there is same-origin with what it loads from it. The server answers that page
// 403 naming ALLOWED_HOSTS, and a WebSocket from it never opens. The same app through 127.0.0.1
// works: the session connects, Monaco and its TypeScript worker run, a Mermaid diagram renders,
// a request is sent and answered, and the browser reports no CSP violation.
import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { StartedServer } from "../../server/main.ts";
import { launch, screenshot, startApp, uiTimeoutMs, waitConnected } from "./browser.ts";

const rebindHost = "rebind.attacker.test";
let server: StartedServer;
let browser: Browser;
before(async () => {
  server = await startApp();
  browser = await launch([`--host-resolver-rules=MAP ${rebindHost} 127.0.0.1`]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const port = () => new URL(server.url).port;

/** A page that records what the browser says about CSP: console messages and violation events. */
async function watchedPage(): Promise<{ page: Page; csp: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(uiTimeoutMs);
  const csp: string[] = [];
  const errors: string[] = [];
  page.on("console", (m) => { if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) csp.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, csp, errors };
}

/** Tries a WebSocket to the page's own origin: "open", or how it failed. */
function tryWebSocket(page: Page): Promise<string> {
  return page.evaluate(() => new Promise<string>((resolve) => {
    const socket = new WebSocket(`ws://${location.host}/ws`);
    socket.onopen = () => { socket.close(); resolve("open"); };
    socket.onerror = () => resolve("error");
    socket.onclose = (e) => resolve(`closed ${e.code}`);
    setTimeout(() => resolve("timeout"), 10_000);
  }));
}

test("a page under a rebinding host name (resolved to 127.0.0.1) gets 403 naming ALLOWED_HOSTS and no working WebSocket", async () => {
  const { page } = await watchedPage();
  const answer = await page.goto(`http://${rebindHost}:${port()}/`);
  assert.equal(answer?.status(), 403);
  const text = (await page.locator("body").textContent()) ?? "";
  assert.match(text, /ALLOWED_HOSTS/, text);
  assert.equal(await tryWebSocket(page), "error");
  // Its scripts (same origin to the browser) are refused too: nothing of the app loads.
  const status = await page.evaluate(async () => (await fetch("/health")).status);
  assert.equal(status, 403);
  assert.equal(await page.evaluate(() => "__edgePlayground" in window), false);
  await screenshot(page, "rebinding-refused");
  await page.context().close();
});

test("the same app through 127.0.0.1 works under its CSP: session, Monaco's worker, Mermaid, a sent request, no violation", async () => {
  const { page, csp, errors } = await watchedPage();
  const answer = await page.goto(`http://127.0.0.1:${port()}/`);
  assert.equal(answer?.status(), 200);
  const policy = answer?.headers()["content-security-policy"] ?? "";
  const scriptSrc = policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  assert.equal(scriptSrc, "script-src 'self'", `no inline or foreign script: ${policy}`);
  await waitConnected(page);
  assert.equal(await tryWebSocket(page), "open");
  await page.waitForSelector(".monaco-editor .view-lines");
  await page.waitForSelector('.mermaid-view[data-status="ready"] svg');
  // Monaco's TypeScript worker (a blob: worker under worker-src) answers: `Response.` completes json.
  type EditorWindow = { __edgeEditor: { getModel(): { setValue(v: string): void }; setPosition(p: object): void; focus(): void; trigger(source: string, id: string, payload: object): void } };
  let labels: string[] = [];
  for (let attempt = 0; attempt < 30 && !labels.some((l) => /^json\b/.test(l)); attempt++) {
    await page.evaluate(() => {
      const editor = (window as unknown as EditorWindow).__edgeEditor;
      editor.getModel().setValue('export default {\n  fetch() {\n    return Response.\n  },\n};\n');
      editor.setPosition({ lineNumber: 3, column: 21 });
      editor.focus();
      editor.trigger("test", "editor.action.triggerSuggest", {});
    });
    await page.waitForTimeout(500);
    labels = await page.locator(".suggest-widget.visible .monaco-list-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label") ?? ""));
  }
  assert.ok(labels.some((l) => /^json\b/.test(l)), `Monaco's TypeScript worker completed Response.: ${labels.join(" | ")}`);
  await page.keyboard.press("Escape");
  // Back to a worker that answers, then a request through the world.
  await page.evaluate(() => (window as unknown as EditorWindow).__edgeEditor.getModel().setValue('export default {\n  fetch() {\n    return new Response("csp ok");\n  },\n};\n'));
  await page.getByRole("button", { name: /Deploy and send/ }).click();
  await page.waitForSelector('[data-testid="response-row"]');
  assert.match((await page.locator('[data-testid="response-body"]').textContent()) ?? "", /csp ok/);
  await screenshot(page, "rebinding-loopback-works");
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  assert.deepEqual(violations, [], "no securitypolicyviolation event");
  assert.deepEqual(csp, [], "no CSP message in the console");
  assert.deepEqual(errors, []);
  await page.context().close();
});
