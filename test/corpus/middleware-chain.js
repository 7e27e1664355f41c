/*corpus
{ "requests": [
  { "path": "/api/items", "status": 200, "json": { "items": ["a", "b"], "requestId": "req-1" }, "headers": { "x-request-id": "req-1", "x-powered-by": "corpus", "server-timing": "app;dur=ok" } },
  { "path": "/api/fail", "status": 500, "json": { "error": "Internal Server Error", "requestId": "req-2" } },
  { "path": "/api/teapot", "status": 418, "json": { "error": "I'm a teapot", "requestId": "req-3" } }
] }
*/
class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.name = "HttpError";
    this.status = status;
  }
}

let counter = 0;

const requestId = (next) => async (req, ctx) => {
  ctx.requestId = `req-${++counter}`;
  const res = await next(req, ctx);
  res.headers.set("X-Request-Id", ctx.requestId);
  return res;
};

const errors = (next) => async (req, ctx) => {
  try {
    return await next(req, ctx);
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 500;
    const message = err instanceof HttpError ? err.message : "Internal Server Error";
    return Response.json({ error: message, requestId: ctx.requestId }, { status });
  }
};

const timing = (next) => async (req, ctx) => {
  const start = Date.now();
  const res = await next(req, ctx);
  // A duration never below zero (workerd's dev clock may move by a millisecond; the edge's does not).
  res.headers.set("Server-Timing", `app;dur=${Date.now() - start >= 0 ? "ok" : "negative"}`);
  res.headers.set("X-Powered-By", "corpus");
  return res;
};

async function app(req, ctx) {
  const { pathname } = new URL(req.url);
  if (pathname === "/api/items") return Response.json({ items: ["a", "b"], requestId: ctx.requestId });
  if (pathname === "/api/teapot") throw new HttpError(418, "I'm a teapot");
  throw new TypeError("boom");
}

const compose = (...layers) => layers.reduceRight((next, layer) => layer(next), app);
const handler = compose(requestId, errors, timing);

export default {
  fetch: (request) => handler(request, {}),
};
