/*corpus
{ "bindings": { "COUNTER": { "type": "durable_object", "className": "Counter" } }, "requests": [
  { "path": "/increment?name=a", "body": "1" },
  { "path": "/increment?name=a", "body": "2" },
  { "path": "/increment?name=b", "body": "1" },
  { "path": "/decrement?name=a", "body": "1" },
  { "path": "/?name=a", "body": "1" },
  { "path": "/reset?name=a", "from": "eu-west", "body": "0" }
] }
*/
export class Counter {
  constructor(state, env) {
    this.state = state;
  }

  async fetch(request) {
    const url = new URL(request.url);
    let value = (await this.state.storage.get("value")) || 0;
    switch (url.pathname) {
      case "/increment":
        ++value;
        break;
      case "/decrement":
        --value;
        break;
      case "/reset":
        value = 0;
        break;
      case "/":
        break;
      default:
        return new Response("Not found", { status: 404 });
    }
    await this.state.storage.put("value", value);
    return new Response(value.toString());
  }
}

export default {
  async fetch(request, env) {
    const name = new URL(request.url).searchParams.get("name");
    const id = env.COUNTER.idFromName(name);
    return env.COUNTER.get(id).fetch(request);
  },
};
