// Bundles the code that runs inside every isolate (sandbox/prelude/) into one script. The script's
// completion value is what the prelude's `boot()` returns, so nothing of it is left on the global
// object: boot takes the host's one dispatch function off the global (the host put it there for
// this run) and sets the runtime up with it; user code never sees either.
import { build } from "esbuild";
import { buildWebChunks, guarded, rawChunks } from "../sandbox/prelude/web/build-chunks.mjs";
import { realmDefines } from "./prelude-realm-guard.mjs";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outFile = join(root, "sandbox/prelude/dist/prelude.js");

const result = await build({
  entryPoints: [join(root, "sandbox/prelude/index.ts")],
  bundle: true,
  write: false,
  format: "iife",
  globalName: "__edgePlaygroundPrelude",
  platform: "neutral",
  target: "es2022",
  minify: false,
  legalComments: "none",
  logLevel: "warning",
  define: realmDefines(),
});
const body = result.outputFiles[0].text;
const raw = await rawChunks(true);
const script = `${guarded(body, "__edgePlaygroundPrelude.boot()", [raw.url, raw.idna])}\n`;
mkdirSync(dirname(outFile), { recursive: true });
writeAtomically(outFile, script);
console.log(`prelude: ${(script.length / 1024).toFixed(1)} KiB -> ${outFile.slice(root.length + 1)}`);

// Heavy Web APIs (whatwg-url, the IDNA table) load into an isolate only on first use: the host
// hands their source over on request, so idle isolates stay small.
const chunks = await buildWebChunks({ minify: true });
for (const [name, text] of Object.entries(chunks)) {
  const chunkFile = join(root, `sandbox/prelude/dist/chunk-${name}.js`);
  writeAtomically(chunkFile, text);
  console.log(`chunk ${name}: ${(text.length / 1024).toFixed(1)} KiB -> ${chunkFile.slice(root.length + 1)}`);
}

/** Another process may be building at the same time (tests start several): readers never see half a file. */
function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

