import { toComment, toIssue, toLabel, userOf } from "../shapes.js";
import type { Issue, Repo } from "../state.js";
import { repoOf } from "./app-routes.js";
import { HttpError, ok, paginate, type RestRequest, type Router } from "./router.js";

/** Issues, issue comments, labels, reactions and timelines. Writes are made as the app's bot. */
export function addIssueRoutes(router: Router): void {
  const base = "/repos/{owner}/{repo}/issues";
  router
    .add("GET", base, (req) => {
      const repo = repoOf(req);
      const state = req.query.get("state") ?? "open";
      const labels = (req.query.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
      const asc = req.query.get("direction") === "asc";
      const creator = req.query.get("creator")?.toLowerCase();
      const list = [...repo.issues.values()]
        .filter((i) => state === "all" || i.state === state)
        .filter((i) => !creator || i.user.toLowerCase() === creator)
        .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
        .sort((a, b) => (asc ? a.number - b.number : b.number - a.number));
      return paginate(req, list.map((i) => issueShape(req, repo, i)));
    })
    .add("POST", base, (req) => {
      const repo = repoOf(req);
      if (typeof req.body?.title !== "string" || !req.body.title) throw unprocessable("title", "missing_field");
      const issue = req.standIn.changes.openIssue(repo, actorOf(req), { title: req.body.title, body: req.body.body ?? null, labels: req.body.labels ?? [] });
      return ok(issueShape(req, repo, issue), 201);
    })
    .add("GET", `${base}/{issue_number}`, (req) => ok(issueShape(req, repoOf(req), issueOf(req))))
    .add("PATCH", `${base}/{issue_number}`, (req) => {
      const repo = repoOf(req);
      const issue = issueOf(req);
      const actor = actorOf(req);
      const { title, body, state, state_reason, labels } = req.body ?? {};
      req.standIn.changes.editIssue(repo, issue, actor, { ...(title !== undefined ? { title } : {}), ...(body !== undefined ? { body } : {}) });
      if (state === "open" || state === "closed") req.standIn.changes.setState(repo, issue, actor, state, state_reason ?? null);
      if (Array.isArray(labels)) setLabels(req, repo, issue, labels.map((l: unknown) => (typeof l === "string" ? l : (l as { name: string }).name)));
      return ok(issueShape(req, repo, issue));
    })
    .add("GET", `${base}/{issue_number}/comments`, (req) => {
      const repo = repoOf(req);
      const issue = issueOf(req);
      const since = req.query.get("since");
      const list = issue.comments.filter((c) => !since || c.updated_at >= since);
      return paginate(req, list.map((c) => toComment(req.standIn.state, repo, issue, c, req.standIn.urls)));
    })
    .add("POST", `${base}/{issue_number}/comments`, (req) => {
      const repo = repoOf(req);
      const issue = issueOf(req);
      if (typeof req.body?.body !== "string") throw unprocessable("body", "missing_field");
      if (req.body.body.length > 65_536) throw unprocessable("body", "too_long");
      const comment = req.standIn.changes.addComment(repo, issue, actorOf(req), req.body.body, true);
      return ok(toComment(req.standIn.state, repo, issue, comment, req.standIn.urls), 201);
    })
    .add("GET", `${base}/comments/{comment_id}`, (req) => {
      const { repo, issue, comment } = commentOf(req);
      return ok(toComment(req.standIn.state, repo, issue, comment, req.standIn.urls));
    })
    .add("PATCH", `${base}/comments/{comment_id}`, (req) => {
      const { repo, issue, comment } = commentOf(req);
      if (typeof req.body?.body !== "string") throw unprocessable("body", "missing_field");
      req.standIn.changes.editComment(repo, issue, comment, actorOf(req), req.body.body);
      return ok(toComment(req.standIn.state, repo, issue, comment, req.standIn.urls));
    })
    .add("DELETE", `${base}/comments/{comment_id}`, (req) => {
      const { repo, issue, comment } = commentOf(req);
      req.standIn.changes.deleteComment(repo, issue, comment, actorOf(req));
      return { status: 204 };
    })
    .add("GET", `${base}/{issue_number}/labels`, (req) => {
      const repo = repoOf(req);
      return paginate(req, labelShapes(req, repo, issueOf(req)));
    })
    .add("POST", `${base}/{issue_number}/labels`, (req) => {
      const repo = repoOf(req);
      const issue = issueOf(req);
      req.standIn.changes.addLabels(repo, issue, actorOf(req), labelNames(req.body));
      return ok(labelShapes(req, repo, issue));
    })
    .add("POST", `${base}/{issue_number}/assignees`, (req) => {
      const repo = repoOf(req);
      const issue = issueOf(req);
      const logins: unknown = req.body?.assignees;
      if (!Array.isArray(logins) || logins.some((l) => typeof l !== "string")) throw unprocessable("assignees", "invalid");
      req.standIn.changes.addAssignees(repo, issue, actorOf(req), logins as string[]);
      return ok(issueShape(req, repo, issue), 201);
    })
    .add("PUT", `${base}/{issue_number}/labels`, (req) => {
      const repo = repoOf(req);
      const issue = issueOf(req);
      setLabels(req, repo, issue, labelNames(req.body));
      return ok(labelShapes(req, repo, issue));
    })
    .add("DELETE", `${base}/{issue_number}/labels/{name}`, (req) => {
      const repo = repoOf(req);
      const issue = issueOf(req);
      if (!req.standIn.changes.removeLabel(repo, issue, actorOf(req), req.params.name!)) throw new HttpError(404, "Label does not exist");
      return ok(labelShapes(req, repo, issue));
    })
    .add("GET", `${base}/{issue_number}/reactions`, (req) => paginate(req, reactionShapes(req, issueOf(req).reactions)))
    .add("GET", `${base}/comments/{comment_id}/reactions`, (req) => paginate(req, reactionShapes(req, commentOf(req).comment.reactions)))
    .add("GET", `${base}/{issue_number}/timeline`, (req) => paginate(req, timeline(req, repoOf(req), issueOf(req))))
    .add("GET", `${base}/{issue_number}/events`, (req) => paginate(req, timeline(req, repoOf(req), issueOf(req)).filter((e) => e.event !== "commented")))
    .add("GET", "/repos/{owner}/{repo}/labels/{name}", (req) => {
      const repo = repoOf(req);
      const label = repo.labels.get(req.params.name!.toLowerCase());
      if (!label) throw new HttpError(404, "Not Found");
      return ok(toLabel(repo, label, req.standIn.urls));
    })
    .add("POST", "/repos/{owner}/{repo}/labels", (req) => {
      const repo = repoOf(req);
      if (repo.labels.has(String(req.body?.name).toLowerCase())) throw unprocessable("name", "already_exists");
      const label = req.standIn.state.ensureLabel(repo, String(req.body?.name));
      if (req.body?.color) label.color = String(req.body.color);
      if (req.body?.description) label.description = String(req.body.description);
      return ok(toLabel(repo, label, req.standIn.urls), 201);
    });
}

/** REST writes come from the app's installation token; the stand-in records them as its bot. */
export function actorOf(req: RestRequest): string {
  if (!req.actor) throw new HttpError(403, "Resource not accessible by integration");
  return req.actor;
}

export function issueOf(req: RestRequest): Issue {
  const issue = repoOf(req).issues.get(Number(req.params.issue_number ?? req.params.pull_number));
  if (!issue) throw new HttpError(404, "Not Found");
  return issue;
}

function commentOf(req: RestRequest) {
  const repo = repoOf(req);
  const found = req.standIn.state.findComment(repo, Number(req.params.comment_id));
  if (!found) throw new HttpError(404, "Not Found");
  return { repo, ...found };
}

function issueShape(req: RestRequest, repo: Repo, issue: Issue) {
  return toIssue(req.standIn.state, repo, issue, req.standIn.urls);
}

function labelShapes(req: RestRequest, repo: Repo, issue: Issue) {
  return issue.labels.map((n) => toLabel(repo, req.standIn.state.ensureLabel(repo, n), req.standIn.urls));
}

function labelNames(body: any): string[] {
  const list = Array.isArray(body) ? body : Array.isArray(body?.labels) ? body.labels : null;
  if (!list) throw unprocessable("labels", "invalid");
  return list.map((l: unknown) => (typeof l === "string" ? l : String((l as { name?: string })?.name ?? "")));
}

function setLabels(req: RestRequest, repo: Repo, issue: Issue, names: string[]): void {
  req.standIn.changes.setLabels(repo, issue, actorOf(req), names);
}

function reactionShapes(req: RestRequest, reactions: Issue["reactions"]) {
  return reactions.map((r) => ({
    id: r.id,
    node_id: Buffer.from(`Reaction:${r.id}`).toString("base64"),
    user: userOf(req.standIn.state, r.user, req.standIn.urls),
    content: r.content,
    created_at: r.created_at,
  }));
}

function timeline(req: RestRequest, repo: Repo, issue: Issue) {
  const { state, urls } = req.standIn;
  const events = issue.events.map((e) => ({
    id: e.id,
    node_id: Buffer.from(`Event:${e.id}`).toString("base64"),
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/issues/events/${e.id}`,
    actor: userOf(state, e.actor, urls),
    event: e.event,
    commit_id: null,
    commit_url: null,
    created_at: e.created_at,
    ...(e.label ? { label: { name: e.label, color: state.ensureLabel(repo, e.label).color } } : {}),
    performed_via_github_app: null,
  }));
  const comments = issue.comments.map((c) => ({ ...toComment(state, repo, issue, c, urls), event: "commented", actor: userOf(state, c.user, urls) }));
  return [...events, ...comments].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
}

export function unprocessable(field: string, code: string): HttpError {
  return new HttpError(422, "Validation Failed", { errors: [{ resource: "Issue", field, code }] });
}
