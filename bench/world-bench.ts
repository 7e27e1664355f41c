// World figures (events per second, Durable Object increments vs Miniflare, rewind time) are
// added with the simulated world.
export async function runWorldBenchmarks(_quick: boolean): Promise<void> {}
