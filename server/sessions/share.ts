// Share links: the project compressed into the URL fragment (as the Workers Playground does),
// deflate (fflate) then base64url. The fragment never reaches a server log. A project too large
// for a link is refused with a message that suggests saving it instead.
import { strFromU8, strToU8, unzlibSync, zlibSync } from "fflate";
import { protocolLimits } from "../protocol/limits.ts";
import type { ProjectData } from "../store/projects.ts";

export type ShareResult<T> = { ok: true; value: T } | { ok: false; code: "share_too_large" | "bad_share_link"; message: string; limit?: string };

/** Bytes a fragment may inflate to (a zip bomb in a link is refused, not inflated). */
const shareInflatedBytesMax = protocolLimits.projectBytesMax;

export function encodeShare(data: ProjectData): ShareResult<string> {
  const fragment = Buffer.from(zlibSync(strToU8(JSON.stringify({ v: 1, ...data })), { level: 9 })).toString("base64url");
  if (fragment.length > protocolLimits.shareFragmentCharsMax) {
    return { ok: false, code: "share_too_large", limit: "shareFragmentCharsMax", message: `this project needs a ${fragment.length}-character link, more than ${protocolLimits.shareFragmentCharsMax} (shareFragmentCharsMax): save it as a project instead` };
  }
  return { ok: true, value: fragment };
}

export function decodeShare(fragment: string): ShareResult<ProjectData> {
  const bad = (why: string): ShareResult<ProjectData> => ({ ok: false, code: "bad_share_link", message: `this share link cannot be opened: ${why}` });
  if (!/^[A-Za-z0-9_-]+$/.test(fragment)) return bad("it is not base64url text");
  let text: string;
  try {
    const bytes = unzlibSync(Buffer.from(fragment, "base64url"), { out: new Uint8Array(shareInflatedBytesMax + 1) });
    if (bytes.length > shareInflatedBytesMax) return bad(`it inflates to more than ${shareInflatedBytesMax} bytes`);
    text = strFromU8(bytes);
  } catch {
    return bad("it is not a compressed project (cut short when copied?)");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return bad("its content is not JSON");
  }
  const d = data as Partial<ProjectData> & { v?: number };
  if (d.v !== 1 || typeof d.seed !== "number" || !Array.isArray(d.actions) || typeof d.scenario !== "object") return bad("it is not a project of this version");
  return { ok: true, value: { scenario: d.scenario, seed: d.seed, actions: d.actions, step: Number(d.step) || 0, nowMs: Number(d.nowMs) || 0, editor: typeof d.editor === "object" && d.editor !== null ? d.editor : {}, lessonId: typeof d.lessonId === "string" ? d.lessonId : null } };
}
