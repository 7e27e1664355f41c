// Vite builds the playground into web/dist (served by server/gateway/http.ts). The dev server
// proxies the WebSocket and the JSON routes to the backend (`npm start` on PORT, default 8787).
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { editorPreload } from "./editor-preload.ts";
import { lessonBundle } from "./lesson-bundle.ts";

const backend = `http://127.0.0.1:${process.env.BACKEND_PORT ?? "8787"}`;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), lessonBundle(), editorPreload()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    // WEB_SOURCEMAP=1 builds with source maps, for mapping a CPU profile of the page to sources.
    sourcemap: process.env.WEB_SOURCEMAP === "1",
  },
  worker: { format: "es" },
  server: {
    proxy: {
      "/ws": { target: backend, ws: true },
      "/schema": backend,
      "/health": backend,
    },
  },
});
