// A worker that throttles one endpoint: GET /slow waits 100 ms before answering, GET / answers
// at once. The wait is written as a busy loop on the clock.
let served = 0;

function sleep(ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // wait
  }
}

export default {
  async fetch(request) {
    served++;
    if (new URL(request.url).pathname === "/slow") sleep(100);
    return new Response(`ok, request ${served} on this isolate\n`);
  },
};
