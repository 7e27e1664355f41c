/*corpus
{ "requests": [
  { "path": "/count?to=5", "status": 200, "body": "1\n2\n3\n4\n5\n", "headers": { "content-type": "text/plain; charset=utf-8" } },
  { "path": "/ndjson", "status": 200, "body": "{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n" }
] }
*/
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const encoder = new TextEncoder();
    if (url.pathname === "/count") {
      const to = Number(url.searchParams.get("to"));
      let i = 0;
      const stream = new ReadableStream({
        pull(controller) {
          if (i >= to) return controller.close();
          controller.enqueue(encoder.encode(`${++i}\n`));
        },
      });
      return new Response(stream, { headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    const { readable, writable } = new TransformStream();
    const writer = writable.getWriter();
    (async () => {
      for (let i = 0; i < 3; i++) {
        await writer.write(encoder.encode(JSON.stringify({ i }) + "\n"));
      }
      await writer.close();
    })();
    return new Response(readable, { headers: { "content-type": "application/x-ndjson" } });
  },
};
