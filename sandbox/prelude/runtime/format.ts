// Turns console arguments into one line of text, close enough to what `console.log` prints in
// the Workers runtime: strings as they are at the top level, other values inspected.
import { ArrayIsArray, ArrayPrototypeJoin, ArrayPrototypePush, ObjectKeys, StringCtor } from "./primordials.ts";

const depthMax = 3;
const entriesMax = 50;

export function formatArgs(args: unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i];
    ArrayPrototypePush(parts, typeof value === "string" ? value : inspect(value, 0, []));
  }
  return ArrayPrototypeJoin(parts, " ");
}

function inspect(value: unknown, depth: number, seen: unknown[]): string {
  switch (typeof value) {
    case "string":
      return depth === 0 ? value : JSON.stringify(value);
    case "number":
    case "boolean":
    case "undefined":
      return StringCtor(value);
    case "bigint":
      return `${StringCtor(value)}n`;
    case "symbol":
      return value.toString();
    case "function":
      return `[Function: ${value.name || "(anonymous)"}]`;
    default:
      return inspectObject(value as object | null, depth, seen);
  }
}

function inspectObject(value: object | null, depth: number, seen: unknown[]): string {
  if (value === null) return "null";
  if (seen.includes(value)) return "[Circular]";
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (value instanceof RegExp) return StringCtor(value);
  if (depth >= depthMax) return ArrayIsArray(value) ? "[Array]" : "[Object]";
  const inner = [...seen, value];
  if (ArrayIsArray(value)) return `[ ${list(value.map((v) => inspect(v, depth + 1, inner)))} ]`;
  if (value instanceof Map) {
    const items = [...value].map(([k, v]) => `${inspect(k, depth + 1, inner)} => ${inspect(v, depth + 1, inner)}`);
    return `Map(${value.size}) { ${list(items)} }`;
  }
  if (value instanceof Set) return `Set(${value.size}) { ${list([...value].map((v) => inspect(v, depth + 1, inner)))} }`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as Uint8Array).length}) [ ${list([...(value as Uint8Array)].map(StringCtor))} ]`;
  const keys = ObjectKeys(value);
  const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : "";
  if (keys.length === 0) return `${name}{}`;
  const items = keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect((value as Record<string, unknown>)[k], depth + 1, inner)}`);
  return `${name}{ ${list(items)} }`;
}

function list(items: string[]): string {
  if (items.length <= entriesMax) return ArrayPrototypeJoin(items, ", ");
  return `${ArrayPrototypeJoin(items.slice(0, entriesMax), ", ")}, ... ${items.length - entriesMax} more items`;
}
