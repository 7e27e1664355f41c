// The `Env` interface of a worker, generated from its bindings, so `env.` completes the learner's
// own KV namespaces, Durable Object namespaces and service bindings (types from
// @cloudflare/workers-types). Where the generator can see the class a binding names (a Durable
// Object class that extends DurableObject, a WorkerEntrypoint a service binding names), the type
// is generic over it, so `env.COUNTER.getByName("A").increment` completes the class's methods.
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

type BindingLike = { type?: unknown; className?: unknown; service?: unknown; entrypoint?: unknown };

/** The worker files the editor holds, by name (`app.js`), and the file whose Env this is. */
export interface EnvModules {
  files: Record<string, string>;
  self: string;
}

function declares(code: string | undefined, className: string, base: string, defaultExport: boolean): boolean {
  if (code === undefined) return false;
  const name = className.replace(/[$]/g, "\\$");
  const pattern = defaultExport ? `export\\s+default\\s+class(\\s+${identifier.source.slice(1, -1)})?\\s+extends\\s+${base}\\b` : `class\\s+${name}\\s+extends\\s+${base}\\b`;
  return new RegExp(pattern).test(code);
}

/** `import("./app.js").Counter`, relative to env.d.ts, which sits beside the worker files. */
const typeOf = (file: string, exported: string) => `import(${JSON.stringify(`./${file}`)}).${exported}`;

function objectType(spec: BindingLike, modules: EnvModules | undefined): string {
  const className = typeof spec.className === "string" ? spec.className : "";
  if (modules === undefined || !identifier.test(className) || !declares(modules.files[modules.self], className, "DurableObject", false)) return "DurableObjectNamespace";
  return `DurableObjectNamespace<${typeOf(modules.self, className)}>`;
}

function serviceType(spec: BindingLike, modules: EnvModules | undefined): string {
  const file = typeof spec.service === "string" ? `${spec.service}.js` : "";
  const entrypoint = typeof spec.entrypoint === "string" ? spec.entrypoint : null;
  const code = modules?.files[file];
  if (entrypoint === null) return declares(code, "", "WorkerEntrypoint", true) ? `Service<${typeOf(file, "default")}>` : "Fetcher";
  return identifier.test(entrypoint) && declares(code, entrypoint, "WorkerEntrypoint", false) ? `Service<${typeOf(file, entrypoint)}>` : "Fetcher";
}

export function envTypeSource(bindings: Record<string, BindingLike>, modules?: EnvModules): string {
  const fields = Object.entries(bindings).map(([name, spec]) => {
    const key = identifier.test(name) ? name : JSON.stringify(name);
    switch (spec.type) {
      case "kv": return `  ${key}: KVNamespace;`;
      case "durable_object": return `  ${key}: ${objectType(spec, modules)};`;
      case "service": return `  ${key}: ${serviceType(spec, modules)};`;
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
