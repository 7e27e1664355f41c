/*corpus
{ "requests": [
  { "path": "/?failures=2", "status": 200, "json": { "result": "ok after 3 attempts", "waits": [10, 20], "clockMoved": true } },
  { "path": "/?failures=9", "status": 503, "json": { "error": "gave up after 4 attempts", "waits": [10, 20, 40] } }
] }
*/
// Exponential backoff around a flaky call, waiting with scheduler.wait as Workers code does.
async function withRetry(fn, { attempts = 4, baseMs = 10 } = {}) {
  const waits = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await fn(attempt), attempt, waits };
    } catch (error) {
      if (attempt >= attempts) throw Object.assign(error, { attempt, waits });
      const delay = baseMs * 2 ** (attempt - 1);
      waits.push(delay);
      await scheduler.wait(delay);
    }
  }
}

export default {
  async fetch(request) {
    const failures = Number(new URL(request.url).searchParams.get("failures"));
    const started = Date.now();
    try {
      const { value, attempt, waits } = await withRetry(async (n) => {
        if (n <= failures) throw new Error(`attempt ${n} failed`);
        return "ok";
      });
      return Response.json({ result: `${value} after ${attempt} attempts`, waits, clockMoved: Date.now() - started >= 30 });
    } catch (error) {
      return Response.json({ error: `gave up after ${error.attempt} attempts`, waits: error.waits }, { status: 503 });
    }
  },
};
