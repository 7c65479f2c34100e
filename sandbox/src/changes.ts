import { createHash } from "node:crypto";
import { toComment, toIssue, toLabel, toPull, toRepo, userOf } from "./shapes.js";
import type { StandIn } from "./stand-in.js";
import type { Comment, Issue, Repo, Review } from "./state.js";

/**
 * Every change the stand-in records, whoever makes it (a user through the control API, the app
 * through REST): it updates the state, adds the timeline event, and sends GitHub's webhook.
 */
export class Changes {
  constructor(private readonly s: StandIn) {}

  private get state() {
    return this.s.state;
  }

  private emit(event: string, repo: Repo, actor: string, fields: Record<string, unknown>): void {
    const payload = {
      ...fields,
      repository: toRepo(this.state, repo, this.s.urls),
      sender: userOf(this.state, actor, this.s.urls),
      installation: { id: this.state.app.installationId, node_id: Buffer.from(`Installation:${this.state.app.installationId}`).toString("base64") },
    };
    this.s.webhooks.enqueue(event, payload);
  }

  private issueEvent(issue: Issue): "issues" | "pull_request" {
    return issue.pull ? "pull_request" : "issues";
  }

  private subject(repo: Repo, issue: Issue) {
    return issue.pull
      ? { number: issue.number, pull_request: toPull(this.state, repo, issue, this.s.urls) }
      : { issue: toIssue(this.state, repo, issue, this.s.urls) };
  }

  openIssue(repo: Repo, actor: string, input: { title: string; body?: string | null; labels?: string[]; pull?: Issue["pull"] }): Issue {
    const now = this.state.now();
    const issue: Issue = {
      id: this.state.id(),
      number: repo.nextNumber++,
      title: input.title,
      body: input.body ?? null,
      user: actor,
      state: "open",
      state_reason: null,
      labels: [],
      assignees: [],
      created_at: now,
      updated_at: now,
      closed_at: null,
      comments: [],
      events: [],
      reactions: [],
      ...(input.pull ? { pull: input.pull } : {}),
    };
    repo.issues.set(issue.number, issue);
    const labels = (input.labels ?? []).map((l) => this.state.ensureLabel(repo, l).name);
    issue.labels = labels;
    for (const label of labels) issue.events.push({ id: this.state.id(), event: "labeled", actor, created_at: now, label });
    this.emit(this.issueEvent(issue), repo, actor, { action: "opened", ...this.subject(repo, issue) });
    // GitHub follows `opened` with one `labeled` per label the issue was created with.
    for (const label of labels) this.emitLabel(repo, issue, actor, "labeled", label);
    return issue;
  }

  editIssue(repo: Repo, issue: Issue, actor: string, fields: { title?: string; body?: string | null }): void {
    const changes: Record<string, { from: unknown }> = {};
    if (fields.title !== undefined && fields.title !== issue.title) {
      changes.title = { from: issue.title };
      issue.title = fields.title;
    }
    if (fields.body !== undefined && fields.body !== issue.body) {
      changes.body = { from: issue.body ?? "" };
      issue.body = fields.body;
    }
    if (Object.keys(changes).length === 0) return;
    issue.updated_at = this.state.now();
    issue.last_edited_at = issue.updated_at;
    this.emit(this.issueEvent(issue), repo, actor, { action: "edited", changes, ...this.subject(repo, issue) });
  }

  setState(repo: Repo, issue: Issue, actor: string, state: "open" | "closed", reason: string | null = null): void {
    if (issue.state === state) return;
    const now = this.state.now();
    issue.state = state;
    issue.state_reason = state === "closed" ? reason ?? "completed" : "reopened";
    issue.closed_at = state === "closed" ? now : null;
    issue.updated_at = now;
    issue.events.push({ id: this.state.id(), event: state === "closed" ? "closed" : "reopened", actor, created_at: now });
    this.emit(this.issueEvent(issue), repo, actor, { action: state === "closed" ? "closed" : "reopened", ...this.subject(repo, issue) });
  }

  addLabels(repo: Repo, issue: Issue, actor: string, names: string[]): void {
    for (const name of names) {
      const label = this.state.ensureLabel(repo, name);
      if (issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) continue;
      issue.labels.push(label.name);
      issue.updated_at = this.state.now();
      issue.events.push({ id: this.state.id(), event: "labeled", actor, created_at: issue.updated_at, label: label.name });
      this.emitLabel(repo, issue, actor, "labeled", label.name);
    }
  }

  removeLabel(repo: Repo, issue: Issue, actor: string, name: string): boolean {
    const i = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
    if (i < 0) return false;
    const [removed] = issue.labels.splice(i, 1);
    issue.updated_at = this.state.now();
    issue.events.push({ id: this.state.id(), event: "unlabeled", actor, created_at: issue.updated_at, label: removed! });
    this.emitLabel(repo, issue, actor, "unlabeled", removed!);
    return true;
  }

  /** Makes the issue's labels exactly `names` (REST's PUT labels, GraphQL's `updateIssue(labelIds:)`). */
  setLabels(repo: Repo, issue: Issue, actor: string, names: string[]): void {
    for (const current of [...issue.labels]) {
      if (!names.some((n) => n.toLowerCase() === current.toLowerCase())) this.removeLabel(repo, issue, actor, current);
    }
    this.addLabels(repo, issue, actor, names);
  }

  private emitLabel(repo: Repo, issue: Issue, actor: string, action: "labeled" | "unlabeled", name: string): void {
    const label = toLabel(repo, this.state.ensureLabel(repo, name), this.s.urls);
    this.emit(this.issueEvent(issue), repo, actor, { action, ...this.subject(repo, issue), label });
  }

  /**
   * Assigns people as GitHub does through `POST …/assignees`: at most 10 in all, and logins that
   * cannot be assigned (no such account, an organization) are dropped silently.
   */
  addAssignees(repo: Repo, issue: Issue, actor: string, logins: string[]): void {
    for (const login of logins) {
      const account = this.state.account(login);
      if (!account || account.type === "Organization" || issue.assignees.length >= 10) continue;
      if (issue.assignees.some((a) => a.toLowerCase() === account.login.toLowerCase())) continue;
      issue.assignees.push(account.login);
      issue.updated_at = this.state.now();
      this.emit(this.issueEvent(issue), repo, actor, { action: "assigned", ...this.subject(repo, issue), assignee: userOf(this.state, account.login, this.s.urls) });
    }
  }

  addComment(repo: Repo, issue: Issue, actor: string, body: string, viaApp = false): Comment {
    const now = this.state.now();
    const comment: Comment = { id: this.state.id(), body, user: actor, viaApp, created_at: now, updated_at: now, reactions: [] };
    issue.comments.push(comment);
    issue.updated_at = now;
    this.emitComment(repo, issue, comment, actor, "created");
    return comment;
  }

  editComment(repo: Repo, issue: Issue, comment: Comment, actor: string, body: string): void {
    if (comment.body === body) {
      comment.updated_at = this.state.now();
      return;
    }
    const from = comment.body;
    comment.body = body;
    comment.updated_at = this.state.now();
    this.emitComment(repo, issue, comment, actor, "edited", { changes: { body: { from } } });
  }

  deleteComment(repo: Repo, issue: Issue, comment: Comment, actor: string): void {
    issue.comments = issue.comments.filter((c) => c !== comment);
    this.emitComment(repo, issue, comment, actor, "deleted");
  }

  private emitComment(repo: Repo, issue: Issue, comment: Comment, actor: string, action: string, extra: Record<string, unknown> = {}): void {
    this.emit("issue_comment", repo, actor, {
      action,
      ...extra,
      issue: toIssue(this.state, repo, issue, this.s.urls),
      comment: toComment(this.state, repo, issue, comment, this.s.urls),
    });
  }

  /** Reactions send no webhook on GitHub; they are only seen by reading. */
  react(issue: Issue, comment: Comment | null, actor: string, content: string): void {
    const list = comment ? comment.reactions : issue.reactions;
    if (list.some((r) => r.user === actor && r.content === content)) return;
    list.push({ id: this.state.id(), content, user: actor, created_at: this.state.now() });
  }

  /** A commit on a branch changing files (`null` deletes one); sends `push`. */
  push(repo: Repo, actor: string, files: Record<string, string | null>, message = "Update files", branch = repo.defaultBranch): string {
    const before = repo.branches.get(branch) ?? "0".repeat(40);
    const parent = repo.commits.get(before);
    const tree = new Map(parent?.files ?? this.state.headCommit(repo)?.files ?? []);
    const added: string[] = [];
    const removed: string[] = [];
    const modified: string[] = [];
    for (const [path, content] of Object.entries(files)) {
      if (content === null) {
        if (tree.delete(path)) removed.push(path);
      } else {
        (tree.has(path) ? modified : added).push(path);
        tree.set(path, content);
      }
    }
    const date = this.state.now();
    const sha = createHash("sha1").update(`${before}\n${message}\n${date}\n${this.state.id()}`).digest("hex");
    repo.commits.set(sha, { sha, parent: parent ? before : null, message, author: actor, date, files: tree });
    repo.branches.set(branch, sha);
    const person = { name: actor, email: `${actor}@users.noreply.example`, username: actor };
    const commit = {
      id: sha, tree_id: sha, distinct: true, message, timestamp: date, url: `${this.s.urls.web}/${repo.owner}/${repo.name}/commit/${sha}`,
      author: person, committer: person, added, removed, modified,
    };
    this.emit("push", repo, actor, {
      ref: `refs/heads/${branch}`, before, after: sha, created: !parent, deleted: false, forced: false, base_ref: null,
      compare: `${this.s.urls.web}/${repo.owner}/${repo.name}/compare/${before.slice(0, 12)}...${sha.slice(0, 12)}`,
      commits: [commit], head_commit: commit, pusher: { name: actor, email: person.email },
    });
    return sha;
  }

  /** A review submitted on a pull request; sends `pull_request_review.submitted`. */
  review(repo: Repo, issue: Issue, actor: string, state: Review["state"], body: string): Review {
    const review: Review = { id: this.state.id(), user: actor, state, body, submitted_at: this.state.now() };
    (issue.pull!.reviews ??= []).push(review);
    this.emit("pull_request_review", repo, actor, {
      action: "submitted", pull_request: toPull(this.state, repo, issue, this.s.urls),
      review: { id: review.id, user: userOf(this.state, actor, this.s.urls), body, state: state.toLowerCase(), submitted_at: review.submitted_at },
    });
    return review;
  }

  emitPull(repo: Repo, issue: Issue, actor: string, action: string, extra: Record<string, unknown> = {}): void {
    this.emit("pull_request", repo, actor, { action, ...extra, number: issue.number, pull_request: toPull(this.state, repo, issue, this.s.urls) });
  }

  emitCheckRun(repo: Repo, actor: string, action: string, checkRun: Record<string, unknown>): void {
    this.emit("check_run", repo, actor, { action, check_run: checkRun });
  }
}
