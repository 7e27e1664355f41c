// Only pages served by this gateway may open a WebSocket to it: a page on another site must not
// be able to drive a learner's playground (cross-site WebSocket hijacking).

export function isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || host === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host === host;
  } catch {
    return false;
  }
}
