// What every diagram builder returns: the Mermaid text (a pure function of the structure; equal
// text means no re-render) and the live decoration for the current moment, applied to the
// rendered SVG as classes and small text badges (never by re-rendering).
export interface Decoration {
  /** Node id → classes to set (replacing the previous moment's live classes). */
  classes: Record<string, string[]>;
  /** Node id → a short text badge drawn beside the node. */
  badges: Record<string, string>;
  /** Request id → node id where its dot sits now. */
  dots: Record<string, string>;
  /** Sequence diagrams: how many messages are shown (the rest are the future). */
  revealed?: number;
}

export interface Diagram {
  text: string;
  decoration: Decoration;
}

export const liveClasses = ["warm", "cold", "lit", "down", "stale", "fresh", "empty", "killed", "hit", "miss", "current", "future", "busy"] as const;

export function emptyDecoration(): Decoration {
  return { classes: {}, badges: {}, dots: {} };
}

export function addClass(d: Decoration, node: string, cls: string): void {
  (d.classes[node] ??= []).push(cls);
}
