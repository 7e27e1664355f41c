// Histories: the linearizability checker, its models, Jepsen EDN in and out, and the histories
// a run of the world gives.
export { checkHistory } from "./checker.ts";
export { counterModel, kvModel, modelByName, modelNames, registerModel, type ModelName } from "./models.ts";
export { parseEdnHistory, parseHistory, parseJepsenLog, toJepsenEdn, historyOpsMax } from "./jepsen.ts";
export type { CheckAnswer, CheckOptions, Model, Operation, PartitionAnswer, Value, Verdict } from "./types.ts";
export { countOf, kvHistory, requestHistory } from "./extract.ts";
