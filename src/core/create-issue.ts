import type { OctokitLike } from "./github.js";
import { findOwnComments, hasMarker, renderMarker, type MarkedComment } from "./markers.js";
import { warnCapped } from "./paging.js";
import { requestRestList } from "./rest-pages.js";
import type { Action } from "./plan.js";
import { renderTemplate } from "./templates.js";
import type { ApplyOptions } from "./apply-plan.js";

type CreateIssue = Extract<Action, { kind: "issue.create" }>;

/** The marker on the comment that closes a duplicate: readers of the app's issues skip such issues. */
export const DUPLICATE_MARKER = "duplicate-of";

interface OwnIssue extends MarkedComment {
  number: number;
  state?: string;
}

/**
 * Opens the issue an `issue.create` asks for, exactly once per marker however many runs race:
 * a re-check right before the create, and a de-dupe right after it in which the oldest issue (the
 * lowest number) wins. A run whose issue lost closes it with a link to the survivor and posts none of
 * the action's comments, so whatever those comments announce (mentions) is said once, by the winner.
 */
export async function createIssueOnce(octokit: OctokitLike, action: CreateIssue, options: ApplyOptions): Promise<void> {
  const { owner, repo } = action.target;
  if (!action.checkedByGather && (await hasOwnIssue(octokit, action, options))) {
    options.log.info({ marker: action.marker }, "issue already opened (redelivery or concurrent run); not opening another");
    return;
  }
  const created = await octokit.request("POST /repos/{owner}/{repo}/issues", {
    owner, repo, title: action.title, body: action.body, labels: action.labels,
  });
  const number = created.data.number as number;
  // Numbers are handed out in order, so the later of two racing creates always sees the earlier one.
  const survivor = (await listOwnIssues(octokit, action, options))[0];
  if (survivor && survivor.number < number) {
    options.log.warn({ marker: action.marker, duplicate: number, survivor: survivor.number }, "closing a duplicate issue opened by a concurrent run");
    await closeDuplicateIssue(octokit, { owner, repo, issue: number }, survivor.number);
    return;
  }
  await completeSurvivor(octokit, action, number);
}

/** What only the surviving copy does: its assignees, then the action's comments. */
async function completeSurvivor(octokit: OctokitLike, action: CreateIssue, number: number): Promise<void> {
  const { owner, repo } = action.target;
  // A separate write: GitHub drops assignees it cannot assign here, where the create would refuse them.
  if (action.assignees?.length) await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", { owner, repo, issue_number: number, assignees: action.assignees });
  for (const body of action.comments ?? []) {
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo, issue_number: number, body });
  }
}

/**
 * After a `createIssue` in a mutation document (the gather had looked for an earlier copy): the
 * de-dupe on the newest issues the mutation read back, then the action's comments, as
 * `createIssueOnce` does after its REST create. The oldest copy (the lowest number) wins.
 */
export async function settleCreatedIssue(
  octokit: OctokitLike, action: CreateIssue, number: number, newest: ({ number?: number; body?: string | null; viewerDidAuthor?: boolean } | null)[], options: ApplyOptions,
): Promise<void> {
  const { owner, repo } = action.target;
  const own = newest
    .filter((i): i is { number: number; body?: string | null; viewerDidAuthor?: boolean } => Boolean(i?.viewerDidAuthor && typeof i.number === "number" && hasMarker(i.body, action.marker)))
    .sort((a, b) => a.number - b.number);
  const survivor = own[0];
  if (survivor && survivor.number < number) {
    options.log.warn({ marker: action.marker, duplicate: number, survivor: survivor.number }, "closing a duplicate issue opened by a concurrent run");
    await closeDuplicateIssue(octokit, { owner, repo, issue: number }, survivor.number);
    return;
  }
  await completeSurvivor(octokit, action, number);
}

/** The comment that closes a duplicate: a link to the survivor, and no mention of anyone. */
export function renderDuplicateNotice(survivor: number): string {
  return renderTemplate("duplicate-issue", { marker: renderMarker(DUPLICATE_MARKER, { survivor }), survivor });
}

/** Never deleted: the duplicate stays readable (and linked) for anyone who was notified of it. */
async function closeDuplicateIssue(octokit: OctokitLike, target: { owner: string; repo: string; issue: number }, survivor: number): Promise<void> {
  const { owner, repo, issue } = target;
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner, repo, issue_number: issue, body: renderDuplicateNotice(survivor),
  });
  await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner, repo, issue_number: issue, state: "closed", state_reason: "not_planned",
  });
}

/**
 * The dedupe re-check an `issue.create` promises: an issue the app opened (any state) carrying the
 * marker. Listed by creator (the app's bot login) and the issue's labels, newest first: reading the
 * app's whole history would make every create cost more as the repository ages. Search is not used
 * because its index lags behind a create made seconds ago.
 */
export async function hasOwnIssue(octokit: OctokitLike, action: CreateIssue, options: ApplyOptions): Promise<boolean> {
  return (await listOwnIssues(octokit, action, options)).length > 0;
}

/**
 * The app's issues read by the re-check, newest first (10 requests at worst). The re-check guards
 * against redeliveries and races, whose issues are the newest; `gather` already looked for an older one.
 */
export const MAX_OWN_ISSUES_READ = 1000;

/** The app's issues carrying the action's marker (among its newest `MAX_OWN_ISSUES_READ`), oldest first. */
async function listOwnIssues(octokit: OctokitLike, action: CreateIssue, options: ApplyOptions): Promise<OwnIssue[]> {
  const { owner, repo } = action.target;
  const filter = {
    ...(options.identity.login ? { creator: options.identity.login } : {}),
    ...(action.labels.length > 0 ? { labels: action.labels.join(",") } : {}),
  };
  if (Object.keys(filter).length === 0) return [];
  const issues = await requestRestList<OwnIssue>(octokit, "/repos/{owner}/{repo}/issues", {
    owner, repo, state: "all", sort: "created", direction: "desc", ...filter,
  }, MAX_OWN_ISSUES_READ);
  if (!issues.complete) warnCapped(options.log, "the app's issues (re-check before opening one)", MAX_OWN_ISSUES_READ, { marker: action.marker });
  return findOwnComments(issues.nodes, action.marker, options.identity).sort((a, b) => a.number - b.number);
}
