// The walkthrough exported as Markdown for the learner's notes: each phase with its practice
// question, the learner's answer and the model answer, the numbers measured in this session
// beside the design's figures, and a Mermaid diagram of the learner's world. Pure: text in,
// text out, so the server, the web app and the tests build the same document.

import type { WalkthroughNumbers } from "./numbers.ts";

export interface WalkthroughPhase {
  title: string;
  question: string;
  modelAnswer: string;
  /** The learner's answer, or null when the phase was not visited. */
  answer: string | null;
}

export interface WalkthroughWorld {
  regions: string[];
  kvCentralRegion: string | null;
  /** Region each Durable Object ran in, by object name or id. */
  objectOwners: Record<string, string>;
}

const ms = (x: number | null) => (x === null ? "not measured" : `${x} ms`);

/** Mermaid flowchart of the world: clients → PoPs, PoPs → KV's central store and the objects' owners. */
export function worldMermaid(world: WalkthroughWorld): string {
  const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, "_");
  const lines = ["flowchart LR"];
  for (const r of world.regions) lines.push(`  client_${id(r)}(["client ${r}"]) --> pop_${id(r)}["PoP ${r}"]`);
  if (world.kvCentralRegion) {
    lines.push(`  kv[("KV central store<br/>${world.kvCentralRegion}")]`);
    for (const r of world.regions) lines.push(`  pop_${id(r)} -.-> kv`);
  }
  for (const [name, owner] of Object.entries(world.objectOwners)) {
    lines.push(`  do_${id(name)}{{"Durable Object ${name}<br/>owner ${owner}"}}`);
    for (const r of world.regions) lines.push(`  pop_${id(r)} --> do_${id(name)}`);
  }
  return lines.join("\n");
}

function numbersTable(n: WalkthroughNumbers): string {
  const rows: [string, string, string][] = [
    ["cold start (all phases)", ms(n.coldStartMs), "5–50 ms"],
    ["create isolate", ms(n.coldStartPhasesMs.create), "1–2 ms"],
    ["load code", ms(n.coldStartPhasesMs.load), "1–5 ms (compile 1–10 ms)"],
    ["bindings", ms(n.coldStartPhasesMs.bindings), "≈ 1 ms"],
    ["module init", ms(n.coldStartPhasesMs.init), "1–30 ms"],
    ["memory per isolate", n.isolateMb === null ? "not measured" : `${n.isolateMb} MB`, "≈ 2 MB (a container: hundreds of MB)"],
    ["KV stale window seen", ms(n.kvStaleWindowMs), "adjacent 10–20 s, global ≈ 60 s"],
    ...Object.entries(n.doLatencyMsByRegion).map(([r, v]): [string, string, string] => [`Durable Object request from ${r}`, ms(v), "≈ 50 ms routed (10–100 ms)"]),
    ["route cache hit rate", n.routeCacheHitRate === null ? "not measured" : `${Math.round(n.routeCacheHitRate * 1000) / 10} %`, "95 %+"],
  ];
  return ["| figure | measured in my session | design |", "| --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function walkthroughMarkdown(input: { phases: WalkthroughPhase[]; numbers: WalkthroughNumbers; world: WalkthroughWorld }): string {
  const parts = [
    "# Design an edge compute platform: my walkthrough",
    "",
    "## My world",
    "",
    "```mermaid",
    worldMermaid(input.world),
    "```",
    "",
    "## My numbers",
    "",
    "Measured on the playground: cold-start phases in real V8 isolates on its server, latencies in the simulated world's virtual time.",
    "",
    numbersTable(input.numbers),
  ];
  for (const p of input.phases) {
    parts.push("", `## ${p.title}`, "", `**Question.** ${p.question}`, "", `**My answer.** ${p.answer ?? "(not answered)"}`, "", `**Model answer.** ${p.modelAnswer}`);
  }
  return `${parts.join("\n")}\n`;
}
