// A Vite plugin that lets the editor's chunk (Monaco, the largest thing the page loads) download
// with the first paint: index.html gets a modulepreload for it and its shared chunks and a style
// preload for its CSS. Without it the download starts only once the entry script has run
// (main.tsx's loadMonaco), a few hundred milliseconds later. Preloads do not block rendering;
// `data-editor-preload` tells bench/web-bench.ts to leave them out of the first paint's bytes.
import type { Plugin, Rollup } from "vite";

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

const editorEntry = "/src/editor/monaco-setup.ts";

function chunksOf(bundle: OutputBundle, fileName: string, out: Set<OutputChunk>): Set<OutputChunk> {
  const chunk = bundle[fileName];
  if (chunk?.type !== "chunk" || out.has(chunk)) return out;
  out.add(chunk);
  for (const imported of chunk.imports) chunksOf(bundle, imported, out);
  return out;
}

export function editorPreload(): Plugin {
  return {
    name: "edge-playground-editor-preload",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const editor = Object.values(bundle).find((c): c is OutputChunk => c.type === "chunk" && c.isDynamicEntry && (c.facadeModuleId ?? "").endsWith(editorEntry));
        if (!editor) throw new Error(`editor preload: no chunk for ${editorEntry}`);
        // The entry's own static imports are in index.html already.
        const entry = Object.values(bundle).find((c): c is OutputChunk => c.type === "chunk" && c.isEntry);
        const already = entry ? chunksOf(bundle, entry.fileName, new Set()) : new Set<OutputChunk>();
        const chunks = [...chunksOf(bundle, editor.fileName, new Set())].filter((c) => !already.has(c));
        const css = [...new Set(chunks.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]))];
        return [
          ...chunks.map((c) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${c.fileName}`, "data-editor-preload": true }, injectTo: "head" as const })),
          ...css.map((file) => ({ tag: "link", attrs: { rel: "preload", as: "style", crossorigin: true, href: `/${file}`, "data-editor-preload": true }, injectTo: "head" as const })),
        ];
      },
    },
  };
}
