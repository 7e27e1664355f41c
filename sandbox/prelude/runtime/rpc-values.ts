// What may cross an RPC call, and how errors cross it, as workerd does. Arguments and results
// are structured-cloned in the isolate that sends them (so only plain data reaches the host,
// which copies it again into the other isolate); workerd's serializer is stricter than
// structuredClone: an instance of a class of the program's own is refused, not copied as a
// plain object. workerd passes functions and RpcTarget objects as stubs that call back; the
// playground does not (yet), and says so in the DataCloneError.
import { DOMException } from "../web/dom-exception.ts";
import { cloneWithRules, type CloneRules } from "../web/structured-clone.ts";
import { RpcTarget } from "./cloudflare-workers.ts";
import { toWireError } from "./errors.ts";
import { ReflectApply, StringPrototypeSlice } from "./primordials.ts";

const getPrototypeOf = Object.getPrototypeOf;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectPrototype = Object.prototype;
const RpcTargetPrototype = RpcTarget.prototype;

export const stubsNotSupported = "Edge Playground does not pass functions or RpcTarget objects over RPC (workerd passes them as stubs that call back); pass plain data instead.";

/** The name workerd's serializer gives a class instance: its constructor's name. */
function typeName(prototype: object): string {
  try {
    const constructor = getOwnPropertyDescriptor(prototype, "constructor")?.value as unknown;
    const name = typeof constructor === "function" ? getOwnPropertyDescriptor(constructor, "name")?.value : undefined;
    return typeof name === "string" && name !== "" ? name : "Object";
  } catch {
    return "Object";
  }
}

function isRpcTarget(prototype: object | null): boolean {
  for (let p = prototype, i = 0; p !== null && i < 1000; p = getPrototypeOf(p) as object | null, i++) if (p === RpcTargetPrototype) return true;
  return false;
}

const rules: CloneRules = {
  object(value) {
    let prototype: object | null;
    try {
      prototype = getPrototypeOf(value) as object | null;
    } catch {
      throw new DOMException("#<Object> could not be cloned.", "DataCloneError");
    }
    if (prototype === ObjectPrototype || prototype === null) return;
    if (isRpcTarget(prototype)) throw new DOMException(`Could not serialize an RpcTarget: ${stubsNotSupported}`, "DataCloneError");
    throw new DOMException(`Could not serialize object of type "${typeName(prototype)}". This type does not support serialization.`, "DataCloneError");
  },
  fn() {
    throw new DOMException(`Could not serialize a function: ${stubsNotSupported}`, "DataCloneError");
  },
};

/** A copy of `value` that holds only data the RPC serializer accepts (throws a DataCloneError). */
export function rpcClone(value: unknown): unknown {
  return cloneWithRules(value, rules);
}

const domExceptionName = Object.getOwnPropertyDescriptor(DOMException.prototype, "name")!.get!;
const errorMessage = (error: unknown) => {
  try {
    const message = getOwnPropertyDescriptor(error as object, "message")?.value as unknown;
    return typeof message === "string" ? message : "";
  } catch {
    return "";
  }
};

/** A DOMException's name (its getter reads private state, so this is a brand check), or null. */
function domExceptionNameOf(error: unknown): string | null {
  try {
    return ReflectApply(domExceptionName, error, []) as string;
  } catch {
    return null;
  }
}

/** How a DOMException's name crosses to the host and back (fromHostError rebuilds it). */
export const domExceptionPrefix = "DOMException:";

/** Error names that survive an RPC call (the platform's serializer keeps these classes). */
const keptNames: Record<string, true> = {
  __proto__: null as unknown as true,
  Error: true, EvalError: true, RangeError: true, ReferenceError: true, SyntaxError: true, TypeError: true, URIError: true,
};

/**
 * An exception thrown by an RPC method, as the caller sees it in workerd: the built-in error
 * classes keep their name, any other becomes an Error whose message starts with its name
 * ("MyError: message"), and a thrown non-error becomes an Error of its text.
 */
export function rpcError(error: unknown): { name: string; message: string } {
  const domName = domExceptionNameOf(error);
  if (domName !== null) return { name: `${domExceptionPrefix}${domName}`, message: errorMessage(error) };
  const wire = toWireError(error);
  // toWireError marks a thrown non-error as "Uncaught <text>" (its stack is that text alone).
  if (wire.stack === wire.message && StringPrototypeSlice(wire.message, 0, 9) === "Uncaught ") return { name: "Error", message: StringPrototypeSlice(wire.message, 9) };
  if (keptNames[wire.name] === true) return { name: wire.name, message: wire.message };
  return { name: "Error", message: `${wire.name}: ${wire.message}` };
}
