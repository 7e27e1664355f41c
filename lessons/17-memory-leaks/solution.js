// The same cache, bounded: at most 100 pages, the least recently used one evicted first. A Map
// iterates in insertion order, so deleting and re-inserting on a hit keeps it in LRU order.
const rendered = new Map();
const renderedPagesMax = 100;

function render(user) {
  return `<h1>${user}</h1>` + "<p>recent activity</p>".repeat(200);
}

function remember(user, page) {
  rendered.delete(user);
  rendered.set(user, page);
  if (rendered.size > renderedPagesMax) rendered.delete(rendered.keys().next().value);
}

export default {
  fetch(request) {
    const user = new URL(request.url).searchParams.get("user") ?? "anonymous";
    const page = rendered.get(user) ?? render(user);
    remember(user, page);
    return new Response(page, { headers: { "content-type": "text/html" } });
  },
};
