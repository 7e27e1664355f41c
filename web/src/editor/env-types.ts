// The `Env` interface of a worker, generated from its bindings, so `env.` completes the learner's
// own KV namespaces and Durable Object namespaces (types from @cloudflare/workers-types).
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function envTypeSource(bindings: Record<string, { type?: unknown; className?: unknown }>): string {
  const fields = Object.entries(bindings).map(([name, spec]) => {
    const key = identifier.test(name) ? name : JSON.stringify(name);
    switch (spec.type) {
      case "kv": return `  ${key}: KVNamespace;`;
      case "durable_object": return `  ${key}: DurableObjectNamespace;`;
      case "var": case "text": return `  ${key}: string;`;
      default: return `  ${key}: unknown;`;
    }
  });
  return [
    "// Generated from the scenario's bindings.",
    "interface Env {",
    ...fields,
    "}",
    "declare module 'cloudflare:workers' {",
    "  interface Env {}",
    "}",
    "",
  ].join("\n");
}
