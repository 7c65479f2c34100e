import type { RepoRef } from "../../core/plan.js";

/** A WG's first Issue/PR/SEP: `#123`, `SEP-123` (SEP numbers are PR numbers), or a URL in this repository. */
export type ItemRef = { ok: true; number: number } | { ok: false; reason: "format" | "other-repo"; repo?: string };

const URL_REF = /^<?https?:\/\/[^/\s]+\/([^/\s]+)\/([^/\s]+)\/(?:issues|pull)\/(\d+)(?:[/?#]\S*)?>?$/i;

export function parseItemRef(text: string, repo: RepoRef): ItemRef {
  const value = text.trim().replace(/^`|`$/g, "");
  let m = /^#(\d{1,9})$/.exec(value) ?? /^SEP[- ]?(\d{1,9})$/i.exec(value);
  if (m) return { ok: true, number: Number(m[1]) };
  m = URL_REF.exec(value);
  if (!m) return { ok: false, reason: "format" };
  if (m[1]!.toLowerCase() !== repo.owner.toLowerCase() || m[2]!.toLowerCase() !== repo.repo.toLowerCase()) {
    return { ok: false, reason: "other-repo", repo: `${m[1]}/${m[2]}` };
  }
  return { ok: true, number: Number(m[3]) };
}
