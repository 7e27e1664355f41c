// Builds the web app (Vite) into web/dist when its sources changed since the last build: a
// stamp in web/dist records a hash of every source file's path, size and mtime, plus the
// lockfile. `--force` builds anyway. Used by `npm start` and by the browser tests.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "web", "dist");
const stampFile = join(dist, ".build-stamp");
const sources = ["web/src", "web/index.html", "web/vite.config.ts", "web/lesson-bundle.ts", "web/editor-preload.ts", "lessons", "server/protocol", "server/lessons", "package-lock.json"];

function walk(path, out) {
  const full = join(root, path);
  if (!existsSync(full)) return out;
  const info = statSync(full);
  if (info.isDirectory()) {
    for (const name of readdirSync(full).sort()) if (name !== "node_modules" && name !== "__snapshots__") walk(join(path, name), out);
  } else out.push(`${path}:${info.size}:${info.mtimeMs}`);
  return out;
}

// WEB_SOURCEMAP=1 (web/vite.config.ts) changes the output, so it is part of the stamp: a build
// with source maps is not taken for the ordinary one, nor the reverse.
const options = `sourcemap=${process.env.WEB_SOURCEMAP === "1"}`;
const stamp = createHash("sha256").update([options, ...sources.flatMap((s) => walk(s, []))].join("\n")).digest("hex");
const force = process.argv.includes("--force");
if (!force && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) {
  console.log("web: up to date (web/dist)");
  process.exit(0);
}
const started = Date.now();
const { build } = await import("vite");
await build({ configFile: join(root, "web", "vite.config.ts"), logLevel: "warn" });
writeFileSync(stampFile, stamp);
console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
