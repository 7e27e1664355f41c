/*corpus
{ "requests": [{ "path": "/", "status": 200, "body": "Hello World!", "headers": { "content-type": "text/plain;charset=UTF-8" } }] }
*/
export default {
  async fetch(request, env, ctx) {
    return new Response("Hello World!");
  },
};
