// Tenant A's worker. It runs on the same PoP, in the same process, as tenant B's worker.
// GET /pollute is where you try to reach tenant B: change a built-in prototype, set a global.
// GET /probe reports what this isolate sees.
function probe() {
  return {
    tenant: "A",
    arrayPrototypeMarked: Object.prototype.hasOwnProperty.call(Array.prototype, "owner"),
    globalSecret: globalThis.secret ?? null,
    jsonPatched: JSON.stringify({}) !== "{}",
  };
}

export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === "/pollute") {
      // Nothing yet.
      return Response.json({ polluted: false });
    }
    return Response.json(probe());
  },
};
