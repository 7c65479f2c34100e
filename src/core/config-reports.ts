import { applyPlan } from "./apply-plan.js";
import type { GitHubReader, OctokitLike } from "./github.js";
import type { AppIdentity } from "./identity.js";
import type { Log } from "./log.js";
import { findOwnComment, type MarkedComment } from "./markers.js";
import { MAX_COMMENTS_READ } from "./paging.js";
import { planStickyComment, type RepoRef } from "./plan.js";
import { readRestList } from "./rest-pages.js";
import { renderTemplate } from "./templates.js";

export const CONFIG_MARKER = "config-error";

/**
 * Issues this process told that the configuration is invalid, per repository. Once a delivery loads
 * a valid configuration for that repository, each of those comments is updated to say it is fixed:
 * a stale "configuration problem" must not stay after the fix. Kept in memory: after a restart a
 * stale report stays until the next invalid configuration replaces it.
 */
const reported = new Map<string, Set<number>>();

const keyOf = (repo: RepoRef) => `${repo.owner}/${repo.repo}`.toLowerCase();

export function noteConfigReport(repo: RepoRef, issue: number): void {
  const key = keyOf(repo);
  if (!reported.has(key)) reported.set(key, new Set());
  reported.get(key)!.add(issue);
}

export function hasConfigReports(repo: RepoRef): boolean {
  return (reported.get(keyOf(repo))?.size ?? 0) > 0;
}

/** Updates every reported issue's configuration comment to say the configuration is valid again. */
export async function clearConfigReports(octokit: OctokitLike, github: GitHubReader, repo: RepoRef, o: { identity: AppIdentity; log: Log; payload?: unknown }): Promise<void> {
  const issues = [...(reported.get(keyOf(repo)) ?? [])];
  reported.delete(keyOf(repo));
  for (const issue of issues) {
    const target = { ...repo, issue };
    try {
      const comments = await readRestList<MarkedComment & { node_id?: string }>(github, "/repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: issue }, MAX_COMMENTS_READ);
      const existing = findOwnComment(comments.nodes, CONFIG_MARKER, o.identity);
      if (!existing) continue;
      const body = renderTemplate("config-fixed", { marker: `<!-- convener:${CONFIG_MARKER} -->` });
      const plan = planStickyComment(target, CONFIG_MARKER, body, { id: existing.id, ...(existing.node_id ? { nodeId: existing.node_id } : {}), body: existing.body ?? "" }, "the configuration is valid again");
      await applyPlan(octokit, plan, { dryRun: false, log: o.log, identity: o.identity, payload: o.payload });
    } catch (error) {
      o.log.warn({ err: error, issue }, "could not mark the configuration problem as fixed on the issue");
    }
  }
}
