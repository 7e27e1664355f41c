// Result values for what users can cause, assertions for programmer errors (STYLE.md rule 6).

export type Result<T, E = SimError> = { ok: true; value: T } | { ok: false; error: E };

/** An error a user can cause (bad scenario, limit hit); `path` names the offending field. */
export interface SimError {
  code: string;
  message: string;
  path?: string;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E = SimError>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

export class AssertionError extends Error {
  override name = "AssertionError";
}

/** Fails loudly on a broken invariant: a bug in the simulator, never the user's fault. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Ends a `switch` over a union so that adding a member is a type error until it is handled. */
export function exhaustiveSwitchError(value: never): never {
  throw new AssertionError(`unhandled case: ${JSON.stringify(value)}`);
}
