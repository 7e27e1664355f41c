// Serves the web app's files (the Vite build in web/dist) and a health check. Only files inside
// that folder are served.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { checkAccess, contentSecurityPolicy, type AccessPolicy } from "./access.ts";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

/** Headers every answer carries: the page may not be framed, sniffed or given foreign script. */
const securityHeaders = {
  "content-security-policy": contentSecurityPolicy,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
} as const;

/** Routes answered with JSON computed at request time (health, JSON Schemas). */
export type JsonRoutes = Record<string, () => { status: number; body: unknown }>;

/** The file a download path `/instruments/<token>/<name>` names, or null (wrong token, unknown file). */
export type DownloadResolver = (token: string, name: string) => string | null;

const downloadTypes: Record<string, string> = { ".cpuprofile": "application/json", ".heapsnapshot": "application/json" };

export function createHttpHandler(webRoot: string, policy: AccessPolicy, jsonRoutes: JsonRoutes = {}, downloads: DownloadResolver = () => null) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    const access = checkAccess(request, policy);
    if (!access.ok) {
      response.writeHead(access.status, { "content-type": "text/plain; charset=utf-8" }).end(access.message);
      return;
    }
    if (access.setCookie !== null) response.setHeader("set-cookie", access.setCookie);
    const path = new URL(request.url ?? "/", "http://local").pathname;
    if (path === "/health") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
      return;
    }
    const route = Object.hasOwn(jsonRoutes, path) ? jsonRoutes[path] : undefined;
    if (route !== undefined) {
      const answer = route();
      response.writeHead(answer.status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(answer.body));
      return;
    }
    const download = /^\/instruments\/([\w-]{1,64})\/([\w-]{1,64}\.(?:cpuprofile|heapsnapshot))$/.exec(path);
    if (download !== null) {
      await serveDownload(response, downloads(download[1]!, download[2]!), download[2]!);
      return;
    }
    const relative = normalize(path === "/" ? "index.html" : path.slice(1));
    const file = join(webRoot, relative);
    if (relative.startsWith("..") || !file.startsWith(webRoot + sep)) {
      response.writeHead(404).end("not found");
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream", "cache-control": cachePolicy(relative) }).end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  };
}

/**
 * Vite names every file under assets/ by a hash of its content, so a browser may keep it for good:
 * a second visit then reads Monaco from its cache, and V8 reuses the code it compiled the first
 * time. index.html and the other unhashed files are revalidated, so a new build shows at once.
 */
function cachePolicy(relative: string): string {
  return relative.startsWith(`assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** The same answer for a wrong token and an unknown file: neither says which tokens exist. */
async function serveDownload(response: ServerResponse, file: string | null, name: string): Promise<void> {
  const body = file === null ? null : await readFile(file).catch(() => null);
  if (body === null) {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  response.writeHead(200, { "content-type": downloadTypes[extname(name)]!, "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" }).end(body);
}
