import type { CheckRun, Comment, Discussion, DiscussionCategory, Issue, Label, Repo } from "../state.js";
import { TypedError } from "./nodes.js";

/**
 * Global node ids, as the stand-in hands them out: base64 of `<Type>:<database id>` without padding,
 * the same string in GraphQL's `id` and in REST's and the webhooks' `node_id`. GitHub's ids are
 * opaque; the app never decodes them, only the stand-in does, to find what a mutation points at.
 */
export type FoundNode =
  | { type: "Repository"; repo: Repo }
  | { type: "Issue" | "PullRequest"; repo: Repo; issue: Issue }
  | { type: "IssueComment"; repo: Repo; issue: Issue; comment: Comment }
  | { type: "Label"; repo: Repo; label: Label }
  | { type: "CheckRun"; repo: Repo; run: CheckRun }
  | { type: "Discussion"; repo: Repo; discussion: Discussion }
  | { type: "DiscussionCategory"; repo: Repo; category: DiscussionCategory }
  | { type: "DiscussionComment"; repo: Repo; discussion: Discussion; comment: Comment };

interface Repos {
  repos: Map<string, Repo>;
}

function decode(id: string): { type: string; n: number } | null {
  const text = Buffer.from(id, "base64").toString("utf8");
  const m = /^(\w+):(\d+)$/.exec(text);
  // Re-encoding must give the id back: any other string is not one of ours.
  if (!m || Buffer.from(text).toString("base64").replace(/=+$/, "") !== id.replace(/=+$/, "")) return null;
  return { type: m[1]!, n: Number(m[2]) };
}

/** The object a node id names, or null (deleted, never existed, or another kind of id). */
export function findNode(state: Repos, id: string): FoundNode | null {
  const decoded = typeof id === "string" ? decode(id) : null;
  if (!decoded) return null;
  const { type, n } = decoded;
  for (const repo of state.repos.values()) {
    if (type === "Repository" && repo.id === n) return { type, repo };
    if (type === "Label") {
      const label = [...repo.labels.values()].find((l) => l.id === n);
      if (label) return { type, repo, label };
    }
    if (type === "CheckRun") {
      const run = repo.checkRuns.find((r) => r.id === n);
      if (run) return { type, repo, run };
    }
    for (const discussion of repo.discussions?.values() ?? []) {
      if (type === "Discussion" && discussion.id === n) return { type, repo, discussion };
      const comment = type === "DiscussionComment" ? discussion.comments.find((c) => c.id === n) : undefined;
      if (comment) return { type: "DiscussionComment", repo, discussion, comment };
    }
    const category = type === "DiscussionCategory" ? repo.discussionCategories?.find((c) => c.id === n) : undefined;
    if (category) return { type: "DiscussionCategory", repo, category };
    for (const issue of repo.issues.values()) {
      if ((type === "Issue" || type === "PullRequest") && issue.id === n && (type === "PullRequest") === Boolean(issue.pull)) return { type, repo, issue };
      if (type === "IssueComment") {
        const comment = issue.comments.find((c) => c.id === n);
        if (comment) return { type, repo, issue, comment };
      }
    }
  }
  return null;
}

/** GitHub's answer to an id that names nothing (of the expected kind): NOT_FOUND. */
export function notFound(id: string): TypedError {
  return new TypedError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
}

/** The node an id names, if it is one of `types`; NOT_FOUND otherwise, as GitHub answers. */
export function requireNode<T extends FoundNode["type"]>(state: Repos, id: string, ...types: T[]): Extract<FoundNode, { type: T }> {
  const found = findNode(state, id);
  if (!found || !(types as string[]).includes(found.type)) throw notFound(id);
  return found as Extract<FoundNode, { type: T }>;
}
