// Workers KV limits and timings, from the platform's published limits. Units go last in names.

export const keyBytesMax = 512;
export const valueBytesMax = 25 * 1024 * 1024;
export const metadataBytesMax = 1024;
/** Shortest `expirationTtl`, and how far ahead an absolute `expiration` must be. */
export const expirationTtlSecMin = 60;
/** Shortest `cacheTtl` of a read: 30 s, as workerd checks it today (it was 60 s before 2025). */
export const cacheTtlSecMin = 30;
export const cacheTtlSecDefault = 60;
export const listLimitMax = 1000;
export const listLimitDefault = 1000;
/** One accepted write (put or delete) per key per second, counted at the central store. */
export const writeIntervalMsMin = 1000;

/** Replication lag defaults by distance; the world maps region pairs onto these tiers. */
export const replicationLagMsAdjacent = 10_000;
export const replicationLagMsMid = 30_000;
export const replicationLagMsFar = 60_000;
