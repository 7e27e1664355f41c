/*corpus
{ "requests": [
  { "method": "POST", "path": "/", "requestBody": "{\"event\":\"signup\",\"user\":7}", "status": 200, "json": { "logged": "{\"event\":\"signup\",\"user\":7}", "parsed": { "event": "signup", "user": 7 }, "teeA": "abc", "teeB": "abc", "usedAfter": true } }
] }
*/
export default {
  async fetch(request) {
    const copy = request.clone();
    const logged = await copy.text();
    const parsed = await request.json();
    const [a, b] = new Response("abc").body.tee();
    const teeA = await new Response(a).text();
    const teeB = await new Response(b).text();
    return Response.json({ logged, parsed, teeA, teeB, usedAfter: request.bodyUsed });
  },
};
