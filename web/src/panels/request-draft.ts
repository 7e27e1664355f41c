// The request being written follows the world it is sent into: when a scenario loads (a lesson,
// a project, a share link), a region the world lacks becomes its first region, and a URL that
// no route of the world serves becomes its first route's address. Without this, a learner who
// opens the migration lesson and presses Send asks app.example.com, which no worker serves.
import type { RequestDraft } from "../store/types.ts";

function routePattern(route: string): RegExp {
  const escaped = route.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

/** Whether `url` is served by `route` (a Workers route pattern: host and path, `*` wildcards). */
export function routeServes(route: string, url: string): boolean {
  const bare = url.replace(/^https?:\/\//, "");
  return routePattern(route).test(bare) || routePattern(route).test(`${bare}/`);
}

/** The address a route answers: its pattern with the wildcards dropped. */
export function routeAddress(route: string): string {
  const withoutWildcards = route.replace(/^\*\.?/, "").replace(/\*$/, "");
  return `https://${withoutWildcards.includes("/") ? withoutWildcards : `${withoutWildcards}/`}`;
}

/** What to change in the draft so it fits the world (an empty patch when it already does). */
export function fitDraftToWorld(draft: RequestDraft, regions: readonly string[], routes: readonly string[]): Partial<RequestDraft> {
  const patch: Partial<RequestDraft> = {};
  if (regions.length > 0 && !regions.includes(draft.from)) patch.from = regions[0]!;
  if (routes.length > 0 && !routes.some((route) => routeServes(route, draft.url))) patch.url = routeAddress(routes[0]!);
  return patch;
}
