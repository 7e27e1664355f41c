/*corpus
{ "requests": [
  { "path": "/login", "status": 302, "headers": { "location": "/dashboard", "set-cookie": "session=abc123; Path=/; HttpOnly; Secure; SameSite=Lax, theme=dark; Path=/" } },
  { "path": "/dashboard", "requestHeaders": { "cookie": "theme=dark; session=abc123" }, "status": 200, "body": "welcome back (theme: dark)" },
  { "path": "/dashboard", "status": 401, "body": "please log in" },
  { "path": "/cookies", "status": 200, "json": ["session=abc123; Path=/; HttpOnly; Secure; SameSite=Lax", "theme=dark; Path=/"] }
] }
*/
function parseCookies(header) {
  const cookies = {};
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name) cookies[name] = decodeURIComponent(rest.join("="));
  }
  return cookies;
}

function loginResponse() {
  const headers = new Headers({ Location: "/dashboard" });
  headers.append("Set-Cookie", "session=abc123; Path=/; HttpOnly; Secure; SameSite=Lax");
  headers.append("Set-Cookie", "theme=dark; Path=/");
  return new Response(null, { status: 302, headers });
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/login") return loginResponse();
    if (pathname === "/cookies") return Response.json(loginResponse().headers.getSetCookie());
    const cookies = parseCookies(request.headers.get("Cookie"));
    if (cookies.session !== "abc123") return new Response("please log in", { status: 401 });
    return new Response(`welcome back (theme: ${cookies.theme})`);
  },
};
