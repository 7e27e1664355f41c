// The web app in real Chromium against the real server (the built app, served by the gateway):
// the layout at 1280×800 in both themes with nothing cut off; Monaco loads lazily; the world map
// renders once for a run of events that changes no structure while its SVG classes change as
// the cursor moves (stepping and scrubbing come from the trace, without the server); and the
// hostile strings of 16 §5 reach every diagram, the event list and the response panel as text:
// no script runs, no diagram breaks. Traces come from real world runs (fake isolates).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Page } from "playwright-core";
import type { TraceEntry } from "../../server/protocol/index.ts";
import { counterWorker, fourRegions, worldOf } from "../../server/sim/testing/scenarios.ts";
import { hostileStrings } from "../../web/src/diagrams/hostile-strings.ts";
import { layoutProblems, screenshot, useApp, waitConnected } from "./browser.ts";

const app = useApp();

function counterTrace(): { trace: TraceEntry[]; stepEnds: number[] } {
  const traffic = fourRegions.map((from, i) => ({ atMs: i * 1100, from, method: "POST", url: "https://app.example.com/inc" }));
  const { trace } = worldOf({ worker: counterWorker("kv-counter"), traffic }).run();
  // One step per entry is enough for the local step keys.
  return { trace, stepEnds: trace.map((_, i) => i + 1) };
}

async function loadTrace(page: Page, trace: TraceEntry[], stepEnds: number[], cursor: number): Promise<void> {
  await waitConnected(page);
  await page.evaluate(({ trace, stepEnds, cursor }) => {
    const app = (window as unknown as { __edgePlayground: { store: { setState(s: object): void; getState(): { seek(n: number): void } } } }).__edgePlayground;
    app.store.setState({ trace, stepEnds, cursor: 0, following: false });
    app.store.getState().seek(cursor);
  }, { trace, stepEnds, cursor });
}

const renders = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { __mermaidRenders: Record<string, number> }).__mermaidRenders[n] ?? 0, name);

test("the page lays out at 1280×800 in both themes, Monaco loads lazily, every control has a name", async () => {
  const page = await app.open();
  await page.waitForSelector(".monaco-editor .view-lines");
  await page.waitForSelector('.mermaid-view[data-status="ready"]');
  assert.deepEqual(await layoutProblems(page), []);
  await screenshot(page, "shell-light");
  const unnamed = await page.evaluate(() => [...document.querySelectorAll("button, select, input, textarea")]
    .filter((el) => !el.closest(".monaco-editor") && !(el as HTMLElement).closest("dialog:not([open])"))
    .filter((el) => !(el.getAttribute("aria-label") || el.textContent?.trim() || el.closest("label")?.textContent?.trim()))
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, [], "every control has an accessible name");
  await page.getByRole("button", { name: /Switch to dark theme/ }).click();
  await page.waitForSelector('html[data-theme="dark"]');
  await page.waitForSelector('.mermaid-view[data-status="ready"]');
  assert.deepEqual(await layoutProblems(page), []);
  await screenshot(page, "shell-dark");
  // Focus rings: a focused button shows an outline.
  await page.getByRole("button", { name: "Open projects" }).focus();
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  assert.equal(outline, "solid", "keyboard focus is visible");
  await page.context().close();
});

test("the world map renders once for a run that changes no structure; classes follow the cursor", async () => {
  const page = await app.open();
  const { trace, stepEnds } = counterTrace();
  await loadTrace(page, trace, stepEnds, 0);
  await page.waitForSelector('.mermaid-view[data-diagram="world-map"][data-status="ready"] svg [id*="flowchart-pop0-"]');
  const before = await renders(page, "world-map");
  const litAt: number[] = [];
  const firstRoute = trace.findIndex((e) => e.kind === "route");
  const lastPosition = Math.min(trace.length, firstRoute + 30);
  // Step with the → key (local: the trace is on the page) and read the live classes.
  await page.locator("body").click({ position: { x: 640, y: 790 } });
  for (let n = 1; n <= lastPosition; n++) {
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((want) => document.querySelector('[data-testid="position"]')?.textContent?.startsWith(`event ${want} `), n);
    const lit = await page.locator('[id*="flowchart-pop0-"].live-lit').count();
    if (lit > 0) litAt.push(n);
  }
  assert.ok(litAt.length > 0, "the PoP anycast chose lit up while stepping");
  assert.ok(await page.locator('[id*="flowchart-iso0x0-"].live-warm').count() > 0, "the isolate turned warm after its cold start");
  assert.ok(await page.locator(".live-overlay g.dot").count() > 0, "requests in flight are dots on the map");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction((want) => document.querySelector('[data-testid="position"]')?.textContent?.startsWith(`event ${want} `), lastPosition - 1);
  // Scrub to the end and back to the start.
  await page.getByLabel("Scrub through the trace").fill(String(trace.length));
  await page.getByLabel("Scrub through the trace").fill("0");
  await page.waitForSelector('[id*="flowchart-iso0x0-"].live-cold');
  assert.equal(await renders(page, "world-map"), before, "no re-render while only the moment changed");
  await screenshot(page, "world-map-stepped");
  await page.context().close();
});

const diagramIds: Record<string, string> = { "World map": "world-map", "KV replication": "kv-replication", "Object lifecycle": "do-lifecycle", "Race view": "race", "Cold start": "cold-start", Routes: "route-trie" };

function hostileTrace(): TraceEntry[] {
  const start: TraceEntry = { kind: "start", t: 0, seed: 1, options: { world: { regions: ["us-west", "eu-west"] }, workers: ["app@v1"] } };
  const entries: TraceEntry[] = [start];
  hostileStrings.forEach((s, i) => {
    const t = i * 10;
    const req = `r${i + 1}`;
    entries.push({ kind: "request", t, req, traffic: null, from: "us-west", method: "GET", url: `https://app.example.com/${s}` });
    entries.push({ kind: "anycast", t, req, from: "us-west", pop: "us-west-pop" });
    entries.push({ kind: "kv_read", t: t + 1, req, pop: "us-west-pop", key: s, version: null, stale: false, source: "central" });
    entries.push({ kind: "kv_write", t: t + 2, req, pop: "us-west-pop", key: s, version: i + 1, status: "ok" });
    entries.push({ kind: "log", t: t + 3, isolate: "app@v1/us-west-pop#1", req, level: "info", message: s });
    if (i < 4) entries.push({ kind: "do_enqueue", t: t + 4, object: s, req: `o${i}`, region: "us-west", depth: 1 });
    entries.push({ kind: "response", t: t + 5, req, status: 200, servedBy: "us-west", version: "v1" });
  });
  return entries;
}

test("hostile strings reach diagrams, the event list and responses as text: no script runs, no diagram breaks", async () => {
  const page = await app.open();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  const trace = hostileTrace();
  await loadTrace(page, trace, trace.map((_, i) => i + 1), trace.length);
  await page.evaluate((bodies) => {
    const app = (window as unknown as { __edgePlayground: { store: { getState(): { addResponse(r: object): void; selectResponse(r: string): void } } } }).__edgePlayground;
    bodies.forEach((body, i) => app.store.getState().addResponse({ req: `r${i + 1}`, from: "us-west", method: "GET", url: "https://app.example.com/", status: 200, headers: { "x-evil": body.slice(0, 200) }, body, servedBy: "us-west", version: "v1", startedAtMs: 0, finishedAtMs: 5, traffic: null }));
    app.store.getState().selectResponse("r1");
  }, hostileStrings as string[]);
  for (const tab of ["World map", "KV replication", "Object lifecycle", "Race view", "Cold start"]) {
    // CSS locators: role queries walk the accessibility tree of every SVG, slow on a loaded machine.
    await page.locator(".diagram-panel [role=tab]", { hasText: tab }).click();
    await page.waitForSelector(`.mermaid-view[data-diagram="${diagramIds[tab]}"][data-status="ready"], .mermaid-view[data-status="error"]`);
    const status = await page.locator(".mermaid-view").getAttribute("data-status");
    if (status !== "ready") assert.fail(`${tab} did not draw: ${await page.locator(".diagram-error").textContent()}`);
    await screenshot(page, `hostile-${tab.toLowerCase().replace(/ /g, "-")}`);
  }
  const injected = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    scripts: document.querySelectorAll("#root script, .mermaid-host script").length,
    handlers: [...document.querySelectorAll("#root *")].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 100)),
    images: document.querySelectorAll("#root img").length,
  }));
  assert.deepEqual(injected, { pwned: null, scripts: 0, handlers: [], images: 0 });
  // Shown as written: the event list (filtered to the string) and the response body.
  await page.locator(".diagram-panel [role=tab]", { hasText: "KV replication" }).click();
  await page.waitForSelector('.mermaid-view[data-diagram="kv-replication"][data-status="ready"]');
  const kvTexts = await page.locator(".mermaid-host svg").evaluate((svg) => {
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.querySelectorAll("style").forEach((s) => s.remove());
    return [...copy.querySelectorAll("text, foreignObject")].map((el) => el.textContent ?? "");
  });
  // Inside diagrams angle brackets are drawn as ‹ › (see escape.ts); everything else as written.
  assert.ok(kvTexts.some((t) => t.includes("‹script›window.__pwned=1‹/script›")), `a KV key shows in the KV diagram: ${kvTexts.slice(0, 5).join(" | ")}`);
  assert.ok(kvTexts.some((t) => t.includes("%%{init: {\"securityLevel\": \"loose\"}}%%")), "a Mermaid directive shows as text");
  await page.locator('[aria-label="Filter events by request, object or key"]').fill("<img src=x onerror=");
  await page.waitForSelector(".rows .row");
  const rowText = await page.locator(".rows .row .label").first().textContent();
  assert.ok(rowText?.includes(`<img src=x onerror="window.__pwned=2">`), `the event list shows the string as written: ${rowText}`);
  assert.equal(await page.locator('[data-testid="response-body"]').textContent(), hostileStrings[0]);
  await screenshot(page, "hostile-panels");
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("the editor completes the Workers API and the learner's own bindings once the typings arrive", async () => {
  const page = await app.open();
  await waitConnected(page);
  await page.waitForSelector(".monaco-editor .view-lines");
  type EditorWindow = { __edgeEditor: { getModel(): { setValue(v: string): void; getLineCount(): number; getLineMaxColumn(l: number): number }; setPosition(p: object): void; focus(): void; trigger(source: string, id: string, payload: object): void } };
  // Ask for completions at the end of a line; the suggest widget lists what the TypeScript worker found.
  const suggestAfter = async (code: string): Promise<string[]> => {
    await page.evaluate((text) => {
      const editor = (window as unknown as EditorWindow).__edgeEditor;
      editor.getModel().setValue(text);
      const line = text.split("\n").findIndex((l) => l.includes("/*here*/")) + 1;
      editor.setPosition({ lineNumber: line, column: text.split("\n")[line - 1]!.indexOf("/*here*/") + 1 });
      editor.focus();
      editor.trigger("test", "editor.action.triggerSuggest", {});
    }, code);
    await page.waitForSelector(".suggest-widget.visible .monaco-list-row");
    return page.locator(".suggest-widget.visible .monaco-list-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label") ?? ""));
  };
  const worker = (line: string) => `/** @type {ExportedHandler<Env>} */\nexport default {\n  async fetch(request, env) {\n    ${line}/*here*/\n    return new Response("x");\n  },\n};\n`;
  // The default project binds a KV namespace named KV: `env.` offers it, typed from the scenario.
  let labels: string[] = [];
  for (let attempt = 0; attempt < 30 && !labels.some((l) => /^KV\b/.test(l)); attempt++) {
    labels = await suggestAfter(worker("env."));
    if (!labels.some((l) => /^KV\b/.test(l))) await page.waitForTimeout(500); // the typings chunk is still on its way
  }
  assert.ok(labels.some((l) => /^KV\b/.test(l)), `env. completes the KV binding: ${labels.join(" | ")}`);
  labels = await suggestAfter(worker("Response."));
  assert.ok(labels.some((l) => /^json\b/.test(l)), `Response. completes json from @cloudflare/workers-types: ${labels.join(" | ")}`);
  // A Durable Object stub is typed by its class (issue 15): RPC methods complete on it.
  const rpcWorker = [
    `import { DurableObject } from "cloudflare:workers";`,
    `export class Counter extends DurableObject { async increment(by) { return by; } }`,
    `export default {`,
    `  /** @param {Request} request @param {{ COUNTER: DurableObjectNamespace<Counter> }} env */`,
    `  async fetch(request, env) {`,
    `    const stub = env.COUNTER.getByName("a");`,
    `    stub./*here*/`,
    `    return new Response("x");`,
    `  },`,
    `};`,
  ].join("\n");
  labels = await suggestAfter(rpcWorker);
  assert.ok(labels.some((l) => /^increment\b/.test(l)), `DurableObjectStub<Counter> completes increment: ${labels.join(" | ")}`);
  // The list is not cut off by the short editor panel: its last row is on top where it is drawn.
  const lastRowOnTop = await page.evaluate(() => {
    const rows = [...document.querySelectorAll(".suggest-widget .monaco-list-row")];
    const box = rows[rows.length - 1]?.getBoundingClientRect();
    if (!box || rows.length < 4) return `only ${rows.length} rows`;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit?.closest(".suggest-widget") ? "ok" : `covered by ${hit?.className ?? "nothing"}`;
  });
  assert.equal(lastRowOnTop, "ok", "the suggestion list shows whole, over the panels below the editor");
  await screenshot(page, "editor-completions");
  await page.context().close();
});

test("Ctrl+Enter pressed while typing in the editor deploys and sends, and adds no line to the code", async () => {
  const page = await app.open();
  await waitConnected(page);
  await page.waitForSelector(".monaco-editor .view-lines");
  const lines = () => page.evaluate(() => (window as unknown as { __edgeEditor: { getModel(): { getLineCount(): number } } }).__edgeEditor.getModel().getLineCount());
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("// edited");
  const before = await lines();
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => (window as any).__edgePlayground.store.getState().responses.length > 0);
  assert.equal(await lines(), before, "Monaco's own Ctrl+Enter (insert a line below) did not run");
  const dirty = await page.locator('[aria-label="Files"] [role="tab"][aria-selected="true"]').textContent();
  assert.ok(!dirty?.includes("•"), `the edited file was deployed: its tab reads ${JSON.stringify(dirty)}`);
  await screenshot(page, "editor-ctrl-enter");
  await page.context().close();
});

test("the editor keeps the habits of VS Code: F1 opens the command palette, Ctrl+G goes to a line", async () => {
  const page = await app.open();
  await waitConnected(page);
  await page.waitForSelector(".monaco-editor .view-lines");
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget:not([style*='display: none']) .quick-input-box input");
  const palette = await page.locator(".quick-input-widget .monaco-list-row").count();
  assert.ok(palette > 0, `the command palette lists commands: ${palette}`);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+g");
  await page.keyboard.type("3");
  await page.keyboard.press("Enter");
  const line = await page.evaluate(() => (window as unknown as { __edgeEditor: { getPosition(): { lineNumber: number } } }).__edgeEditor.getPosition().lineNumber);
  assert.equal(line, 3);
  await page.context().close();
});
