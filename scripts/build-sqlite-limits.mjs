// Builds server/store/native/sqlite-limits.c, the SQLite extension that sets workerd's limits on
// each Durable Object database, into server/store/native/build/. It compiles against the
// sqlite3ext.h that ships with better-sqlite3 (the same SQLite), with the system's C compiler
// (better-sqlite3 itself needs one to build). Rebuilds only when the source is newer than the
// library. Run by check-native.mjs before every entry point, and on first use by sqlite-limits.ts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "server", "store", "native", "sqlite-limits.c");
const suffix = process.platform === "darwin" ? "dylib" : process.platform === "win32" ? "dll" : "so";
export const sqliteLimitsLibrary = join(root, "server", "store", "native", "build", `sqlite-limits.${suffix}`);

/** Builds the extension if it is missing or stale; returns null, or what went wrong. */
export function buildSqliteLimits() {
  if (existsSync(sqliteLimitsLibrary) && statSync(sqliteLimitsLibrary).mtimeMs >= statSync(source).mtimeMs) return null;
  let include;
  try {
    include = join(dirname(createRequire(import.meta.url).resolve("better-sqlite3/package.json")), "deps", "sqlite3");
  } catch {
    return "better-sqlite3 is not installed, so its sqlite3ext.h is missing";
  }
  mkdirSync(dirname(sqliteLimitsLibrary), { recursive: true });
  // Several test processes may build at once: each writes its own file, then renames it in place.
  const temporary = `${sqliteLimitsLibrary}.${process.pid}.tmp`;
  const compiler = process.env.CC ?? "cc";
  const flags = process.platform === "darwin" ? ["-dynamiclib", "-undefined", "dynamic_lookup"] : ["-shared", "-fPIC"];
  const built = spawnSync(compiler, ["-O2", ...flags, "-I", include, "-o", temporary, source], { encoding: "utf8" });
  if (built.error || built.status !== 0) {
    rmSync(temporary, { force: true });
    const why = built.error ? built.error.message : (built.stderr || "").trim().split("\n").slice(0, 5).join("\n");
    return `the C compiler (${compiler}) could not build ${source}: ${why}`;
  }
  renameSync(temporary, sqliteLimitsLibrary);
  return null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problem = buildSqliteLimits();
  if (problem !== null) {
    console.error(`Edge Playground cannot build its SQLite limits extension: ${problem}\nInstall a C compiler (e.g. apt-get install build-essential) and run: node scripts/build-sqlite-limits.mjs`);
    process.exit(1);
  }
}
