/*corpus
{ "origins": [{ "host": "upstream.example", "body": "line one\nline two\nline three\n", "headers": { "content-type": "text/plain" } }],
  "requests": [
  { "path": "/upper", "status": 200, "body": "LINE ONE\nLINE TWO\nLINE THREE\n", "headers": { "content-type": "text/plain", "x-transformed": "upper" } },
  { "path": "/numbered", "status": 200, "body": "1: line one\n2: line two\n3: line three\n" }
] }
*/
function upperCase() {
  return new TransformStream({
    transform(chunk, controller) {
      controller.enqueue(chunk.toUpperCase());
    },
  });
}

function numberLines() {
  let buffered = "";
  let n = 0;
  return new TransformStream({
    transform(chunk, controller) {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop();
      for (const line of lines) controller.enqueue(`${++n}: ${line}\n`);
    },
    flush(controller) {
      if (buffered) controller.enqueue(`${++n}: ${buffered}\n`);
    },
  });
}

export default {
  async fetch(request) {
    const upstream = await fetch("https://upstream.example/text");
    const mode = new URL(request.url).pathname;
    const transform = mode === "/upper" ? upperCase() : numberLines();
    const body = upstream.body.pipeThrough(new TextDecoderStream()).pipeThrough(transform).pipeThrough(new TextEncoderStream());
    const response = new Response(body, upstream);
    response.headers.set("x-transformed", mode.slice(1));
    return response;
  },
};
