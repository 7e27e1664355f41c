// A learner's property, run in its own isolate: the explorer asks it about each run and never
// runs learner code in the host. The predicate is a function expression, e.g.
// `({ responses, trace }) => responses.every((r) => r.status === 200)`, answering true (holds),
// false or a string (fails, the string says why). It gets a copy of the run as JSON and gives a
// string back: no reference to anything of the host crosses. A throw, a loop past the time limit
// or the memory limit is an error naming it, never a crash; after a limit the isolate is
// replaced for the next question.

import ivm from "isolated-vm";
import type { PredicateAnswer, PredicateInput, PredicatePort } from "../server/sim/explore/properties.ts";
import { exploreLimits } from "../server/sim/explore/search.ts";

export const predicateLimits = { wallMsMax: 200, memoryMbMax: 64, codeCharsMax: exploreLimits.predicateCodeCharsMax, messageCharsMax: 500 };

export interface PredicateSandbox extends PredicatePort {
  dispose(): void;
}

type Loaded = { isolate: ivm.Isolate; context: ivm.Context; answer: ivm.Reference<(input: string) => string> };

function load(code: string): Loaded | string {
  const isolate = new ivm.Isolate({ memoryLimit: predicateLimits.memoryMbMax });
  try {
    const context = isolate.createContextSync();
    const source = `(function () {
      const predicate = (${code}\n);
      if (typeof predicate !== "function") throw new TypeError("the predicate must be a function, e.g. ({ responses, trace }) => true");
      return function answer(input) {
        const result = predicate(JSON.parse(input));
        if (result === true || result === undefined) return JSON.stringify({ pass: true, message: null });
        if (result === false) return JSON.stringify({ pass: false, message: null });
        return JSON.stringify({ pass: false, message: String(result) });
      };
    })()`;
    const answer = isolate.compileScriptSync(source, { filename: "predicate.js" }).runSync(context, { timeout: predicateLimits.wallMsMax, reference: true }) as ivm.Reference<(input: string) => string>;
    return { isolate, context, answer };
  } catch (e) {
    isolate.dispose();
    return describe(e, "loading");
  }
}

function describe(e: unknown, when: string): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/timed out/i.test(message)) return `the predicate ran longer than ${predicateLimits.wallMsMax} ms while ${when} (predicateLimits.wallMsMax)`;
  if (/disposed|memory/i.test(message)) return `the predicate went over ${predicateLimits.memoryMbMax} MB while ${when} (predicateLimits.memoryMbMax)`;
  return `the predicate threw while ${when}: ${message.slice(0, predicateLimits.messageCharsMax)}`;
}

export function createPredicateSandbox(code: string): PredicateSandbox {
  if (code.length > predicateLimits.codeCharsMax) throw new RangeError(`predicate: at most ${predicateLimits.codeCharsMax} characters (predicateLimits.codeCharsMax)`);
  let loaded: Loaded | string | null = null;
  const drop = () => {
    if (loaded && typeof loaded !== "string" && !loaded.isolate.isDisposed) loaded.isolate.dispose();
    loaded = null;
  };
  return {
    check(input: PredicateInput): PredicateAnswer {
      loaded ??= load(code);
      if (typeof loaded === "string") return { ok: false, error: loaded };
      try {
        const text = loaded.answer.applySync(undefined, [JSON.stringify(input)], { timeout: predicateLimits.wallMsMax }) as unknown;
        if (typeof text !== "string") return { ok: false, error: "the predicate gave no answer" };
        const parsed = JSON.parse(text) as { pass: boolean; message: string | null };
        return { ok: true, pass: parsed.pass === true, message: parsed.message === null ? null : String(parsed.message).slice(0, predicateLimits.messageCharsMax) };
      } catch (e) {
        const error = describe(e, "checking a run");
        drop();
        return { ok: false, error };
      }
    },
    dispose: drop,
  };
}
