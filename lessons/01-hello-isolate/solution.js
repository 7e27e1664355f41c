// Your first worker. Every request to hello.example.com runs this fetch handler, in an isolate
// at the PoP nearest to the caller. A handler must answer with a Response.
export default {
  async fetch(request) {
    return new Response("Hello from the edge\n", { headers: { "content-type": "text/plain" } });
  },
};
