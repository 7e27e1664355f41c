// Browser test helpers: Debian's Chromium through playwright-core (never a downloaded browser),
// the real server on an ephemeral port with the built web app, screenshots in test-output/.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { startServer, type StartedServer } from "../../server/main.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const outputDir = join(root, "test-output", "e2e");

/** Generous: a loaded 2-core machine may take seconds to compile Monaco's chunks. */
export const uiTimeoutMs = 60_000;

export function chromiumPath(): string {
  const found = spawnSync("which", ["chromium"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("Chromium not found: install Debian's chromium (apt-get install -y chromium), see README");
  return found;
}

export function buildWeb(): void {
  execFileSync(process.execPath, [join(root, "scripts", "build-web.mjs")], { stdio: "inherit" });
}

/** `extraArgs`: more Chromium switches, e.g. `--host-resolver-rules=...` to map a host name. */
export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", ...extraArgs],
  });
}

export async function startApp(): Promise<StartedServer> {
  buildWeb();
  return startServer({ port: 0 });
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(uiTimeoutMs);
  await page.goto(url);
  return page;
}

/**
 * Waits until the page's session said welcome and holds a scenario (a new session loads the
 * editor's project). A test that puts a trace into the store must wait for this first: the
 * welcome and that first load both replace the trace.
 */
export async function waitConnected(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const state = (window as unknown as { __edgePlayground?: { store: { getState(): { connection: string; server: { scenario: unknown } | null } } } }).__edgePlayground?.store.getState();
    return state?.connection === "open" && state.server !== null && state.server.scenario !== null;
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(outputDir, { recursive: true });
  const path = join(outputDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Elements whose text is cut off or that spill out of their panel (layout bugs), as descriptions. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    for (const el of document.querySelectorAll<HTMLElement>("button, label, .tab, h2, h3, .connection, output")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest("dialog:not([open])") || el.closest(".rows") || el.closest(".tabs") || el.closest(".lesson-list") || el.closest(".pending") || el.closest(".lesson-steps .step")) continue; // lists and lesson text that scroll in their own panel (the step nav and Check stay in view)
      if (box.right > vw + 1 || box.bottom > vh + 1) problems.push(`${el.tagName} "${el.textContent?.slice(0, 30)}" outside the viewport`);
      if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflow !== "visible") problems.push(`${el.tagName} "${el.textContent?.slice(0, 30)}" cut off`);
    }
    return problems;
  });
}

/**
 * For a test file: the built app on a real server and Chromium, started before its tests and
 * closed after them; `open()` gives a fresh page of the app at 1280×800.
 */
export function useApp(): { open(): Promise<Page> } {
  let server: StartedServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startApp();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return { open: () => openPage(browser!, server!.url) };
}
