// A worker that throttles one endpoint: GET /slow waits 100 ms before answering, GET / answers
// at once. The wait is a timer: the handler yields, and the isolate uses no CPU while it waits.
let served = 0;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export default {
  async fetch(request) {
    served++;
    if (new URL(request.url).pathname === "/slow") await sleep(100);
    return new Response(`ok, request ${served} on this isolate\n`);
  },
};
