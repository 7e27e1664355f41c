// Who may reach the gateway at all. Two attacks shape this file:
// - DNS rebinding: a page on `rebind.attacker.test` whose name resolves to 127.0.0.1 is
//   same-origin with itself, so an Origin check alone lets it drive the playground. Only loopback
//   host names, plus those the operator lists in ALLOWED_HOSTS, are answered (as Vite's
//   `server.allowedHosts` does).
// - Binding beyond loopback: anyone on the network could run code. Then a secret token is
//   required (generated at start and printed in the URL, as Jupyter does), kept in a cookie after
//   the first visit.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const accessTokenCookie = "edge_playground_token";
const loopbackHostNames = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export interface AccessPolicy {
  /** Host names (without port) answered besides loopback, from ALLOWED_HOSTS. */
  allowedHosts: ReadonlySet<string>;
  /** Required when the server listens beyond loopback; null on loopback. */
  token: string | null;
}

export type AccessVerdict =
  | { ok: true; setCookie: string | null }
  | { ok: false; status: 403; message: string };

export function isLoopbackHost(host: string): boolean {
  return loopbackHostNames.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** `requireToken` defaults to "the server listens beyond loopback". */
export function makeAccessPolicy(listenHost: string, allowedHostsSetting: string | undefined, requireToken = !isLoopbackHost(listenHost)): AccessPolicy {
  const allowedHosts = new Set((allowedHostsSetting ?? "").split(",").map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0));
  const token = requireToken ? randomBytes(24).toString("base64url") : null;
  return { allowedHosts, token };
}

/** The host name of a Host header, lower-cased, without its port; null if it is malformed. */
export function hostNameOf(hostHeader: string | undefined): string | null {
  if (hostHeader === undefined || hostHeader.length === 0 || hostHeader.length > 255) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function checkAccess(request: IncomingMessage, policy: AccessPolicy): AccessVerdict {
  const host = hostNameOf(request.headers.host);
  if (host === null || !(isLoopbackHost(host) || policy.allowedHosts.has(host))) {
    return { ok: false, status: 403, message: `Host ${JSON.stringify(request.headers.host ?? "")} is not allowed: this server answers loopback names only; add the name to ALLOWED_HOSTS to allow it.` };
  }
  if (policy.token === null) return { ok: true, setCookie: null };
  if (tokenMatches(cookieValue(request.headers.cookie, accessTokenCookie), policy.token)) return { ok: true, setCookie: null };
  const fromQuery = new URL(request.url ?? "/", "http://local").searchParams.get("token");
  if (tokenMatches(fromQuery, policy.token)) {
    return { ok: true, setCookie: `${accessTokenCookie}=${policy.token}; HttpOnly; SameSite=Strict; Path=/` };
  }
  return { ok: false, status: 403, message: "This server listens beyond loopback and needs its access token: open the URL with ?token=… that the server printed at start." };
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * The app's Content-Security-Policy: no inline or foreign script; Monaco's editor and language
 * workers come from this origin (some as blob: URLs); Mermaid's SVG carries inline styles.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");
