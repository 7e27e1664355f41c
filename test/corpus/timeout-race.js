/*corpus
{ "miniflare": false, "why": "the origin's 3 s and the exact elapsed time are virtual time",
  "origins": [{ "host": "slow.example", "region": "eu-west", "latencyMs": 3000, "body": "slow answer" }],
  "requests": [
  { "path": "/?budget=500", "status": 200, "json": { "result": "fallback", "elapsed": 500 } },
  { "path": "/?budget=10000", "status": 200, "json": { "result": "slow answer", "elapsedAtLeast": true } }
] }
*/
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default {
  async fetch(request) {
    const budget = Number(new URL(request.url).searchParams.get("budget"));
    const started = Date.now();
    const upstream = fetch("https://slow.example/").then((r) => r.text());
    const result = await Promise.race([upstream, sleep(budget).then(() => "fallback")]);
    const elapsed = Date.now() - started;
    if (result === "fallback") return Response.json({ result, elapsed });
    await scheduler.wait(1);
    return Response.json({ result, elapsedAtLeast: elapsed >= 3000 });
  },
};
