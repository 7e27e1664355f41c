// workerd's `navigator`: what code checks to know it runs on Workers (`navigator.userAgent ===
// "Cloudflare-Workers"`), and the one CPU an isolate sees.
import { ObjectDefineProperty, ObjectFreeze, TypeErrorCtor } from "./primordials.ts";

const constructionKey = {};

export class Navigator {
  constructor(key?: unknown) {
    if (key !== constructionKey) throw new TypeErrorCtor("Illegal constructor");
  }

  get userAgent(): string {
    return "Cloudflare-Workers";
  }

  get hardwareConcurrency(): number {
    return 1;
  }
}

ObjectDefineProperty(Navigator.prototype, Symbol.toStringTag, { value: "Navigator", configurable: true });

export function installNavigator(global: Record<string, unknown>): void {
  ObjectDefineProperty(global, "navigator", { value: ObjectFreeze(new Navigator(constructionKey)), writable: true, configurable: true });
  ObjectDefineProperty(global, "Navigator", { value: Navigator, writable: true, configurable: true });
}
