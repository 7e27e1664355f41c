// Renders one Mermaid diagram: once per change of its text (structure), double-buffered so the
// old picture stays until the new one is ready, and decorated for the current moment without
// re-rendering. Mermaid loads lazily and runs with securityLevel 'strict' (STYLE.md rule 8:
// this folder is the only importer of mermaid).
import { useEffect, useRef, useState } from "react";
import type { Decoration } from "./diagram.ts";
import { afterEditor } from "../load-order.ts";
import { applyDecoration, indexSvg, type Decorated } from "./decorate.ts";

type Mermaid = typeof import("mermaid").default;
let loading: Promise<Mermaid> | null = null;
let configuredTheme: string | null = null;
let renderSeq = 0;

/** Renders done since the page opened, by diagram (read by the browser tests and benchmarks). */
export const mermaidRenders: Record<string, number> = {};
(globalThis as { __mermaidRenders?: Record<string, number> }).__mermaidRenders = mermaidRenders;

async function mermaidFor(theme: "light" | "dark"): Promise<Mermaid> {
  loading ??= afterEditor().then(() => import("mermaid")).then((m) => m.default);
  const mermaid = await loading;
  if (configuredTheme !== theme) {
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: theme === "dark" ? "dark" : "default", flowchart: { htmlLabels: false }, maxTextSize: 60_000 });
    configuredTheme = theme;
  }
  return mermaid;
}

export interface MermaidViewProps { name: string; text: string; decoration: Decoration; theme: "light" | "dark"; onSvg?: (svg: string) => void }

export function MermaidView({ name, text, decoration, theme, onSvg }: MermaidViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const index = useRef<Decorated | null>(null);
  const latest = useRef(decoration);
  latest.current = decoration;
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState("");

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const mermaid = await mermaidFor(theme);
        const { svg } = await mermaid.render(`mmd-${name}-${++renderSeq}`, text);
        if (cancelled || !host.current) return;
        mermaidRenders[name] = (mermaidRenders[name] ?? 0) + 1;
        const buffer = document.createElement("div");
        buffer.className = "mermaid-svg";
        buffer.innerHTML = svg; // Mermaid's own output, sanitized by it under securityLevel 'strict'.
        host.current.replaceChildren(buffer);
        const element = buffer.querySelector("svg");
        if (!element) throw new Error("Mermaid returned no SVG");
        element.setAttribute("role", "img");
        element.setAttribute("aria-label", `${name} diagram`);
        index.current = indexSvg(element);
        applyDecoration(index.current, latest.current);
        onSvg?.(element.outerHTML);
        setStatus("ready");
      } catch (e) {
        if (cancelled) return;
        setError(e instanceof Error ? e.message : String(e));
        setStatus("error");
      }
    })();
    return () => { cancelled = true; };
  }, [name, text, theme]);

  useEffect(() => {
    if (index.current && status === "ready") applyDecoration(index.current, decoration);
  }, [decoration, status]);

  return (
    <div className="mermaid-view" data-diagram={name} data-status={status}>
      <div ref={host} className="mermaid-host" />
      {status === "loading" && <div className="skeleton diagram-skeleton" aria-busy="true">Drawing the {name} diagram…</div>}
      {status === "error" && <p className="diagram-error" role="alert">The diagram could not be drawn: {error}</p>}
    </div>
  );
}
