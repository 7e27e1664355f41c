// Builds the `env` object a worker receives: one property per binding of the scenario.
import type { BindingSpec } from "../../../server/sim/isolate-port.ts";
import { createObjectNamespace } from "./durable-object-namespace.ts";
import { createKvNamespace } from "./kv.ts";
import { createServiceBinding } from "./service.ts";

export function createEnv(bindings: Record<string, BindingSpec>): Record<string, unknown> {
  const env: Record<string, unknown> = {};
  const names = Object.keys(bindings);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const spec = bindings[name]!;
    switch (spec.type) {
      case "kv":
        env[name] = createKvNamespace(name);
        break;
      case "durable_object":
        env[name] = createObjectNamespace(name, spec.className);
        break;
      case "service":
        env[name] = createServiceBinding(name, spec.service, spec.entrypoint);
        break;
      case "var":
        env[name] = String(spec.value);
        break;
      default:
        throw new TypeError(`binding ${name}: unknown type ${(spec as { type: unknown }).type}`);
    }
  }
  return Object.freeze(env);
}
