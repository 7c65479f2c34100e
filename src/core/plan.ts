/**
 * A plan is the list of writes a feature wants. `decide` functions build plans from what `gather`
 * read; `applyPlan` is the only code that writes to GitHub. Every action says why it exists, so a
 * dry run (and the log) can explain it.
 */
export interface IssueRef {
  owner: string;
  repo: string;
  issue: number;
  /** The issue's (or pull request's) GraphQL node id, when gather read it: the write then needs no lookup. */
  nodeId?: string;
}

export interface RepoRef {
  owner: string;
  repo: string;
  /** The repository's GraphQL node id, when known. */
  nodeId?: string;
}

/** A Discussion: gather always reads its node id (GitHub writes discussions through GraphQL only). */
export interface DiscussionRef {
  owner: string;
  repo: string;
  discussion: number;
  nodeId: string;
}

export type Action =
  | { kind: "comment.create"; target: IssueRef; body: string; marker?: string; reason: string }
  | { kind: "comment.update"; target: IssueRef; commentId: number; nodeId?: string; body: string; reason: string }
  | { kind: "comment.delete"; target: IssueRef; commentId: number; nodeId?: string; reason: string }
  | { kind: "labels.add"; target: IssueRef; labels: string[]; reason: string }
  | { kind: "label.remove"; target: IssueRef; label: string; reason: string }
  | {
      kind: "issue.update";
      target: IssueRef;
      title?: string;
      body?: string;
      state?: "open" | "closed";
      stateReason?: "completed" | "not_planned" | "reopened";
      reason: string;
    }
  | {
      kind: "issue.create";
      target: RepoRef;
      title: string;
      body: string;
      labels: string[];
      /**
       * Hidden marker in the body; applyPlan re-checks it before the create and de-duplicates after it
       * (oldest wins), so neither a redelivery nor a concurrent run leaves a second open issue.
       */
      marker: string;
      /**
       * Set when gather read every issue that could carry the marker (complete, not capped) and found
       * none: applyPlan's re-check before the create would read the same again, so it is skipped. The
       * de-dupe after the create still runs, for a concurrent run.
       */
      checkedByGather?: boolean;
      /**
       * Comments posted on the new issue once it exists (they need its number), e.g. a late-notice
       * warning or the mentions: only the run whose issue survived the de-dupe posts them.
       */
      comments?: string[];
      /** Logins assigned once the issue exists (GitHub drops those it cannot assign). */
      assignees?: string[];
      reason: string;
    }
  | {
      /**
       * A new check run, completed once with all its annotations. GitHub appends the annotations of
       * every update of a run, so a run is never updated after it is complete: each evaluation is a new run.
       */
      kind: "check.create";
      target: RepoRef;
      name: string;
      headSha: string;
      /** What this run answers (e.g. the delivery): a redelivery finds it on the latest run and adds none. */
      externalId?: string;
      conclusion: "success" | "failure" | "neutral";
      /** From decide's `now`: the app's one clock, not the time of the request. */
      completedAt: string;
      title: string;
      summary: string;
      text?: string;
      annotations: CheckAnnotation[];
      reason: string;
    }
  | { kind: "commit.comment"; target: RepoRef; sha: string; body: string; reason: string }
  | {
      /**
       * A new Discussion in `categoryId`. Its gather read every discussion that could carry its marker
       * (it is only planned then); `comments` are posted once it exists (they need its id).
       */
      kind: "discussion.create";
      target: RepoRef;
      categoryId: string;
      title: string;
      body: string;
      comments?: string[];
      reason: string;
    }
  | { kind: "discussion.update"; target: DiscussionRef; title?: string; body?: string; state?: "open" | "closed"; reason: string }
  | { kind: "discussion.comment"; target: DiscussionRef; body: string; reason: string }
  | {
      /** One file changed on a new branch from `base`, proposed as a pull request (e.g. a charter's status). */
      kind: "pull.create";
      target: RepoRef;
      base: string;
      /** Also the dedupe key: no second pull request from this branch, whatever its state. */
      branch: string;
      path: string;
      content: string;
      commitMessage: string;
      title: string;
      body: string;
      reason: string;
    };

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

export type Plan = Action[];

export interface ExistingComment {
  id: number;
  /** The comment's GraphQL node id (REST's `node_id`), when gather read it. */
  nodeId?: string;
  body: string;
}

/** The create-or-edit-in-place step for a comment owned by the app; nothing when the text is current. */
export function planStickyComment(
  target: IssueRef,
  marker: string,
  body: string,
  existing: ExistingComment | null | undefined,
  reason: string,
): Plan {
  if (!existing) return [{ kind: "comment.create", target, body, marker, reason }];
  if (existing.body.trim() === body.trim()) return [];
  return [{ kind: "comment.update", target, commentId: existing.id, ...(existing.nodeId ? { nodeId: existing.nodeId } : {}), body, reason }];
}

/** Adds only the labels that are missing and removes only the ones present (GitHub labels are case-insensitive). */
export function planLabels(
  target: IssueRef,
  current: readonly string[],
  want: readonly string[],
  unwanted: readonly string[],
  reason: string,
): Plan {
  const has = new Set(current.map((l) => l.toLowerCase()));
  const plan: Plan = [];
  const missing = want.filter((l) => !has.has(l.toLowerCase()));
  if (missing.length > 0) plan.push({ kind: "labels.add", target, labels: missing, reason });
  const wanted = new Set(want.map((l) => l.toLowerCase()));
  for (const label of unwanted) {
    if (has.has(label.toLowerCase()) && !wanted.has(label.toLowerCase())) {
      plan.push({ kind: "label.remove", target, label, reason });
    }
  }
  return plan;
}

/** One line per action, for the dry-run log and the CLI. */
export function describeAction(action: Action): string {
  const where =
    "issue" in action.target
      ? `${action.target.owner}/${action.target.repo}#${action.target.issue}`
      : "discussion" in action.target
        ? `${action.target.owner}/${action.target.repo} discussion #${action.target.discussion}`
        : `${action.target.owner}/${action.target.repo}`;
  const what = (() => {
    switch (action.kind) {
      case "labels.add":
        return `add labels ${action.labels.join(", ")}`;
      case "label.remove":
        return `remove label ${action.label}`;
      case "comment.update":
        return `edit comment ${action.commentId}`;
      case "comment.delete":
        return `delete comment ${action.commentId}`;
      case "issue.update":
        return `update issue${action.state ? ` (state ${action.state})` : ""}`;
      case "issue.create":
        return `open issue "${action.title}"`;
      case "check.create":
        return `new check run "${action.name}" on ${action.headSha.slice(0, 7)} → ${action.conclusion} (${action.annotations.length} annotations)`;
      case "commit.comment":
        return `comment on commit ${action.sha.slice(0, 7)}`;
      case "pull.create":
        return `open pull request "${action.title}" changing ${action.path}`;
      case "comment.create":
        return "post comment";
      case "discussion.create":
        return `open discussion "${action.title}"`;
      case "discussion.update":
        return `update discussion${action.state ? ` (state ${action.state})` : ""}`;
      case "discussion.comment":
        return "post comment";
    }
  })();
  return `${action.kind} ${where}: ${what} — ${action.reason}`;
}
