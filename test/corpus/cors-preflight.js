/*corpus
{ "requests": [
  { "method": "OPTIONS", "path": "/api/data", "requestHeaders": { "origin": "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" }, "status": 204, "body": "",
    "headers": { "access-control-allow-origin": "https://app.example", "access-control-allow-methods": "GET,HEAD,POST,OPTIONS", "access-control-allow-headers": "content-type", "access-control-max-age": "86400" } },
  { "path": "/api/data", "requestHeaders": { "origin": "https://app.example" }, "status": 200, "json": { "data": [1, 2, 3] }, "headers": { "access-control-allow-origin": "https://app.example", "vary": "Origin" } },
  { "method": "OPTIONS", "path": "/api/data", "status": 200, "body": "", "headers": { "allow": "GET, HEAD, POST, OPTIONS" } }
] }
*/
const corsHeaders = {
  "Access-Control-Allow-Methods": "GET,HEAD,POST,OPTIONS",
  "Access-Control-Max-Age": "86400",
};

function handleOptions(request) {
  const headers = request.headers;
  if (headers.get("Origin") !== null && headers.get("Access-Control-Request-Method") !== null && headers.get("Access-Control-Request-Headers") !== null) {
    return new Response(null, {
      status: 204,
      headers: { ...corsHeaders, "Access-Control-Allow-Origin": headers.get("Origin"), "Access-Control-Allow-Headers": request.headers.get("Access-Control-Request-Headers") },
    });
  }
  return new Response(null, { headers: { Allow: "GET, HEAD, POST, OPTIONS" } });
}

export default {
  async fetch(request) {
    if (request.method === "OPTIONS") return handleOptions(request);
    const response = Response.json({ data: [1, 2, 3] });
    const withCors = new Response(response.body, response);
    withCors.headers.set("Access-Control-Allow-Origin", request.headers.get("Origin") ?? "*");
    withCors.headers.append("Vary", "Origin");
    return withCors;
  },
};
