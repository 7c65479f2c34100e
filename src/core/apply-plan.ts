import { createCheckRun } from "./create-check-run.js";
import type { OctokitLike } from "./github.js";
import type { AppIdentity } from "./identity.js";
import type { Log } from "./log.js";
import { createIssueOnce } from "./create-issue.js";
import { findOwnComments, type MarkedComment } from "./markers.js";
import { MAX_COMMENTS_READ, warnCapped } from "./paging.js";
import { describeAction, type Action, type IssueRef, type Plan } from "./plan.js";
import { requestRestList } from "./rest-pages.js";

export interface ApplyOptions {
  dryRun: boolean;
  log: Log;
  identity: AppIdentity;
}

export interface ApplyResult {
  applied: number;
  /** Set in dry run: each action, one line, for the log and the CLI. */
  planned: string[];
}

/** The one place that writes to GitHub. In dry run it logs the plan and sends nothing. */
export async function applyPlan(octokit: OctokitLike, plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const lines = plan.map(describeAction);
  if (options.dryRun) {
    if (plan.length > 0) options.log.info({ plan: lines }, `dry run: ${plan.length} action(s) planned, none applied`);
    return { applied: 0, planned: lines };
  }
  for (const [i, action] of plan.entries()) {
    options.log.info({ action: action.kind, reason: action.reason }, lines[i]!);
    await applyAction(octokit, action, options);
  }
  return { applied: plan.length, planned: lines };
}

async function applyAction(octokit: OctokitLike, action: Action, options: ApplyOptions): Promise<void> {
  const { owner, repo } = action.target;
  switch (action.kind) {
    case "comment.create": {
      const { issue } = action.target as { issue: number };
      const created = await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner, repo, issue_number: issue, body: action.body,
      });
      if (action.marker) await removeDuplicateComments(octokit, { owner, repo, issue }, action.marker, created?.data?.created_at, options);
      return;
    }
    case "comment.update":
      await octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
        owner, repo, comment_id: action.commentId, body: action.body,
      });
      return;
    case "comment.delete":
      await deleteComment(octokit, owner, repo, action.commentId);
      return;
    case "labels.add":
      await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
        owner, repo, issue_number: action.target.issue, labels: action.labels,
      });
      return;
    case "label.remove":
      try {
        await octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
          owner, repo, issue_number: action.target.issue, name: action.label,
        });
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error; // already gone: the goal holds
      }
      return;
    case "issue.update": {
      const { target, kind: _k, reason: _r, stateReason, ...fields } = action;
      await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        owner, repo, issue_number: target.issue, ...fields, ...(stateReason ? { state_reason: stateReason } : {}),
      });
      return;
    }
    case "issue.create":
      await createIssueOnce(octokit, action, options);
      return;
    case "pull.create":
      await createPullRequest(octokit, action, options);
      return;
    case "commit.comment":
      await octokit.request("POST /repos/{owner}/{repo}/commits/{commit_sha}/comments", {
        owner, repo, commit_sha: action.sha, body: action.body,
      });
      return;
    case "check.create":
      await createCheckRun(octokit, action);
      return;
  }
}

/**
 * How far back a racing delivery's comment can be: deliveries racing past the in-process lock are
 * seconds apart, and an older comment with the marker would have been found by `gather`.
 */
const RACE_WINDOW_MS = 10 * 60_000;

/**
 * Two replicas (or two deliveries racing past the in-process lock) may both create the same sticky
 * comment. After creating one, keep the oldest app comment with the marker and delete the others,
 * so the issue converges to exactly one whoever raced. Only comments written in the race window are
 * read (`since`), so the check costs one request however long the discussion is; past
 * `MAX_COMMENTS_READ` of them the rest are not read (the oldest, read first, still wins).
 */
async function removeDuplicateComments(
  octokit: OctokitLike, target: IssueRef, marker: string, createdAt: string | undefined, options: ApplyOptions,
): Promise<void> {
  const created = Date.parse(createdAt ?? "");
  const since = Number.isNaN(created) ? {} : { since: new Date(created - RACE_WINDOW_MS).toISOString() };
  const comments = await requestRestList<MarkedComment & { id: number }>(octokit, "/repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: target.owner, repo: target.repo, issue_number: target.issue, ...since,
  }, MAX_COMMENTS_READ);
  if (!comments.complete) warnCapped(options.log, "the comments written during a race", MAX_COMMENTS_READ, { issue: target.issue });
  const own = findOwnComments(comments.nodes, marker, options.identity);
  for (const extra of own.slice(1)) {
    options.log.warn({ commentId: extra.id, marker }, "removing a duplicate sticky comment written by a concurrent delivery");
    await deleteComment(octokit, target.owner, target.repo, extra.id);
  }
}

/** A comment already gone (the racing delivery removed it too) is the goal reached, not an error. */
async function deleteComment(octokit: OctokitLike, owner: string, repo: string, commentId: number): Promise<void> {
  try {
    await octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", { owner, repo, comment_id: commentId });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
}

/**
 * A file change proposed as a pull request: branch from `base`, commit the file, open the PR. Each
 * step tolerates having been done by an earlier, interrupted attempt; a PR already opened from the
 * branch (any state) means the proposal was made, so nothing more happens.
 */
async function createPullRequest(octokit: OctokitLike, action: Extract<Action, { kind: "pull.create" }>, options: ApplyOptions): Promise<void> {
  const { owner, repo } = action.target;
  const existing = await octokit.request("GET /repos/{owner}/{repo}/pulls", { owner, repo, head: `${owner}:${action.branch}`, state: "all", per_page: 1 });
  if (Array.isArray(existing.data) && existing.data.length > 0) {
    options.log.info({ branch: action.branch }, "pull request already opened from this branch; not opening another");
    return;
  }
  const base = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner, repo, ref: `heads/${action.base}` });
  try {
    await octokit.request("POST /repos/{owner}/{repo}/git/refs", { owner, repo, ref: `refs/heads/${action.branch}`, sha: base.data.object.sha });
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error; // 422: the branch exists (an earlier attempt)
  }
  let sha: string | undefined;
  try {
    sha = (await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path: action.path, ref: action.branch })).data.sha;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  await octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
    owner, repo, path: action.path, branch: action.branch, message: action.commitMessage,
    content: Buffer.from(action.content, "utf8").toString("base64"), ...(sha ? { sha } : {}),
  });
  await octokit.request("POST /repos/{owner}/{repo}/pulls", { owner, repo, title: action.title, body: action.body, head: action.branch, base: action.base });
}
