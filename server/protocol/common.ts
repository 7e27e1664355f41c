// Shared pieces of the client messages: names, HTTP requests, faults, deploys, step conditions.
// One zod definition gives the TypeScript type, validation with the path of a bad field, and
// JSON Schema (json-schema.ts).
import { z } from "zod";
import { limits as simLimits } from "../sim/core/limits.ts";
import { protocolLimits } from "./limits.ts";

/** A string of at most `max` characters whose error names the limit. */
export function text(max: number, limitName: string) {
  return z.string().max(max, { error: `at most ${max} characters (${limitName})` });
}

export const requestId = z.int().min(0).max(2 ** 31 - 1).meta({ description: "client-chosen id; the answer carries it as replyTo" });
export const name = text(simLimits.nameCharsMax, "nameCharsMax").min(1);
export const identifier = text(protocolLimits.idCharsMax, "idCharsMax").min(1);
export const seed = z.int().min(0).max(simLimits.seedMax);
export const virtualMs = z.int().min(0).max(simLimits.scenarioTimeMsMax);
export const stepIndex = z.int().min(0).max(simLimits.eventsPerRunMax);

const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export const httpRequest = z.strictObject({
  from: name.meta({ description: "the region the client sends from" }),
  method: z.enum(methods).default("GET"),
  url: text(simLimits.urlCharsMax, "urlCharsMax").regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[^\s]*)?$/, { error: "expected an absolute http(s) URL" }),
  headers: z
    .record(text(simLimits.nameCharsMax, "nameCharsMax"), text(simLimits.urlCharsMax, "urlCharsMax"))
    .refine((h) => Object.keys(h).length <= simLimits.headersPerRequestMax, { error: `at most ${simLimits.headersPerRequestMax} headers (headersPerRequestMax)` })
    .default({}),
  body: text(simLimits.requestBodyBytesMax, "requestBodyBytesMax").nullable().default(null),
});
export type HttpRequestSpec = z.infer<typeof httpRequest>;

const forMs = z.int().min(1).max(simLimits.scenarioTimeMsMax).nullable().default(null).meta({ description: "heals by itself after this long; null: until healed" });

/** A fault applied now (the scenario's fault format without `atMs`), or an object action. */
export const faultCommand = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("partition"), regions: z.array(name).min(1).max(simLimits.regionsMax), forMs }),
  z.strictObject({ kind: z.literal("pop_down"), pop: name, forMs }),
  z.strictObject({ kind: z.literal("region_down"), region: name, forMs }),
  z.strictObject({ kind: z.literal("slow_region"), region: name, extraMs: z.int().min(0).max(simLimits.latencyMsMax), forMs }),
  z.strictObject({ kind: z.literal("evict_object"), worker: name.optional(), className: name, name: text(simLimits.urlCharsMax, "urlCharsMax") }),
  z.strictObject({ kind: z.literal("hibernate_object"), worker: name.optional(), className: name, name: text(simLimits.urlCharsMax, "urlCharsMax") }),
]);
export type FaultCommandSpec = z.infer<typeof faultCommand>;

export const deploySpec = z.strictObject({
  worker: name.optional().meta({ description: "default: the scenario's first worker" }),
  version: name.optional().meta({ description: "default: the next free vN" }),
  code: text(simLimits.codeBytesMax, "codeBytesMax"),
  rollout: z
    .strictObject({
      stepMs: virtualMs.meta({ description: "virtual ms between two PoPs taking the new version" }),
      pops: z.array(name).max(simLimits.regionsMax).optional().meta({ description: "rollout order (regions or PoP ids); default: every PoP" }),
    })
    .optional()
    .meta({ description: "absent: every PoP at once" }),
});
export type DeploySpec = z.infer<typeof deploySpec>;

/** Where `step_until` stops: after the event that satisfies the condition (or at the bound). */
export const stepCondition = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("response"), req: identifier.optional().meta({ description: "a request id (r3); absent: any response" }) }),
  z.strictObject({ kind: z.literal("request"), req: identifier.meta({ description: "the next trace entry of this request" }) }),
  z.strictObject({ kind: z.literal("object"), object: text(simLimits.urlCharsMax, "urlCharsMax").meta({ description: "object id, or Class:name" }) }),
  z.strictObject({ kind: z.literal("time"), atMs: virtualMs }),
  z.strictObject({ kind: z.literal("trace_kind"), traceKind: name.meta({ description: "the next trace entry of this kind (kv_read, do_enqueue...)" }) }),
]);
export type StepCondition = z.infer<typeof stepCondition>;

export const playSpeed = z
  .union([z.number().min(protocolLimits.playSpeedMin).max(protocolLimits.playSpeedMax), z.literal("max")])
  .meta({ description: "virtual ms per wall-clock ms (1 = real time), or as fast as possible" });
export type PlaySpeed = z.infer<typeof playSpeed>;
