// Pure layouts of the Instruments panel's charts, in SVG user units: the heap of one isolate over
// steps as a polyline (used, with the limit as a ceiling), a flame chart of a CPU profile as
// rectangles (a frame's width is its total time, children left to right under it), and bars.
// No DOM here, so Node tests check the geometry.
import type { FlameWireNode, HeapSample } from "../../../server/protocol/index.ts";

export interface HeapChart {
  points: string;
  /** y of the isolate's heap limit, and the largest value drawn (bytes). */
  limitY: number;
  maxBytes: number;
  /** Points where the heap in use fell from one sample to the next (a collection ran). */
  drops: { x: number; y: number }[];
}

export function heapChart(samples: readonly HeapSample[], width: number, height: number): HeapChart {
  const maxBytes = Math.max(1, ...samples.map((s) => Math.max(s.usedBytes, s.totalBytes)));
  const firstStep = samples[0]?.step ?? 0;
  const lastStep = Math.max(firstStep + 1, samples[samples.length - 1]?.step ?? 1);
  // The floor is a little under the smallest value: a leak of a few hundred KB on a 2 MB heap
  // must be visible as a climb, not a flat line at the top of a chart that starts at zero.
  const minBytes = Math.min(...samples.map((s) => s.usedBytes)) * 0.9;
  const span = Math.max(1, maxBytes - minBytes);
  const x = (step: number) => ((step - firstStep) / (lastStep - firstStep)) * width;
  const y = (bytes: number) => height - ((Math.min(bytes, maxBytes) - minBytes) / span) * height;
  const points = samples.map((s) => `${round(x(s.step))},${round(y(s.usedBytes))}`).join(" ");
  const drops = samples.flatMap((s, i) => (i > 0 && s.usedBytes < samples[i - 1]!.usedBytes ? [{ x: round(x(s.step)), y: round(y(s.usedBytes)) }] : []));
  const limit = samples[samples.length - 1]?.limitBytes ?? maxBytes;
  return { points, limitY: limit > maxBytes ? 0 : round(y(limit)), maxBytes, drops };
}

export interface FlameRect {
  x: number;
  y: number;
  width: number;
  depth: number;
  name: string;
  url: string;
  line: number;
  selfMs: number;
  totalMs: number;
}

/** Frames narrower than `minWidth` are left out (with their children): they could not be read. */
export function flameLayout(root: FlameWireNode, width: number, rowHeight: number, minWidth = 1): FlameRect[] {
  const rects: FlameRect[] = [];
  if (root.totalMs <= 0) return rects;
  const scale = width / root.totalMs;
  const place = (node: FlameWireNode, x: number, depth: number) => {
    const w = node.totalMs * scale;
    if (w < minWidth) return;
    rects.push({ x: round(x), y: depth * rowHeight, width: round(w), depth, name: node.name, url: node.url, line: node.line, selfMs: node.selfMs, totalMs: node.totalMs });
    let childX = x;
    for (const child of node.children) {
      place(child, childX, depth + 1);
      childX += child.totalMs * scale;
    }
  };
  place(root, 0, 0);
  return rects;
}

export interface Bar { label: string; value: number; width: number }

/** Bars on one scale; a logarithmic one when values span more than 100× (ms of an isolate vs a process). */
export function bars(items: readonly { label: string; value: number }[], width: number): { bars: Bar[]; log: boolean } {
  const max = Math.max(0, ...items.map((i) => i.value));
  const min = Math.min(...items.map((i) => i.value).filter((v) => v > 0));
  const log = Number.isFinite(min) && max / min > 100;
  const scaled = (v: number) => (v <= 0 ? 0 : log ? (Math.log10(v / min) + 1) / (Math.log10(max / min) + 1) : v / max);
  return { bars: items.map((i) => ({ label: i.label, value: i.value, width: round(scaled(i.value) * width) })), log };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
