// The route table: patterns `host/path` where the path may end in `*` (any rest, including
// nothing) and the host may start with `*.` (any subdomain). Paths are matched segment by
// segment in a trie per host; the most specific pattern wins: an exact host beats a wildcard
// host, and a deeper literal path beats a shallower one, so `example.com/api/*` takes
// `/api/users` from `example.com/*`.

import { assert } from "../core/result.ts";

interface Node {
  children: Map<string, Node>;
  /** Worker of a pattern that ends here exactly (no trailing `*`). */
  exact: string | null;
  /** Worker of a pattern `.../*` that ends here. */
  wildcard: string | null;
}

export interface RouteMatch {
  worker: string;
  pattern: string;
}

export class RouteTrie {
  private readonly hosts = new Map<string, Node>();
  private readonly patterns = new Map<string, string>();

  /** Adds a pattern; returns false when another worker already owns it. */
  add(pattern: string, worker: string): boolean {
    const owner = this.patterns.get(pattern);
    if (owner !== undefined) return owner === worker;
    const parsed = parsePattern(pattern);
    assert(parsed, `invalid route pattern ${pattern} (the scenario validator should have caught it)`);
    let node: Node | undefined = this.hosts.get(parsed.host);
    if (!node) this.hosts.set(parsed.host, (node = newNode()));
    for (const segment of parsed.segments) {
      let child: Node | undefined = node.children.get(segment);
      if (!child) node.children.set(segment, (child = newNode()));
      node = child;
    }
    if (parsed.wildcard) node.wildcard = worker;
    else node.exact = worker;
    this.patterns.set(pattern, worker);
    return true;
  }

  match(host: string, path: string): RouteMatch | null {
    const segments = splitPath(path);
    for (const candidate of hostCandidates(host)) {
      const node = this.hosts.get(candidate);
      if (!node) continue;
      const worker = matchPath(node, segments);
      if (worker) return { worker: worker.worker, pattern: `${candidate}/${worker.path}` };
    }
    return null;
  }
}

function matchPath(root: Node, segments: string[]): { worker: string; path: string } | null {
  let node: Node = root;
  let best: { worker: string; path: string } | null = root.wildcard ? { worker: root.wildcard, path: "*" } : null;
  for (let i = 0; i < segments.length; i++) {
    const child = node.children.get(segments[i]!);
    if (!child) return best;
    node = child;
    if (node.wildcard) best = { worker: node.wildcard, path: `${segments.slice(0, i + 1).join("/")}/*` };
  }
  if (node.exact) return { worker: node.exact, path: segments.join("/") };
  return best;
}

/** The host itself, then each wildcard parent: a.b.example.com → *.b.example.com → *.example.com. */
function hostCandidates(host: string): string[] {
  const out = [host];
  const labels = host.split(".");
  for (let i = 1; i < labels.length - 1; i++) out.push(`*.${labels.slice(i).join(".")}`);
  return out;
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

export function parsePattern(pattern: string): { host: string; segments: string[]; wildcard: boolean } | null {
  const slash = pattern.indexOf("/");
  const host = (slash < 0 ? pattern : pattern.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? "" : pattern.slice(slash);
  if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) return null;
  const segments = splitPath(path);
  const wildcard = segments[segments.length - 1] === "*";
  if (wildcard) segments.pop();
  if (segments.some((s) => s.includes("*"))) return null;
  return { host, segments, wildcard };
}

function newNode(): Node {
  return { children: new Map(), exact: null, wildcard: null };
}
