// Says which native module is missing or built for another Node, and the command that builds it,
// instead of a stack trace from deep inside the first import. Run before every entry point.
// isolated-vm needs --no-node-snapshot on Node 20, so the npm scripts start this file with it.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const modules = ["isolated-vm", "better-sqlite3"];
const problems = [];
for (const name of modules) {
  try {
    require(name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const why = /NODE_MODULE_VERSION|was compiled against a different Node/.test(message)
      ? `is built for another Node version than ${process.version}`
      : /Cannot find module|not find/.test(message)
        ? "is not installed or was not built"
        : `failed to load (${message.split("\n")[0]})`;
    problems.push(`- ${name} ${why}. Build it with: npm rebuild ${name}   (or run npm install again)`);
  }
}
if (problems.length > 0) {
  console.error(`Edge Playground cannot start: a native module is not usable.\n${problems.join("\n")}\nBoth compile from source (a few minutes; needs python3, make and g++).`);
  process.exit(1);
}
// Durable Object databases load a small SQLite extension that sets workerd's limits; it is
// built here (a fraction of a second) so a missing compiler is reported before anything starts.
const { buildSqliteLimits } = await import("./build-sqlite-limits.mjs");
const sqliteLimitsProblem = buildSqliteLimits();
if (sqliteLimitsProblem !== null) {
  console.error(`Edge Playground cannot start: its SQLite limits extension could not be built: ${sqliteLimitsProblem}\nInstall a C compiler (e.g. apt-get install build-essential), then run: node scripts/build-sqlite-limits.mjs`);
  process.exit(1);
}
