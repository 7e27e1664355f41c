// A child for the runtimes comparison, run as a worker thread or as a forked process: it says
// it is ready with its memory, echoes messages, and runs CPU-bound or I/O-bound task batches.
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";

const send = parentPort ? (m) => parentPort.postMessage(m) : (m) => process.send(m);
const onMessage = parentPort ? (f) => parentPort.on("message", f) : (f) => process.on("message", f);

/** CPU-bound: a fixed amount of arithmetic. */
function cpuTask() {
  let x = 0;
  for (let i = 0; i < 2_000_000; i++) x += Math.sqrt(i) % 3;
  return x;
}

/** I/O-bound: small file reads and a short wait, mostly spent waiting. */
async function ioTask(file) {
  for (let i = 0; i < 4; i++) await readFile(file);
  await new Promise((resolve) => setTimeout(resolve, 2));
}

onMessage(async (message) => {
  if (message.type === "echo") return send({ type: "echo", n: message.n });
  if (message.type === "cpu") {
    for (let i = 0; i < message.tasks; i++) cpuTask();
    return send({ type: "done" });
  }
  if (message.type === "io") {
    // Concurrency 8 per child: an event loop overlaps waits, which is why I/O scales differently.
    let next = 0;
    const lane = async () => { while (next < message.tasks) { next++; await ioTask(message.file); } };
    await Promise.all(Array.from({ length: 8 }, lane));
    return send({ type: "done" });
  }
  if (message.type === "exit") process.exit(0);
});
send({ type: "ready", rssBytes: process.memoryUsage().rss, heapUsedBytes: process.memoryUsage().heapUsed });
