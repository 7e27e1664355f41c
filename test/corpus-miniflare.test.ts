// The corpus's expectations are workerd's: each program whose answers do not depend on the
// simulated world (virtual time, several PoPs, origin latency) runs in Miniflare, with its KV,
// Durable Object and var bindings and its origins answered by an outbound service, and must
// answer as its /*corpus*/ block says. So an expectation written by hand cannot drift from
// what the real runtime does.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Miniflare } from "miniflare";
import { headerRecord } from "../server/sim/world/result.ts";
import { checkAnswers, corpusDir, corpusHost, corpusPrograms, specOf, type Answer, type CorpusSpec } from "./corpus/run-corpus.ts";

function miniflareOf(name: string, code: string, spec: CorpusSpec): Miniflare {
  const bindings = spec.bindings ?? {};
  const names = (type: string) => Object.keys(bindings).filter((b) => bindings[b]!.type === type);
  return new Miniflare({
    modules: [{ type: "ESModule", path: `${name}.js`, contents: code }],
    compatibilityDate: "2025-04-01",
    compatibilityFlags: spec.compatibilityFlags ?? [],
    kvNamespaces: names("kv"),
    durableObjects: Object.fromEntries(names("durable_object").map((b) => [b, bindings[b]!.className!])),
    bindings: Object.fromEntries(names("var").map((b) => [b, bindings[b]!.value!])),
    outboundService: (request: Request) => {
      const origin = (spec.origins ?? []).find((o) => o.host === new URL(request.url).hostname);
      if (!origin) return new Response(`no origin for ${request.url}`, { status: 404 });
      return new Response(origin.body ?? "", { status: origin.status ?? 200, headers: origin.headers ?? {} });
    },
  } as never);
}

for (const name of corpusPrograms()) {
  const code = readFileSync(join(corpusDir, `${name}.js`), "utf8");
  const spec = specOf(code);
  test(`corpus in workerd: ${name}`, { skip: spec.miniflare === false ? spec.why ?? "needs the world" : false }, async () => {
    const mf = miniflareOf(name, code, spec);
    try {
      const answers: Answer[] = [];
      for (const r of spec.requests) {
        const response = await mf.dispatchFetch(`https://${corpusHost}${r.path}`, { method: r.method ?? "GET", headers: r.requestHeaders ?? {}, body: r.requestBody, redirect: "manual" });
        answers.push({ status: response.status, headers: headerRecord([...response.headers]), body: await response.text() });
      }
      assert.deepEqual(checkAnswers(spec, answers), []);
    } finally {
      await mf.dispose();
    }
  });
}
