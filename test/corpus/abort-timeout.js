/*corpus
{ "miniflare": false, "why": "the slow origin's 5 s is virtual time in the world",
  "origins": [{ "host": "slow.example", "region": "us-east", "latencyMs": 5000, "body": "finally" }, { "host": "fast.example", "region": "us-east", "latencyMs": 10, "body": "quick" }],
  "requests": [
  { "path": "/?host=slow.example", "status": 504, "json": { "error": "TimeoutError", "message": "upstream took too long" } },
  { "path": "/?host=fast.example", "status": 200, "json": { "body": "quick" } },
  { "path": "/manual", "status": 200, "json": { "aborted": true, "reason": "AbortError", "listenerCalls": 1 } }
] }
*/
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/manual") {
      const controller = new AbortController();
      let listenerCalls = 0;
      controller.signal.addEventListener("abort", () => listenerCalls++);
      controller.abort();
      controller.abort();
      return Response.json({ aborted: controller.signal.aborted, reason: controller.signal.reason.name, listenerCalls });
    }
    try {
      const response = await fetch(`https://${url.searchParams.get("host")}/`, { signal: AbortSignal.timeout(1000) });
      return Response.json({ body: await response.text() });
    } catch (error) {
      if (error.name === "TimeoutError") return Response.json({ error: error.name, message: "upstream took too long" }, { status: 504 });
      throw error;
    }
  },
};
