// Tenant A's worker. It runs on the same PoP, in the same process, as tenant B's worker.
// GET /pollute changes a built-in prototype, sets a global and replaces JSON.stringify: all of
// it stays inside tenant A's isolate, where it lasts until the isolate ends.
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
      Array.prototype.owner = "tenant A";
      globalThis.secret = "tenant A's API key";
      const original = JSON.stringify;
      JSON.stringify = (value, ...rest) => (value && typeof value === "object" && Object.keys(value).length === 0 ? "{\"owned\":\"A\"}" : original(value, ...rest));
      return Response.json({ polluted: true });
    }
    return Response.json(probe());
  },
};
