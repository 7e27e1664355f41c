// The peer: Miniflare runs the real Workers runtime (workerd). We measure the same programs
// there in the same run, so our figures come with a ratio rather than a bare number.
import { Miniflare } from "miniflare";
import { median, msSince } from "./stats.ts";

export interface PeerFigures {
  startupMs: number;
  helloLatencyMsMedian: number;
  helloRequestsPerSecond: number;
}

export const helloWorker = `export default { fetch() { return new Response("hello") } }`;

export async function startMiniflare(script: string, options: Record<string, unknown> = {}): Promise<Miniflare> {
  const mf = new Miniflare({ modules: true, script, compatibilityDate: "2025-01-01", ...options });
  await mf.ready;
  return mf;
}

export async function measureMiniflareHello(requests: number): Promise<PeerFigures> {
  const started = process.hrtime.bigint();
  const mf = await startMiniflare(helloWorker);
  const startupMs = msSince(started);
  try {
    for (let i = 0; i < 50; i++) await (await mf.dispatchFetch("http://localhost/")).text();
    const latencies: number[] = [];
    const loopStart = process.hrtime.bigint();
    for (let i = 0; i < requests; i++) {
      const t = process.hrtime.bigint();
      await (await mf.dispatchFetch("http://localhost/")).text();
      latencies.push(msSince(t));
    }
    const totalMs = msSince(loopStart);
    return { startupMs, helloLatencyMsMedian: median(latencies), helloRequestsPerSecond: (requests / totalMs) * 1000 };
  } finally {
    await mf.dispose();
  }
}
