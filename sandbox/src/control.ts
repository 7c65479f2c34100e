import { createHash } from "node:crypto";
import { checkShape } from "./rest/pull-routes.js";
import type { RestReply } from "./rest/router.js";
import type { StandIn } from "./stand-in.js";
import { userOf } from "./shapes.js";
import type { Issue, PullFields, Repo } from "./state.js";

/**
 * The control API: seed the world (no webhooks), act as a user (each act sends GitHub's webhook),
 * and move time. Also served over HTTP under `/_control` for a person poking at the demo.
 */
export class Control {
  constructor(private readonly s: StandIn) {}

  user(login: string, name?: string): void {
    this.s.state.addAccount(login, "User", name);
  }

  org(login: string): void {
    this.s.state.addAccount(login, "Organization");
  }

  team(org: string, slug: string, members: string[], name = slug): void {
    for (const m of members) this.user(m);
    this.s.state.teams.set(`${org}/${slug}`.toLowerCase(), { id: this.s.state.id(), org, slug, name, members: [...members] });
  }

  /**
   * An org admin (`actor`) adds `login` to a team or removes them: GitHub sends `membership`
   * (`added`/`removed`, scope `team`) to apps with the members permission. `member` is the person
   * whose membership changed; `sender` is the admin.
   */
  changeTeamMembership(org: string, slug: string, login: string, action: "added" | "removed", actor = org): void {
    const team = this.s.state.team(org, slug);
    if (!team) throw new Error(`no team ${org}/${slug}`);
    this.user(login);
    const others = team.members.filter((m) => m.toLowerCase() !== login.toLowerCase());
    team.members = action === "added" ? [...others, login] : others;
    const { state, urls } = this.s;
    const orgUrl = `${urls.api}/orgs/${team.org}`;
    const teamUrl = `${orgUrl}/teams/${team.slug}`;
    const organization = {
      login: team.org, id: state.account(team.org)?.id ?? 0, node_id: Buffer.from(`Organization:${team.org}`).toString("base64"), url: orgUrl,
      repos_url: `${orgUrl}/repos`, events_url: `${orgUrl}/events`, hooks_url: `${orgUrl}/hooks`, issues_url: `${orgUrl}/issues`,
      members_url: `${orgUrl}/members{/member}`, public_members_url: `${orgUrl}/public_members{/member}`, avatar_url: `${urls.web}/avatars/${team.org}`, description: null,
    };
    this.s.webhooks.enqueue("membership", {
      action, scope: "team",
      member: userOf(state, login, urls),
      sender: userOf(state, actor, urls),
      team: {
        name: team.name, id: team.id, node_id: Buffer.from(`Team:${team.id}`).toString("base64"), slug: team.slug, description: null,
        privacy: "closed", notification_setting: "notifications_enabled", url: teamUrl, html_url: `${urls.web}/orgs/${team.org}/teams/${team.slug}`,
        members_url: `${teamUrl}/members{/member}`, repositories_url: `${teamUrl}/repos`, permission: "pull", parent: null,
      },
      organization,
      installation: { id: state.app.installationId, node_id: Buffer.from(`Installation:${state.app.installationId}`).toString("base64") },
    });
  }

  /** A repository with one commit holding `files` on its default branch. */
  repo(fullName: string, files: Record<string, string> = {}, defaultBranch = "main"): Repo {
    const [owner, name] = fullName.split("/") as [string, string];
    if (!this.s.state.account(owner)) this.org(owner);
    const sha = createHash("sha1").update(`${fullName}:initial`).digest("hex");
    const date = this.s.state.now();
    const repo: Repo = {
      id: this.s.state.id(), owner, name, defaultBranch, created_at: date,
      branches: new Map([[defaultBranch, sha]]),
      commits: new Map([[sha, { sha, parent: null, message: "Initial commit", author: owner, date, files: new Map(Object.entries(files)) }]]),
      labels: new Map(), issues: new Map(), checkRuns: [], commitComments: [], nextNumber: 1,
    };
    this.s.state.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  repoOf(fullName: string): Repo {
    const [owner, name] = fullName.split("/") as [string, string];
    const repo = this.s.state.repo(owner, name);
    if (!repo) throw new Error(`no repository ${fullName}`);
    return repo;
  }

  issueOf(fullName: string, number: number): Issue {
    const issue = this.repoOf(fullName).issues.get(number);
    if (!issue) throw new Error(`no issue ${fullName}#${number}`);
    return issue;
  }

  /** An issue that already existed before the story: recorded without a webhook. */
  seedIssue(fullName: string, author: string, title: string, body = "", labels: string[] = []): Issue {
    const repo = this.repoOf(fullName);
    this.user(author);
    const now = this.s.state.now();
    const issue: Issue = {
      id: this.s.state.id(), number: repo.nextNumber++, title, body, user: author, state: "open", state_reason: null,
      labels: labels.map((l) => this.s.state.ensureLabel(repo, l).name), assignees: [], created_at: now, updated_at: now, closed_at: null,
      comments: [], events: [], reactions: [],
    };
    repo.issues.set(issue.number, issue);
    return issue;
  }

  /** Acts as `login` in `repo`: every act is recorded and sends its webhook. */
  as(login: string, fullName: string): UserActions {
    this.user(login);
    return new UserActions(this.s, login, this.repoOf(fullName));
  }

  /** Moves an issue's timestamps (and its comments', events' and reactions') `ms` into the past. */
  age(fullName: string, number: number, ms: number): void {
    const issue = this.issueOf(fullName, number);
    const back = (t: string) => new Date(Date.parse(t) - ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    issue.created_at = back(issue.created_at);
    issue.updated_at = back(issue.updated_at);
    if (issue.closed_at) issue.closed_at = back(issue.closed_at);
    for (const c of issue.comments) {
      c.created_at = back(c.created_at);
      c.updated_at = back(c.updated_at);
      for (const r of c.reactions) r.created_at = back(r.created_at);
    }
    for (const e of issue.events) e.created_at = back(e.created_at);
    for (const r of issue.pull?.reviews ?? []) r.submitted_at = back(r.submitted_at);
    // A pull request's own commits age with it (the commits on its base branch are shared).
    if (issue.pull) {
      const repo = this.repoOf(fullName);
      const onBase = new Set<string>();
      for (let sha = repo.branches.get(issue.pull.baseRef); sha; sha = repo.commits.get(sha)?.parent ?? undefined) onBase.add(sha);
      for (let c = repo.commits.get(issue.pull.headSha); c && !onBase.has(c.sha); c = c.parent ? repo.commits.get(c.parent) : undefined) c.date = back(c.date);
    }
    for (const r of issue.reactions) r.created_at = back(r.created_at);
  }

  /** A second installation of the app, on `account`, suspended: the sweep must go on without it. */
  suspendedInstallation(id: number, account: string): void {
    if (!this.s.state.account(account)) this.org(account);
    this.s.state.suspendedInstallations.set(id, account);
  }

  /** Moves the stand-in's clock forward (new timestamps are later than real time). */
  advanceClock(ms: number): void {
    this.s.state.clockOffsetMs += ms;
  }

  async handleHttp(method: string, url: URL, text: string): Promise<RestReply> {
    const route = `${method} ${url.pathname.replace(/^\/_control/, "") || "/"}`;
    const body = text ? JSON.parse(text) : {};
    switch (route) {
      case "GET /":
      case "GET /help":
        return { status: 200, body: { routes: ["GET /_control/requests", "GET /_control/deliveries", "GET /_control/issues?repo=o/r", "POST /_control/act {as, repo, do, ...}"] } };
      case "GET /requests":
        return { status: 200, body: this.s.requests };
      case "GET /deliveries":
        return { status: 200, body: this.s.webhooks.deliveries.map(({ body: _b, ...d }) => d) };
      case "GET /issues": {
        const repo = this.repoOf(url.searchParams.get("repo") ?? "");
        return { status: 200, body: [...repo.issues.values()].map((i) => ({ number: i.number, title: i.title, state: i.state, labels: i.labels, comments: i.comments.map((c) => ({ id: c.id, user: c.user, body: c.body })) })) };
      }
      case "POST /act": {
        const actions = this.as(String(body.as), String(body.repo));
        const result = await actions.perform(body);
        await this.s.webhooks.drain();
        return { status: 200, body: { ok: true, result } };
      }
      default:
        return { status: 404, body: { message: `Not implemented by the Convener stand-in: ${method} ${url.pathname}` } };
    }
  }
}

export class UserActions {
  constructor(private readonly s: StandIn, readonly login: string, readonly repo: Repo) {}

  private issue(number: number): Issue {
    const issue = this.repo.issues.get(number);
    if (!issue) throw new Error(`no issue #${number} in ${this.repo.owner}/${this.repo.name}`);
    return issue;
  }

  openIssue(title: string, body: string, labels: string[] = []): Issue {
    return this.s.changes.openIssue(this.repo, this.login, { title, body, labels });
  }

  editIssue(number: number, fields: { title?: string; body?: string }): void {
    this.s.changes.editIssue(this.repo, this.issue(number), this.login, fields);
  }

  close(number: number, reason = "completed"): void {
    this.s.changes.setState(this.repo, this.issue(number), this.login, "closed", reason);
  }

  reopen(number: number): void {
    this.s.changes.setState(this.repo, this.issue(number), this.login, "open");
  }

  label(number: number, ...labels: string[]): void {
    this.s.changes.addLabels(this.repo, this.issue(number), this.login, labels);
  }

  unlabel(number: number, label: string): void {
    this.s.changes.removeLabel(this.repo, this.issue(number), this.login, label);
  }

  comment(number: number, body: string): number {
    return this.s.changes.addComment(this.repo, this.issue(number), this.login, body).id;
  }

  editComment(commentId: number, body: string): void {
    const found = this.s.state.findComment(this.repo, commentId);
    if (!found) throw new Error(`no comment ${commentId}`);
    this.s.changes.editComment(this.repo, found.issue, found.comment, this.login, body);
  }

  /** Submits a review on a pull request (`pull_request_review.submitted`). */
  review(number: number, state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" = "COMMENTED", body = ""): number {
    const issue = this.issue(number);
    if (!issue.pull) throw new Error(`#${number} is not a pull request`);
    return this.s.changes.review(this.repo, issue, this.login, state, body).id;
  }

  react(number: number, content: string, commentId?: number): void {
    const issue = this.issue(number);
    const comment = commentId === undefined ? null : issue.comments.find((c) => c.id === commentId) ?? null;
    this.s.changes.react(issue, comment, this.login, content);
  }

  push(files: Record<string, string | null>, message?: string, branch?: string): string {
    return this.s.changes.push(this.repo, this.login, files, message, branch);
  }

  /** Pushes `files` to a new branch and opens a pull request from it. */
  openPullRequest(title: string, body: string, files: Record<string, string | null>, branch = `${this.login}/change-${this.repo.nextNumber}`): Issue {
    const baseFiles = this.s.state.headCommit(this.repo)?.files ?? new Map<string, string>();
    this.repo.branches.set(branch, this.repo.branches.get(this.repo.defaultBranch)!);
    const sha = this.s.changes.push(this.repo, this.login, files, title, branch);
    const pull: PullFields = { headSha: sha, headRef: branch, baseRef: this.repo.defaultBranch, draft: false, merged: false, files: diffStat(baseFiles, files) };
    return this.s.changes.openIssue(this.repo, this.login, { title, body, pull });
  }

  /** Pushes more changes to a pull request's branch (`synchronize`). */
  updatePullRequest(number: number, files: Record<string, string | null>): void {
    const issue = this.issue(number);
    const pull = issue.pull!;
    const before = pull.headSha;
    const baseFiles = this.s.state.headCommit(this.repo)?.files ?? new Map<string, string>();
    pull.headSha = this.s.changes.push(this.repo, this.login, files, "Update", pull.headRef);
    const changed = Object.fromEntries([...this.repo.commits.get(pull.headSha)!.files].filter(([p, t]) => baseFiles.get(p) !== t));
    pull.files = diffStat(baseFiles, changed);
    this.s.changes.emitPull(this.repo, issue, this.login, "synchronize", { before, after: pull.headSha });
  }

  /** "Re-run" on a check run in the UI: GitHub sends `check_run.rerequested` to the app that created it. */
  rerequestCheckRun(checkRunId: number): void {
    const run = this.repo.checkRuns.find((r) => r.id === checkRunId);
    if (!run) throw new Error(`no check run ${checkRunId}`);
    const pulls = [...this.repo.issues.values()].filter((i) => i.pull?.headSha === run.head_sha);
    const shape = checkShape({ standIn: this.s }, this.repo, run);
    const suite = { id: run.id, head_branch: pulls[0]?.pull?.headRef ?? null, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion, app: shape.app };
    const pull_requests = pulls.map((p) => ({ number: p.number, id: p.id, url: `${this.s.urls.api}/repos/${this.repo.owner}/${this.repo.name}/pulls/${p.number}` }));
    this.s.changes.emitCheckRun(this.repo, this.login, "rerequested", { ...shape, check_suite: suite, pull_requests });
  }

  /** Does one act from a JSON description (the HTTP control API): `{ do: "openIssue", title, body, labels }` etc. */
  async perform(body: Record<string, any>): Promise<unknown> {
    switch (body.do) {
      case "openIssue": return this.openIssue(String(body.title), String(body.body ?? ""), body.labels ?? []).number;
      case "editIssue": return this.editIssue(Number(body.number), { ...(body.title ? { title: body.title } : {}), ...(body.body !== undefined ? { body: body.body } : {}) });
      case "comment": return this.comment(Number(body.number), String(body.body));
      case "label": return this.label(Number(body.number), ...(body.labels ?? []));
      case "unlabel": return this.unlabel(Number(body.number), String(body.label));
      case "close": return this.close(Number(body.number));
      case "reopen": return this.reopen(Number(body.number));
      case "push": return this.push(body.files ?? {}, body.message);
      case "openPullRequest": return this.openPullRequest(String(body.title), String(body.body ?? ""), body.files ?? {}).number;
      default: throw new Error(`unknown act ${body.do}`);
    }
  }
}

function diffStat(base: Map<string, string>, files: Record<string, string | null>): PullFields["files"] {
  return Object.entries(files).map(([filename, content]) => {
    const before = base.get(filename);
    const lines = (t: string | null | undefined) => (t ? t.split("\n").length : 0);
    const status = content === null ? "removed" : before === undefined ? "added" : "modified";
    return { filename, status, additions: lines(content), deletions: status === "added" ? 0 : lines(before) };
  });
}
