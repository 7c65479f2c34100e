import type { OctokitLike } from "./github.js";
import { isLabelKnownAbsent, knownLabelId, labelLookupFields, rememberLabelIds, rememberLookedUpLabels } from "./label-ids.js";
import type { Action, IssueRef, RepoRef } from "./plan.js";

/**
 * The node ids GraphQL writes address things by. Repositories, issues and comments keep their id
 * for life, so ids are remembered for the whole process (a bounded map: forgetting only costs a
 * lookup) from wherever they were seen: webhook payloads, gathers (`nodeId` on targets and actions),
 * and the one fallback lookup `lookUpMissingIds` makes for whatever is still unknown.
 */
const MAX_REMEMBERED = 20_000;
const remembered = new Map<string, string>();

const repoKey = (r: RepoRef) => `${r.owner}/${r.repo}`.toLowerCase();
const issueKey = (r: IssueRef) => `${repoKey(r)}#${r.issue}`;
const commentKey = (r: RepoRef, commentId: number) => `${repoKey(r)}:comment:${commentId}`;

function remember(key: string, id: unknown): void {
  if (typeof id !== "string" || !id) return;
  if (remembered.size >= MAX_REMEMBERED && !remembered.has(key)) remembered.clear();
  remembered.set(key, id);
}

/** For tests: nothing remembered. */
export function forgetAllWriteIds(): void {
  remembered.clear();
}

/** Remembers the ids a webhook payload carries: repository, issue or pull request, comment, labels. */
export function rememberPayloadIds(payload: unknown): void {
  const p = payload as Record<string, any> | null | undefined;
  const owner = p?.repository?.owner?.login;
  const name = p?.repository?.name;
  if (typeof owner !== "string" || typeof name !== "string") return;
  const repo = { owner, repo: name };
  remember(repoKey(repo), p!.repository.node_id);
  for (const subject of [p!.issue, p!.pull_request]) {
    if (typeof subject?.number !== "number") continue;
    remember(issueKey({ ...repo, issue: subject.number }), subject.node_id);
    if (Array.isArray(subject.labels)) rememberLabelIds(repo, subject.labels);
  }
  if (typeof p!.comment?.id === "number") remember(commentKey(repo, p!.comment.id), p!.comment.node_id);
  if (p!.label) rememberLabelIds(repo, [p!.label]);
}

/** Remembers the node ids carried by a plan (gathers fill `nodeId` from what they read). */
function rememberPlanIds(plan: readonly Action[]): void {
  for (const action of plan) {
    if ("issue" in action.target) remember(issueKey(action.target), action.target.nodeId);
    // A discussion's node id names the discussion, not its repository.
    else if (!("discussion" in action.target)) remember(repoKey(action.target), action.target.nodeId);
    if ((action.kind === "comment.update" || action.kind === "comment.delete") && action.nodeId) remember(commentKey(action.target, action.commentId), action.nodeId);
  }
}

/** An issue's target is a RepoRef too, but its `nodeId` is the issue's: only a plain RepoRef's names the repository. */
export const repoId = (r: RepoRef | IssueRef) => ("issue" in r ? undefined : r.nodeId) ?? remembered.get(repoKey(r));
export const issueId = (r: IssueRef) => r.nodeId ?? remembered.get(issueKey(r));
export const commentId = (r: RepoRef, id: number, nodeId?: string) => nodeId ?? remembered.get(commentKey(r, id));
export const labelId = (r: RepoRef, name: string) => knownLabelId(r, name);

/** What the GraphQL writes of a plan need and nobody has told yet. */
interface Missing {
  repos: Map<string, { ref: RepoRef; repo: boolean; issues: Set<number>; labels: Set<string> }>;
  comments: { ref: RepoRef; id: number }[];
}

function findMissing(plan: readonly Action[]): Missing {
  const missing: Missing = { repos: new Map(), comments: [] };
  const entry = (ref: RepoRef) => {
    let e = missing.repos.get(repoKey(ref));
    if (!e) missing.repos.set(repoKey(ref), (e = { ref: { owner: ref.owner, repo: ref.repo }, repo: false, issues: new Set(), labels: new Set() }));
    return e;
  };
  for (const action of plan) {
    switch (action.kind) {
      case "comment.create":
      case "issue.update":
        if (!issueId(action.target)) entry(action.target).issues.add(action.target.issue);
        break;
      case "labels.add":
      case "label.remove": {
        if (!issueId(action.target)) entry(action.target).issues.add(action.target.issue);
        const names = action.kind === "labels.add" ? action.labels : [action.label];
        // A label the gather's lookup found missing is created (or, to remove, is not there): no second look.
        for (const name of names) if (!labelId(action.target, name) && !isLabelKnownAbsent(action.target, name)) entry(action.target).labels.add(name);
        // A label to create needs the repository's id.
        if (action.kind === "labels.add" && names.some((n) => !labelId(action.target, n)) && !repoId(action.target)) entry(action.target).repo = true;
        break;
      }
      case "comment.update":
      case "comment.delete":
        if (!commentId(action.target, action.commentId, action.nodeId)) missing.comments.push({ ref: action.target, id: action.commentId });
        break;
      case "check.create":
      case "discussion.create":
        if (!repoId(action.target)) entry(action.target).repo = true;
        break;
      case "issue.create": {
        if (!repoId(action.target)) entry(action.target).repo = true;
        for (const name of action.labels) if (!labelId(action.target, name) && !isLabelKnownAbsent(action.target, name)) entry(action.target).labels.add(name);
        break;
      }
      default:
        break;
    }
  }
  return missing;
}

/**
 * Makes every id the plan's GraphQL writes need known, reading at most once: one GraphQL query for
 * all missing repositories, issues and labels, plus a REST read per comment whose id no gather
 * passed on (features should pass `nodeId`; this is the fallback). A label that does not exist stays
 * unknown: the caller creates it (labels.add) or has nothing to remove (label.remove). An issue
 * that does not exist stays unknown too: its writes fail as they did over REST.
 */
export async function lookUpMissingIds(octokit: OctokitLike, plan: readonly Action[]): Promise<void> {
  rememberPlanIds(plan);
  const missing = findMissing(plan);
  const repos = [...missing.repos.values()].filter((e) => e.repo || e.issues.size > 0 || e.labels.size > 0);
  const reads: Promise<void>[] = [];
  if (repos.length > 0) reads.push(lookUpInOneQuery(octokit, repos));
  for (const { ref, id } of missing.comments) {
    reads.push(
      octokit.request("GET /repos/{owner}/{repo}/issues/comments/{comment_id}", { owner: ref.owner, repo: ref.repo, comment_id: id })
        .then((answer) => remember(commentKey(ref, id), answer.data?.node_id))
        .catch((error) => {
          if ((error as { status?: number }).status !== 404) throw error; // a deleted comment: its write says so
        }),
    );
  }
  await Promise.all(reads);
}

async function lookUpInOneQuery(octokit: OctokitLike, repos: Missing["repos"] extends Map<string, infer E> ? E[] : never): Promise<void> {
  const variables: Record<string, unknown> = {};
  const blocks = repos.map((e, r) => {
    variables[`o${r}`] = e.ref.owner;
    variables[`n${r}`] = e.ref.repo;
    const issues = [...e.issues].map((n) => `i${n}: issueOrPullRequest(number: ${n}) { ... on Issue { id } ... on PullRequest { id } }`);
    return `r${r}: repository(owner: $o${r}, name: $n${r}) { id ${issues.join(" ")} ${labelLookupFields([...e.labels])} }`;
  });
  const declared = repos.map((_e, r) => `$o${r}: String!, $n${r}: String!`).join(", ");
  const query = `query ConvenerWriteIds(${declared}) { ${blocks.join(" ")} }`;
  let data: Record<string, any> | undefined;
  try {
    data = await octokit.graphql(query, variables);
  } catch (error) {
    // A missing issue or repository is NOT_FOUND with the rest answered: keep what was found.
    const e = error as { errors?: { type?: string }[]; data?: Record<string, any> };
    if (!e.data || !e.errors?.every((x) => x.type === "NOT_FOUND")) throw error;
    data = e.data;
  }
  repos.forEach((e, r) => {
    const repository = data?.[`r${r}`];
    if (!repository) return;
    remember(repoKey(e.ref), repository.id);
    for (const n of e.issues) remember(issueKey({ ...e.ref, issue: n }), repository[`i${n}`]?.id);
    rememberLookedUpLabels(e.ref, repository);
  });
}
