/*corpus
{ "requests": [
  { "method": "POST", "path": "/signup", "requestHeaders": { "content-type": "application/x-www-form-urlencoded" }, "requestBody": "email=ada%40example.com&name=Ada+Lovelace&interests=math&interests=engines", "status": 200,
    "json": { "email": "ada@example.com", "name": "Ada Lovelace", "interests": ["math", "engines"], "has": true } },
  { "method": "POST", "path": "/signup", "requestHeaders": { "content-type": "application/x-www-form-urlencoded" }, "requestBody": "name=nobody", "status": 422, "json": { "error": "email is required" } }
] }
*/
export default {
  async fetch(request) {
    const form = await request.formData();
    const email = form.get("email");
    if (!email) return Response.json({ error: "email is required" }, { status: 422 });
    return Response.json({ email, name: form.get("name"), interests: form.getAll("interests"), has: form.has("interests") });
  },
};
