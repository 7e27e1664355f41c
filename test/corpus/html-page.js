/*corpus
{ "requests": [
  { "path": "/hello?name=%3Cscript%3E", "status": 200, "headers": { "content-type": "text/html;charset=UTF-8", "x-frame-options": "DENY" },
    "body": "<!doctype html>\n<html><head><title>Hello</title></head>\n<body><h1>Hello, &lt;script&gt;!</h1><ul><li>one</li><li>two</li></ul></body></html>" }
] }
*/
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function page(name, items) {
  return `<!doctype html>
<html><head><title>Hello</title></head>
<body><h1>Hello, ${escapeHtml(name)}!</h1><ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul></body></html>`;
}

export default {
  async fetch(request) {
    const name = new URL(request.url).searchParams.get("name") ?? "world";
    return new Response(page(name, ["one", "two"]), { headers: { "content-type": "text/html;charset=UTF-8", "X-Frame-Options": "DENY" } });
  },
};
