// Applies a diagram's live decoration to Mermaid's rendered SVG: classes on nodes, text badges
// and request dots in an overlay group, and, for sequence diagrams, which messages are revealed.
// Positions (node centres, edge paths) are read once per render; after that a moment costs a
// few class and attribute changes, never a re-render. A dot that moves to another node travels
// along the edge between them (Web Animations over points of the edge's path).
import { liveClasses, type Decoration } from "./diagram.ts";

const svgNs = "http://www.w3.org/2000/svg";
const nodeIdPattern = /(?:^|-)(?:flowchart|state)-(.+?)-\d+$/;
/** Mermaid 11 names a flowchart edge `L_<from>_<to>_<n>` (our node ids have no underscore). */
const edgeIdPattern = /(?:^|-)L_([^_]+)_([^_]+)_\d+$/;
/** Points sampled along an edge for a dot's journey, and how long the journey takes. */
const edgePointsMax = 12;
export const dotTravelMs = 320;

type Point = { x: number; y: number };

export interface Decorated {
  nodes: Map<string, { element: Element; x: number; y: number; bottom: number }>;
  /** `from>to` → points along the edge, in the overlay's coordinates. */
  edges: Map<string, Point[]>;
  overlay: SVGGElement;
  messages: Element[][];
}

/** Indexes a freshly rendered SVG: its nodes with their centres, and an empty overlay. */
export function indexSvg(svg: SVGSVGElement): Decorated {
  const nodes: Decorated["nodes"] = new Map();
  const matrix = svg.getScreenCTM()?.inverse() ?? null;
  const toSvg = (x: number, y: number) => {
    if (!matrix) return { x, y };
    const point = new DOMPoint(x, y).matrixTransform(matrix);
    return { x: point.x, y: point.y };
  };
  for (const element of svg.querySelectorAll("g.node, g[id*='state-']")) {
    const match = nodeIdPattern.exec(element.id);
    if (!match || nodes.has(match[1]!)) continue;
    const box = element.getBoundingClientRect();
    const centre = toSvg(box.x + box.width / 2, box.y + box.height / 2);
    const bottom = toSvg(box.x, box.y + box.height).y;
    nodes.set(match[1]!, { element, x: centre.x, y: centre.y, bottom });
  }
  const overlay = document.createElementNS(svgNs, "g");
  overlay.setAttribute("class", "live-overlay");
  svg.appendChild(overlay);
  const edges = indexEdges(svg, overlay);
  const texts = [...svg.querySelectorAll("text.messageText")];
  const lines = [...svg.querySelectorAll("line[class^='messageLine'], path[class^='messageLine']")];
  const messages = texts.map((text, i) => [text, ...(lines[i] ? [lines[i]!] : [])]);
  return { nodes, edges, overlay, messages };
}

/** Each flowchart edge's path, sampled into points in the overlay's coordinate system. */
function indexEdges(svg: SVGSVGElement, overlay: SVGGElement): Map<string, Point[]> {
  const edges = new Map<string, Point[]>();
  const toOverlay = overlay.getCTM()?.inverse() ?? null;
  for (const path of svg.querySelectorAll<SVGPathElement>("path[id*='L_'], path[data-id*='L_']")) {
    const match = edgeIdPattern.exec(path.id) ?? edgeIdPattern.exec(path.dataset.id ?? "");
    if (!match || typeof path.getTotalLength !== "function") continue;
    const key = `${match[1]}>${match[2]}`;
    if (edges.has(key)) continue;
    const ctm = path.getCTM();
    const length = path.getTotalLength();
    const points: Point[] = [];
    for (let i = 0; i <= edgePointsMax; i++) {
      let p: DOMPoint = path.getPointAtLength((length * i) / edgePointsMax);
      if (ctm && toOverlay) p = new DOMPoint(p.x, p.y).matrixTransform(ctm).matrixTransform(toOverlay);
      points.push({ x: p.x, y: p.y });
    }
    edges.set(key, points);
  }
  return edges;
}

/** The way from one node to another: along their edge (either direction), else straight. */
export function journey(index: Decorated, from: string, to: string): { edge: string | null; points: Point[] } {
  const forward = index.edges.get(`${from}>${to}`);
  if (forward) return { edge: `${from}>${to}`, points: forward };
  const backward = index.edges.get(`${to}>${from}`);
  if (backward) return { edge: `${to}>${from}`, points: [...backward].reverse() };
  const a = index.nodes.get(from), b = index.nodes.get(to);
  return { edge: null, points: a && b ? [a, b] : b ? [b] : [] };
}

export function applyDecoration(index: Decorated, decoration: Decoration): void {
  for (const [id, node] of index.nodes) {
    const wanted = new Set((decoration.classes[id] ?? []).map((c) => `live-${c}`));
    for (const cls of liveClasses) {
      const name = `live-${cls}`;
      node.element.classList.toggle(name, wanted.has(name));
    }
  }
  syncBadges(index, decoration.badges);
  syncDots(index, decoration.dots);
  if (decoration.revealed !== undefined) {
    index.messages.forEach((parts, i) => {
      for (const part of parts) {
        part.classList.toggle("live-future", i >= decoration.revealed!);
        part.classList.toggle("live-current", i === decoration.revealed! - 1);
      }
    });
  }
}

function syncBadges(index: Decorated, badges: Record<string, string>): void {
  const existing = new Map<string, SVGTextElement>();
  for (const el of index.overlay.querySelectorAll<SVGTextElement>("text.badge")) existing.set(el.dataset.node ?? "", el);
  for (const [id, text] of Object.entries(badges)) {
    const node = index.nodes.get(id);
    if (!node) continue;
    let el = existing.get(id);
    existing.delete(id);
    if (!el) {
      el = document.createElementNS(svgNs, "text");
      el.setAttribute("class", "badge");
      el.dataset.node = id;
      el.setAttribute("x", String(node.x));
      el.setAttribute("y", String(node.bottom + 11));
      el.setAttribute("text-anchor", "middle");
      index.overlay.appendChild(el);
    }
    // textContent, never markup: a badge may carry a learner's string.
    if (el.textContent !== text) el.textContent = text;
  }
  for (const el of existing.values()) el.remove();
}

function syncDots(index: Decorated, dots: Record<string, string>): void {
  const existing = new Map<string, SVGGElement>();
  for (const el of index.overlay.querySelectorAll<SVGGElement>("g.dot")) existing.set(el.dataset.req ?? "", el);
  for (const [req, nodeId] of Object.entries(dots)) {
    const node = index.nodes.get(nodeId);
    if (!node) continue;
    let el = existing.get(req);
    existing.delete(req);
    if (!el) {
      el = document.createElementNS(svgNs, "g");
      el.setAttribute("class", "dot");
      el.dataset.req = req;
      const circle = document.createElementNS(svgNs, "circle");
      circle.setAttribute("r", "7");
      const label = document.createElementNS(svgNs, "text");
      label.setAttribute("text-anchor", "middle");
      label.setAttribute("dy", "3");
      label.textContent = req;
      el.append(circle, label);
      index.overlay.appendChild(el);
    }
    moveDot(index, el, req, nodeId);
  }
  for (const el of existing.values()) el.remove();
}

/** Requests beside each other at one node are spread a little, so each dot stays readable. */
function spread(req: string): number {
  return (Number(req.replace(/\D/g, "")) % 4) * 9 - 13;
}

function moveDot(index: Decorated, el: SVGGElement, req: string, nodeId: string): void {
  const from = el.dataset.node;
  if (from === nodeId) return;
  el.dataset.node = nodeId;
  const offset = spread(req);
  const at = (p: Point) => `translate(${p.x + offset}px, ${p.y - 16}px)`;
  const target = index.nodes.get(nodeId)!;
  el.style.transform = at(target);
  for (const running of el.getAnimations()) running.cancel();
  if (from === undefined) return;
  const way = journey(index, from, nodeId);
  el.dataset.edge = way.edge ?? "";
  if (way.points.length < 2 || typeof el.animate !== "function") return;
  // The dot follows the edge, then rests at the node's centre (where the transform put it).
  const source = index.nodes.get(from);
  const along = way.points.map((p) => ({ transform: `translate(${p.x}px, ${p.y}px)` }));
  el.animate([...(source ? [{ transform: at(source) }] : []), ...along, { transform: at(target) }], { duration: dotTravelMs, easing: "ease-in-out" });
}
