import { planLabels, type Action, type DiscussionRef, type IssueRef, type Plan, type RepoRef } from "../../core/plan.js";
import type { NotesIssue } from "./notes-issue.js";

/** What changes on a meeting's notes, whether they are an issue or a discussion. */
export interface NotesChange {
  title?: string;
  body?: string;
  state?: "open" | "closed";
  /** Cancelled: closed as not planned (an issue) or outdated (a discussion). */
  cancelled?: boolean;
}

/**
 * The writes on a meeting's notes. Issues and discussions differ only here: a discussion is written
 * through GitHub's discussion mutations, carries no labels, and is closed as outdated when the
 * meeting is cancelled.
 */
export function planNotesUpdate(repo: RepoRef, notes: NotesIssue, change: NotesChange, reason: string): Plan {
  if (change.title === undefined && change.body === undefined && change.state === undefined) return [];
  const fields = {
    ...(change.title !== undefined ? { title: change.title } : {}),
    ...(change.body !== undefined ? { body: change.body } : {}),
    ...(change.state !== undefined ? { state: change.state } : {}),
  };
  if (notes.kind === "discussion") return [{ kind: "discussion.update", target: discussionTarget(repo, notes), ...fields, reason }];
  const update: Extract<Action, { kind: "issue.update" }> = { kind: "issue.update", target: issueTarget(repo, notes), ...fields, reason };
  if (change.state === "closed") update.stateReason = change.cancelled ? "not_planned" : "completed";
  return [update];
}

export function planNotesComment(repo: RepoRef, notes: NotesIssue, body: string, reason: string): Plan {
  return notes.kind === "discussion"
    ? [{ kind: "discussion.comment", target: discussionTarget(repo, notes), body, reason }]
    : [{ kind: "comment.create", target: issueTarget(repo, notes), body, reason }];
}

/** The labels a notes issue carries; a discussion's are left to people. */
export function planNotesLabels(repo: RepoRef, notes: NotesIssue, want: string[], reason: string): Plan {
  return notes.kind === "discussion" ? [] : planLabels(issueTarget(repo, notes), notes.labels, want, [], reason);
}

/** The notes issue as a write target; built field by field, as the repository's node id is not the issue's. */
export function issueTarget(repo: RepoRef, issue: NotesIssue): IssueRef {
  return { owner: repo.owner, repo: repo.repo, issue: issue.number, ...(issue.nodeId ? { nodeId: issue.nodeId } : {}) };
}

function discussionTarget(repo: RepoRef, notes: NotesIssue): DiscussionRef {
  // Discussions are only known from a GraphQL read, which always returns the id.
  return { owner: repo.owner, repo: repo.repo, discussion: notes.number, nodeId: notes.nodeId ?? "" };
}
