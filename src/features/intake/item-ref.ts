import type { RepoRef } from "../../core/plan.js";

/**
 * A WG's first Issue/PR/SEP: `#123`, `SEP-123`, or a URL in this repository. A SEP is named by the
 * number of the PR that proposed it, and its file is `<folder><number>-<slug>.md`: `SEP-123` exists
 * when that file is on the default branch or #123 exists.
 */
export type ItemRef = { ok: true; number: number; sep: boolean } | { ok: false; reason: "format" | "other-repo"; repo?: string };

const URL_REF = /^<?https?:\/\/[^/\s]+\/([^/\s]+)\/([^/\s]+)\/(?:issues|pull)\/(\d+)(?:[/?#]\S*)?>?$/i;

export function parseItemRef(text: string, repo: RepoRef): ItemRef {
  const value = text.trim().replace(/^`|`$/g, "");
  const sep = /^SEP[- ]?(\d{1,9})$/i.exec(value);
  if (sep) return { ok: true, number: Number(sep[1]), sep: true };
  let m = /^#(\d{1,9})$/.exec(value);
  if (m) return { ok: true, number: Number(m[1]), sep: false };
  m = URL_REF.exec(value);
  if (!m) return { ok: false, reason: "format" };
  if (m[1]!.toLowerCase() !== repo.owner.toLowerCase() || m[2]!.toLowerCase() !== repo.repo.toLowerCase()) {
    return { ok: false, reason: "other-repo", repo: `${m[1]}/${m[2]}` };
  }
  return { ok: true, number: Number(m[3]), sep: false };
}

/** Whether a SEP folder listing holds the file of SEP `number` (`1686-tasks.md` for 1686; `0` pads are not SEP numbers). */
export function hasSepFile(entryNames: readonly string[], number: number): boolean {
  const prefix = `${number}-`;
  return entryNames.some((name) => name.startsWith(prefix) && name.toLowerCase().endsWith(".md"));
}
