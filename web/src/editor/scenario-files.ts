// The editor shows a scenario as files: one tab per worker's code (`<name>.js`) and the scenario
// JSON with each worker's code replaced by a reference to its tab. These two pure functions turn
// a scenario into tabs and tabs back into the scenario the server loads.

export const scenarioFileName = "scenario.json";
const fileRef = (name: string) => `file:${name}.js`;

type WorkerJson = { name?: unknown; code?: unknown; bindings?: unknown; [k: string]: unknown };
type ScenarioJson = { worker?: WorkerJson; workers?: WorkerJson[]; [k: string]: unknown };

function workersOf(scenario: ScenarioJson): WorkerJson[] {
  if (Array.isArray(scenario.workers)) return scenario.workers;
  return scenario.worker && typeof scenario.worker === "object" ? [scenario.worker] : [];
}

const nameOf = (w: WorkerJson, i: number) => (typeof w.name === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(w.name) ? w.name : i === 0 ? "worker" : `worker${i + 1}`);

export function filesFromScenario(scenario: unknown, codeOverride?: string): Record<string, string> {
  const copy = structuredClone((scenario ?? {}) as ScenarioJson);
  const files: Record<string, string> = {};
  workersOf(copy).forEach((w, i) => {
    const name = nameOf(w, i);
    files[`${name}.js`] = i === 0 && codeOverride !== undefined ? codeOverride : typeof w.code === "string" ? w.code : "";
    w.code = fileRef(name);
  });
  files[scenarioFileName] = `${JSON.stringify(copy, null, 2)}\n`;
  return files;
}

export type ComposeResult = { ok: true; scenario: ScenarioJson } | { ok: false; file: string; line: number; message: string };

export function scenarioFromFiles(files: Record<string, string>): ComposeResult {
  const text = files[scenarioFileName] ?? "";
  let scenario: ScenarioJson;
  try {
    scenario = JSON.parse(text) as ScenarioJson;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : 1;
    return { ok: false, file: scenarioFileName, line, message: `scenario.json is not valid JSON: ${message}` };
  }
  if (typeof scenario !== "object" || scenario === null || Array.isArray(scenario)) return { ok: false, file: scenarioFileName, line: 1, message: "scenario.json: expected a JSON object" };
  for (const [i, w] of workersOf(scenario).entries()) {
    const ref = typeof w.code === "string" && w.code.startsWith("file:") ? w.code.slice(5) : null;
    if (ref === null) continue;
    const code = files[ref];
    if (code === undefined) return { ok: false, file: scenarioFileName, line: 1, message: `scenario.json: worker ${i} refers to ${ref}, which is not open` };
    w.code = code;
  }
  return { ok: true, scenario };
}

/** Each worker's bindings, read from the scenario tab (for the generated `Env` typings). */
export function bindingsOf(files: Record<string, string>): Record<string, Record<string, { type?: unknown; className?: unknown }>> {
  const result: Record<string, Record<string, { type?: unknown; className?: unknown }>> = {};
  try {
    const scenario = JSON.parse(files[scenarioFileName] ?? "{}") as ScenarioJson;
    workersOf(scenario).forEach((w, i) => {
      result[`${nameOf(w, i)}.js`] = (w.bindings && typeof w.bindings === "object" ? w.bindings : {}) as Record<string, { type?: unknown }>;
    });
  } catch {
    // An unparsable scenario has no bindings to offer; the JSON tab shows the error.
  }
  return result;
}
