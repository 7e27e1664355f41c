// Serves the web app's files and a health check. Only files inside web/ are served.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

export function createHttpHandler(webRoot: string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? "/", "http://local").pathname;
    if (path === "/health") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
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
      response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream", "x-content-type-options": "nosniff" }).end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  };
}
