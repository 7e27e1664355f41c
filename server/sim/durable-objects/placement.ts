// Durable Object ids and owner regions.
//
// Ids are 64 lowercase hex characters: SHA-256 of the namespace and name for `idFromName`, of
// the namespace and words the world drew from its seeded PRNG for `newUniqueId` (this module has
// no randomness of its own). A domain tag keeps the two kinds from ever colliding.
//
// The owner region comes from a consistent-hash ring with virtual nodes per region, so adding a
// region moves only about 1/(n+1) of the objects, and only onto the new region. A location hint
// (a region name) wins while that region is healthy.

import { hash32, sha256HexOfString } from "../core/hash.ts";

export const ringVirtualNodesPerRegion = 64;
/** 128 bits of randomness for a unique id, as four unsigned 32-bit words. */
export const uniqueIdRandomWordsMin = 4;

/**
 * Ids already derived: every request to a named object derives its id, and SHA-256 in plain
 * JavaScript costs microseconds. A pure function's memo, bounded (cleared when full).
 */
const namedIds = new Map<string, string>();
const namedIdsMax = 10_000;

export function objectIdFromName(namespace: string, name: string): string {
  const key = `name\0${namespace}\0${name}`;
  let id = namedIds.get(key);
  if (id === undefined) {
    if (namedIds.size >= namedIdsMax) namedIds.clear();
    id = sha256HexOfString(key);
    namedIds.set(key, id);
  }
  return id;
}

export function objectIdUnique(namespace: string, randomWords: readonly number[]): string {
  if (randomWords.length < uniqueIdRandomWordsMin || !randomWords.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)) {
    throw new Error(`placement: objectIdUnique needs at least ${uniqueIdRandomWordsMin} unsigned 32-bit words`);
  }
  return sha256HexOfString(`unique\0${namespace}\0${randomWords.map((w) => w.toString(16)).join(".")}`);
}

export function isValidObjectId(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}

/** Virtual nodes sorted by position. Build once per set of regions; it is immutable. */
export interface PlacementRing {
  readonly regions: readonly string[];
  readonly positions: Uint32Array;
  readonly owners: readonly string[];
}

export function createRing(regions: readonly string[], virtualNodesPerRegion = ringVirtualNodesPerRegion): PlacementRing {
  if (regions.length === 0 || new Set(regions).size !== regions.length) {
    throw new Error(`placement: regions must be non-empty and distinct, got ${JSON.stringify(regions)}`);
  }
  const nodes: { position: number; region: string }[] = [];
  for (const region of regions) {
    for (let i = 0; i < virtualNodesPerRegion; i++) nodes.push({ position: hash32(`${region}#${i}`), region });
  }
  // Ties between positions are broken by name, so the ring never depends on input order.
  nodes.sort((a, b) => a.position - b.position || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  return { regions: [...regions], positions: Uint32Array.from(nodes, (n) => n.position), owners: nodes.map((n) => n.region) };
}

export interface PlacementOptions {
  ring: PlacementRing;
  healthy: ReadonlySet<string>;
  /** A region name from `locationHint`; ignored when unknown or unhealthy. */
  hint?: string | null;
}

export interface Placement {
  region: string;
  via: "hint" | "ring";
  /** Unhealthy regions passed over on the ring before reaching `region`, in ring order. */
  skipped: string[];
}

/** The object's owner, or null when no region of the ring is healthy. */
export function ownerFor(objectId: string, options: PlacementOptions): Placement | null {
  const { ring, healthy, hint } = options;
  if (hint != null && ring.regions.includes(hint) && healthy.has(hint)) return { region: hint, via: "hint", skipped: [] };
  return walkRing(ring, ringPosition(objectId), (region) => healthy.has(region));
}

/** Where the object goes when `failedRegion` (its owner) fails: the next healthy region clockwise. */
export function backupFor(objectId: string, failedRegion: string, options: PlacementOptions): Placement | null {
  const healthy = new Set([...options.healthy].filter((r) => r !== failedRegion));
  return ownerFor(objectId, { ...options, healthy });
}

/** The object's point on the ring: its id is already a uniform hash, so its first 32 bits do. */
export function ringPosition(objectId: string): number {
  if (!isValidObjectId(objectId)) throw new Error(`placement: invalid object id "${objectId}"`);
  return parseInt(objectId.slice(0, 8), 16);
}

function walkRing(ring: PlacementRing, position: number, usable: (region: string) => boolean): Placement | null {
  const start = firstAtOrAfter(ring.positions, position);
  const skipped: string[] = [];
  for (let step = 0; step < ring.owners.length; step++) {
    const region = ring.owners[(start + step) % ring.owners.length]!;
    if (usable(region)) return { region, via: "ring", skipped };
    if (!skipped.includes(region)) skipped.push(region);
  }
  return null;
}

function firstAtOrAfter(positions: Uint32Array, position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (positions[mid]! < position) low = mid + 1;
    else high = mid;
  }
  return low % positions.length;
}
