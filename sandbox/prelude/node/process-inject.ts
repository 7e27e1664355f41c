// Injected by esbuild into the "node" chunk: the packages' free `process` is node:process.
export { process } from "./process.ts";
