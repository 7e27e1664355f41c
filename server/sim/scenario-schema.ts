// The scenario file format (DESIGN.md "Scenario files") as one zod definition: it checks every
// field's shape, range and size limit (errors name the field's path and the limit), and gives
// the JSON Schema the web editor uses for completion and squiggles (/schema/scenario.json).
// What needs the whole file — a region that must exist in `world.regions`, a worker name used
// twice, a route's pattern, region-dependent defaults — is checked after it, in scenario.ts.
// zod is pure (no I/O, no clock), so it may live in the simulation core.
import { z } from "zod";
import { limits } from "./core/limits.ts";

const text = (max: number = limits.nameCharsMax, limitName = "nameCharsMax") => z.string({ error: "expected a string" }).max(max, { error: `at most ${max} characters (${limitName})` });
const int = (min: number, max: number) =>
  z.number({ error: `expected an integer ≥ ${min}` }).int({ error: `expected an integer ≥ ${min}` }).min(min, { error: `expected an integer ≥ ${min}` }).max(max, { error: `expected an integer ≤ ${max}` });
const list = <T extends z.ZodType>(item: T, max: number, limitName: string) => z.array(item, { error: "expected an array" }).max(max, { error: `at most ${max} entries (${limitName})` });
const ms = (min = 0) => int(min, limits.scenarioTimeMsMax);
const region = text().describe("a region of world.regions");
const headers = z.record(z.string(), text(limits.urlCharsMax, "urlCharsMax"), { error: "expected an object" }).describe("header name → value");
const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const binding = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("kv") }),
  z.strictObject({ type: z.literal("durable_object"), className: text() }),
  z.strictObject({ type: z.literal("var"), value: text(limits.urlCharsMax, "urlCharsMax") }),
  z.strictObject({
    type: z.literal("service"),
    service: text().describe("the name of another worker of this scenario (workers[].name)"),
    entrypoint: text().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, { error: "expected a JavaScript identifier" }).optional().describe("a WorkerEntrypoint class that worker exports (default: its default export)"),
  }).describe("a service binding: fetch and RPC to another worker of the scenario, in the same PoP"),
], { error: "expected one of kv, durable_object, var, service" });

export const workerSchema = z.strictObject({
  name: text().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "expected lower-case letters, digits and dashes" }).optional(),
  version: text().optional().describe("default v1"),
  code: text(limits.codeBytesMax, "codeBytesMax").optional().describe("the Worker module: export default { fetch(request, env, ctx) { ... } } (or give modules)"),
  main: text().optional().describe("with modules: the main module's path (default: the first)"),
  modules: z.record(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/, { error: "expected a relative module path like src/router.ts" }), text(limits.codeBytesMax, "codeBytesMax"), { error: "expected an object of module path → code" }).optional()
    .describe("a worker of several modules by relative path; .ts modules are TypeScript (types stripped on deploy)"),
  bindings: z.record(z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, { error: "expected a JavaScript identifier" }), binding, { error: "expected an object" }).optional(),
  routes: list(text(limits.urlCharsMax, "urlCharsMax"), limits.routesPerWorkerMax, "routesPerWorkerMax").optional().describe("host/path patterns with an optional trailing *"),
  compatibility_date: text().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date like 2025-01-01 (YYYY-MM-DD)" }).optional().describe("as in wrangler: the runtime behaviour the worker gets (default 2025-01-01)"),
  compatibility_flags: list(text().regex(/^[a-z0-9_]+$/, { error: "expected a flag name like nodejs_compat" }), 32, "compatibilityFlagsMax").optional().describe("as in wrangler, e.g. [\"nodejs_compat\"] for the node: modules and Buffer"),
}, { error: "expected an object" });

const trafficEntry = z.strictObject({
  atMs: ms(),
  from: region,
  method: text().optional().describe(`one of ${methods.join(", ")} (default GET)`),
  url: text(limits.urlCharsMax, "urlCharsMax").regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[^\s]*)?$/, { error: "expected an absolute http(s) URL" }),
  headers: headers.optional(),
  body: text(limits.requestBodyBytesMax, "requestBodyBytesMax").optional(),
  retry: z.strictObject({
    attempts: int(1, limits.clientRetriesMax).describe("at most clientRetriesMax"),
    afterMs: ms(1),
  }, { error: "expected an object" }).optional().describe("the client retries a failed connection this many times, waiting afterMs each time"),
}, { error: "expected an object" });

const forMs = ms(1).optional().describe("the fault ends by itself after this long");
const faultKinds = "expected one of partition, pop_down, region_down, slow_region, evict_object";
const fault = z.discriminatedUnion("kind", [
  z.strictObject({ atMs: ms(), kind: z.literal("partition"), regions: list(region, limits.regionsMax, "regionsMax").min(1, { error: "expected at least one region" }), forMs }),
  z.strictObject({ atMs: ms(), kind: z.literal("pop_down"), pop: text().describe("a region or its PoP id"), forMs }),
  z.strictObject({ atMs: ms(), kind: z.literal("region_down"), region, forMs }),
  z.strictObject({ atMs: ms(), kind: z.literal("slow_region"), region, extraMs: int(0, limits.latencyMsMax), forMs }),
  z.strictObject({ atMs: ms(), kind: z.literal("evict_object"), worker: text().optional(), className: text(), name: text(limits.urlCharsMax, "urlCharsMax") }),
], { error: faultKinds });

const deployment = z.strictObject({
  atMs: ms(),
  worker: text().optional(),
  version: text().optional(),
  code: text(limits.codeBytesMax, "codeBytesMax"),
  rollout: z.strictObject({ stepMs: ms().optional(), pops: list(text(), limits.regionsMax, "regionsMax").optional() }, { error: "expected an object" }).optional(),
}, { error: "expected an object" });

const origin = z.strictObject({
  host: text(limits.urlCharsMax, "urlCharsMax"),
  region: region.optional(),
  latencyMs: int(0, limits.latencyMsMax).optional(),
  status: int(200, 599).optional(),
  headers: headers.optional(),
  body: text(limits.requestBodyBytesMax, "requestBodyBytesMax").optional(),
}, { error: "expected an object" });

export const worldSchema = z.strictObject({
  regions: list(text().regex(/^[a-z0-9-]+$/, { error: "expected lower-case letters, digits and dashes" }), limits.regionsMax, "regionsMax").min(1, { error: "expected at least one region" }).optional(),
  latency: list(z.strictObject({ from: region, to: region, ms: int(0, limits.latencyMsMax) }), limits.regionsMax * limits.regionsMax, "regionsMax²").optional(),
  jitterPercent: int(0, 50).optional(),
  clientToPopMs: int(0, limits.latencyMsMax).optional(),
  healthCheckIntervalMs: ms(100).optional(),
  routeCacheEntries: int(1, limits.routeCacheEntriesMax).optional(),
  routeCacheTtlMs: ms(1).optional(),
  isolateIdleEvictMs: ms(1).optional(),
  objectHibernateMs: ms(1).optional(),
  objectEvictMs: ms(1).optional(),
  kvReplicationLagMs: z.record(z.string(), ms(), { error: "expected an object" }).optional(),
  kvCentralRegion: region.optional(),
  kvWriteRateLimit: z.boolean({ error: "expected true or false" }).optional(),
  chargeMeasuredCosts: z.boolean({ error: "expected true or false" }).optional(),
  runTimeMsMax: ms(1).optional(),
  // The run's own bounds, lowered for one run (never raised past limits.ts).
  eventsPerRunMax: int(1, limits.eventsPerRunMax).optional(),
  traceEntriesMax: int(1, limits.traceEntriesMax).optional(),
  opsPerDeliveryMax: int(1, limits.opsPerDeliveryMax).optional(),
}, { error: "expected an object" });

export const scenarioSchema = z.strictObject({
  name: text().optional(),
  description: z.string().max(10_000).optional(),
  seed: int(0, limits.seedMax).optional(),
  world: worldSchema.optional(),
  worker: workerSchema.optional(),
  workers: list(workerSchema, limits.workersMax, "workersMax").min(1, { error: "expected at least one worker" }).optional(),
  traffic: list(trafficEntry, limits.trafficEntriesMax, "trafficEntriesMax").optional(),
  faults: list(fault, limits.faultsMax, "faultsMax").optional(),
  deployments: list(deployment, limits.deploymentsMax, "deploymentsMax").optional(),
  origins: list(origin, limits.originsMax, "originsMax").optional(),
}, { error: "expected an object" });

export type ScenarioFile = z.infer<typeof scenarioSchema>;

/** The scenario file's JSON Schema (draft 2020-12), for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return { ...(z.toJSONSchema(scenarioSchema, { io: "input" }) as Record<string, unknown>), title: "Edge Playground scenario" };
}
