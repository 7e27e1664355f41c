// Your answers, served at GET /answers. Replace each "?" with your prediction, then press
// Check: the server measures isolates, worker threads and processes on this machine and
// compares. Runtimes: "isolate", "worker_thread", "process".
const answers = {
  // Fastest to start first, slowest last.
  startOrder: ["?", "?", "?"],
  // Least memory first.
  memoryOrder: ["?", "?", "?"],
  // Quickest message round trip first.
  roundTripOrder: ["?", "?", "?"],
  // Which fits best: one tenant's untrusted code among thousands on a machine?
  perTenantCode: "?",
  // A CPU-heavy job (image resizing) inside one Node service?
  cpuBoundJob: "?",
  // Serving many slow I/O requests across every core, one crash not taking down the rest?
  ioBoundServing: "?",
};

export default {
  fetch() {
    return Response.json(answers);
  },
};
