import { createSandboxFactory } from "./sandbox/index.ts";
import { MiniHost, script } from "./sandbox/testing/mini-host.ts";
const sandbox = createSandboxFactory({ poolSize: 0 });
const starter = `// Points arrive from different code paths, each building its object its own way.
function makePoint(i) {
  switch (i % 8) {
    case 0: return { x: i, y: 1 };
    case 1: return { y: 1, x: i };
    case 2: { const p = { x: i }; p.y = 1; return p; }
    case 3: { const p = {}; p.y = 1; p.x = i; return p; }
    case 4: return { x: i, y: 1, z: 0 };
    case 5: { const p = { x: i, y: 1, tmp: 0 }; delete p.tmp; return p; }
    case 6: return { label: "p", x: i, y: 1 };
    default: return Object.assign({}, { y: 1 }, { x: i });
  }
}
const points = Array.from({ length: 2000 }, (_, i) => makePoint(i));
function sumX(list) { let s = 0; for (let k = 0; k < 50; k++) for (let i = 0; i < list.length; i++) s += list[i].x; return s; }
export default { fetch() { return new Response(String(sumX(points))); } };`;
const solution = `class Point { constructor(x, y) { this.x = x; this.y = y; } }
function makePoint(i) { return new Point(i, 1); }
const points = Array.from({ length: 2000 }, (_, i) => makePoint(i));
function sumX(list) { let s = 0; for (let k = 0; k < 50; k++) for (let i = 0; i < list.length; i++) s += list[i].x; return s; }
export default { fetch() { return new Response(String(sumX(points))); } };`;
function time(host: MiniHost, n: number) { const t: number[] = []; for (let i = 0; i < n; i++) { const s = performance.now(); host.request("https://l.example/"); t.push(performance.now() - s); } t.sort((a,b)=>a-b); return t[n>>1]!; }
const a = new MiniHost(sandbox, script(starter)), b = new MiniHost(sandbox, script(solution));
console.log(a.request("https://l.example/").body, b.request("https://l.example/").body);
for (let r = 0; r < 5; r++) { const ta = time(a, 20), tb = time(b, 20); console.log(ta.toFixed(3), tb.toFixed(3), (ta/tb).toFixed(2)); }
sandbox.dispose();
