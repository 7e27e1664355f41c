// Renders a small profile page per user and caches the result so the next visit is fast.
const rendered = new Map();

function render(user) {
  return `<h1>${user}</h1>` + "<p>recent activity</p>".repeat(200);
}

export default {
  fetch(request) {
    const user = new URL(request.url).searchParams.get("user") ?? "anonymous";
    let page = rendered.get(user);
    if (page === undefined) {
      page = render(user);
      rendered.set(user, page);
    }
    return new Response(page, { headers: { "content-type": "text/html" } });
  },
};
