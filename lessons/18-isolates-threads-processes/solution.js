// Answers that agree with what this machine measures, and with the design: an isolate is a
// V8 heap inside an existing process, a worker thread adds a Node environment and an event
// loop, a process adds a whole Node runtime and an operating-system process.
const answers = {
  startOrder: ["isolate", "worker_thread", "process"],
  memoryOrder: ["isolate", "worker_thread", "process"],
  roundTripOrder: ["isolate", "worker_thread", "process"],
  perTenantCode: "isolate",
  cpuBoundJob: "worker_thread",
  ioBoundServing: "process",
};

export default {
  fetch() {
    return Response.json(answers);
  },
};
