// Applies a diagram's live decoration to Mermaid's rendered SVG: classes on nodes, text badges
// and request dots in an overlay group, and, for sequence diagrams, which messages are revealed.
// Positions are read once per render; after that a moment costs a few class and attribute
// changes, never a re-render.
import { liveClasses, type Decoration } from "./diagram.ts";

const svgNs = "http://www.w3.org/2000/svg";
const nodeIdPattern = /(?:^|-)(?:flowchart|state)-(.+?)-\d+$/;

export interface Decorated {
  nodes: Map<string, { element: Element; x: number; y: number; bottom: number }>;
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
  const texts = [...svg.querySelectorAll("text.messageText")];
  const lines = [...svg.querySelectorAll("line[class^='messageLine'], path[class^='messageLine']")];
  const messages = texts.map((text, i) => [text, ...(lines[i] ? [lines[i]!] : [])]);
  return { nodes, overlay, messages };
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
    const offset = (Number(req.replace(/\D/g, "")) % 4) * 9 - 13;
    el.style.transform = `translate(${node.x + offset}px, ${node.y - 16}px)`;
  }
  for (const el of existing.values()) el.remove();
}
