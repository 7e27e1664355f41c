// util.inspect and util.format for the "node" chunk, following Node's rules for the values real
// programs log (unenv 1's inspect is JSON.stringify): quoting, `[Function: f]`, `Map(n) {...}`,
// class names, `[Object]` past depth 2, `[Circular *1]`, and Node's one-line rule (an object
// fits on one line when it nests at most 3 levels and its entries fit in 80 columns).
// Not covered: grouping of long arrays into columns, colors, getters, showHidden.

interface Ctx {
  seen: object[];
  circular: Map<object, number>;
  depth: number;
  indent: number;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function quote(s: string): string {
  const q = !s.includes("'") ? "'" : !s.includes('"') ? '"' : !s.includes("`") ? "`" : "'";
  const escaped = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r");
  return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}

function constructorName(value: object): string | null {
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return null;
  const ctor = proto.constructor;
  return typeof ctor === "function" && typeof ctor.name === "string" ? ctor.name : "Object";
}

function key(k: string | symbol): string {
  if (typeof k === "symbol") return `[${k.toString()}]`;
  return identifier.test(k) ? k : quote(k);
}

function primitive(value: unknown): string | null {
  switch (typeof value) {
    case "string": return quote(value);
    case "number": return Object.is(value, -0) ? "-0" : String(value);
    case "bigint": return `${value}n`;
    case "boolean": return String(value);
    case "undefined": return "undefined";
    case "symbol": return value.toString();
    case "function": {
      const source = Function.prototype.toString.call(value);
      if (source.startsWith("class")) return `[class ${value.name || "(anonymous)"}]`;
      return `[Function: ${value.name || "(anonymous)"}]`.replace("[Function: (anonymous)]", "[Function (anonymous)]");
    }
  }
  return value === null ? "null" : null;
}

/** Returns [text, levels nested below]. */
function formatValue(value: unknown, ctx: Ctx, level: number): [string, number] {
  const p = primitive(value);
  if (p !== null) return [p, 0];
  const object = value as object;
  if (ctx.seen.includes(object)) {
    let index = ctx.circular.get(object);
    if (index === undefined) ctx.circular.set(object, (index = ctx.circular.size + 1));
    return [`[Circular *${index}]`, 0];
  }
  if (object instanceof Date) return [Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString(), 0];
  if (object instanceof RegExp) return [String(object), 0];
  if (object instanceof Error) return [object.stack ?? `${object.name}: ${object.message}`, 0];
  const name = constructorName(object);
  const isArray = Array.isArray(object);
  const isTyped = ArrayBuffer.isView(object) && !(object instanceof DataView);
  if (level > ctx.depth) return [isArray ? "[Array]" : `[${name ?? "Object: null prototype"}]`, 0];
  ctx.seen.push(object);
  const entries: string[] = [];
  let nested = 0;
  const add = (text: [string, number]) => {
    entries.push(text[0]);
    nested = Math.max(nested, text[1] + 1);
  };
  let braces: [string, string] = ["{", "}"];
  let prefix = name === "Object" ? "" : name === null ? "[Object: null prototype]" : name;
  if (isArray || isTyped) {
    braces = ["[", "]"];
    const list = object as unknown as ArrayLike<unknown>;
    if (name === "Buffer") {
      ctx.seen.pop();
      const bytes = Array.from(list as Uint8Array).slice(0, 50).map((b) => b.toString(16).padStart(2, "0"));
      return [`<Buffer${bytes.length ? " " + bytes.join(" ") : ""}${list.length > 50 ? ` ... ${list.length - 50} more bytes` : ""}>`, 0];
    }
    prefix = name === "Array" ? "" : `${name}(${list.length})`;
    for (let i = 0; i < Math.min(list.length, 100); i++) add(formatValue(list[i], ctx, level + 1));
    if (list.length > 100) entries.push(`... ${list.length - 100} more items`);
  } else if (object instanceof Map) {
    prefix = `${name}(${object.size})`;
    for (const [k, v] of object) entries.push(`${formatValue(k, ctx, level + 1)[0]} => ${formatValue(v, ctx, level + 1)[0]}`), (nested = Math.max(nested, 1));
  } else if (object instanceof Set) {
    prefix = `${name}(${object.size})`;
    for (const v of object) add(formatValue(v, ctx, level + 1));
  } else if (object instanceof Promise) {
    prefix = "Promise";
    entries.push("<pending>");
  }
  if (!isTyped) {
    for (const k of Reflect.ownKeys(object)) {
      if (isArray && typeof k === "string" && (k === "length" || String(Number(k)) === k)) continue;
      if (!Object.prototype.propertyIsEnumerable.call(object, k)) continue;
      const [text, depth] = formatValue((object as Record<string | symbol, unknown>)[k], ctx, level + 1);
      entries.push(`${key(k)}: ${text}`);
      nested = Math.max(nested, depth + 1);
    }
  }
  ctx.seen.pop();
  const ref = ctx.circular.get(object);
  if (ref !== undefined) prefix = `<ref *${ref}>${prefix ? " " + prefix : ""}`;
  if (entries.length === 0) return [`${prefix ? prefix + " " : ""}${braces[0]}${braces[1]}`, 0];
  const start = entries.length + ctx.indent + braces[0].length + prefix.length + 10;
  const total = entries.reduce((sum, e) => sum + e.length, start + entries.length);
  if (nested <= 3 && total <= 80 && !entries.some((e) => e.includes("\n"))) {
    return [`${prefix ? prefix + " " : ""}${braces[0]} ${entries.join(", ")} ${braces[1]}`, nested];
  }
  const pad = " ".repeat(ctx.indent);
  const inner = entries.map((e) => e.replace(/\n/g, `\n${pad}  `));
  return [`${prefix ? prefix + " " : ""}${braces[0]}\n${pad}  ${inner.join(`,\n${pad}  `)}\n${pad}${braces[1]}`, nested];
}

export function inspect(value: unknown, options?: { depth?: number | null }): string {
  const depth = options?.depth === null ? Infinity : options?.depth ?? 2;
  return formatValue(value, { seen: [], circular: new Map(), depth, indent: 0 }, 0)[0];
}

export function format(...args: unknown[]): string {
  const first = args[0];
  let rest = args;
  let out = "";
  if (typeof first === "string") {
    rest = args.slice(1);
    out = first.replace(/%([sdifjoOc%])/g, (match, flag: string) => {
      if (flag === "%") return "%";
      if (rest.length === 0) return match;
      const arg = rest.shift();
      switch (flag) {
        case "s": return typeof arg === "string" ? arg : typeof arg === "bigint" ? `${arg}n` : typeof arg === "object" && arg !== null ? inspect(arg, { depth: 0 }) : String(arg);
        case "d": return typeof arg === "bigint" ? `${arg}n` : typeof arg === "object" && arg !== null ? "NaN" : String(Number(arg));
        case "i": return typeof arg === "bigint" ? `${arg}n` : String(parseInt(String(arg), 10));
        case "f": return String(parseFloat(String(arg)));
        case "j": try { return JSON.stringify(arg); } catch { return "[Circular]"; }
        case "o": return inspect(arg, { depth: 4 });
        case "O": return inspect(arg);
        default: return "";
      }
    });
  }
  for (const arg of rest) out += (out === "" && rest === args && arg === args[0] ? "" : " ") + (typeof arg === "string" ? arg : inspect(arg));
  return rest === args ? out.replace(/^ /, "") : out;
}
