// Finds value-import cycles among the TypeScript files under a folder (tests excluded): the
// strongly connected components of the graph of relative imports, type-only imports left out
// because they vanish at run time. `node scripts/import-cycles.mjs server` prints each cycle and
// exits 1 if there is any; test/import-cycles.test.ts keeps server/ free of them.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const importPattern = /^\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+["'](\.[^"']+)["']/gm;

/** Each cycle as its sorted file paths (relative to `root`). */
export function importCycles(root) {
  const files = [];
  (function walk(dir) {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { if (name !== "node_modules") walk(path); }
      else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts")) files.push(path);
    }
  })(root);
  const known = new Set(files);
  const edges = new Map(files.map((f) => [f, []]));
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(importPattern)) {
      if (m[1] || isTypeOnlyList(m[2])) continue;
      const target = resolve(dirname(file), m[3]);
      if (known.has(target)) edges.get(file).push(target);
    }
  }
  return stronglyConnected(files, edges).filter((c) => c.length > 1).map((c) => c.map((f) => relative(root, f)).sort());
}

/** `{ type A, type B }` imports nothing at run time either. */
function isTypeOnlyList(clause) {
  const list = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!list) return false;
  const names = list[1].split(",").map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith("type "));
}

/** Tarjan's algorithm, iterative so a deep graph cannot overflow the stack. */
function stronglyConnected(nodes, edges) {
  let counter = 0;
  const index = new Map(), low = new Map(), onStack = new Set(), stack = [], out = [];
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, counter); low.set(start, counter++); stack.push(start); onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const [v, i] = top;
      const next = edges.get(v)[i];
      if (next !== undefined) {
        top[1]++;
        if (!index.has(next)) {
          index.set(next, counter); low.set(next, counter++); stack.push(next); onStack.add(next);
          work.push([next, 0]);
        } else if (onStack.has(next)) low.set(v, Math.min(low.get(v), index.get(next)));
        continue;
      }
      work.pop();
      if (work.length > 0) { const parent = work[work.length - 1][0]; low.set(parent, Math.min(low.get(parent), low.get(v))); }
      if (low.get(v) === index.get(v)) {
        const component = [];
        let w;
        do { w = stack.pop(); onStack.delete(w); component.push(w); } while (w !== v);
        out.push(component);
      }
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? "server");
  const cycles = importCycles(root);
  for (const c of cycles) console.log(`cycle of ${c.length}: ${c.join(", ")}`);
  console.log(`${relative(process.cwd(), root) || "."}: ${cycles.length} value-import cycles`);
  process.exit(cycles.length ? 1 : 0);
}
