import { toPull, userOf } from "../shapes.js";
import { MAX_LISTED_PULL_FILES, type CheckRun, type Repo, type State } from "../state.js";
import { repoOf } from "./app-routes.js";
import { actorOf, issueOf, unprocessable } from "./issue-routes.js";
import { HttpError, ok, paginate, type RestRequest, type Router } from "./router.js";

/** Pull requests, their files, check runs with annotations, and commit comments. */
export function addPullRoutes(router: Router): void {
  router
    .add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", (req) => ok(toPull(req.standIn.state, repoOf(req), pullOf(req), req.standIn.urls)))
    .add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", (req) => {
      const pull = pullOf(req).pull!;
      // GitHub lists at most 3,000 files of a pull request, whatever their number.
      return paginate(req, pull.files.slice(0, MAX_LISTED_PULL_FILES).map((f) => ({ sha: f.filename, changes: f.additions + f.deletions, blob_url: "", raw_url: "", contents_url: "", ...f })));
    })
    .add("GET", "/repos/{owner}/{repo}/pulls", (req) => {
      const repo = repoOf(req);
      const state = req.query.get("state") ?? "open";
      // `head` is `owner:branch` (GitHub ignores a head without the owner); `base` is a branch name.
      const head = req.query.get("head")?.split(":");
      const base = req.query.get("base");
      const list = [...repo.issues.values()]
        .filter((i) => i.pull && (state === "all" || i.state === state))
        .filter((i) => !head || head.length !== 2 || (head[0]!.toLowerCase() === repo.owner.toLowerCase() && i.pull!.headRef === head[1]))
        .filter((i) => !base || i.pull!.baseRef === base)
        .sort((a, b) => b.number - a.number);
      return paginate(req, list.map((i) => toPull(req.standIn.state, repo, i, req.standIn.urls)));
    })
    .add("POST", "/repos/{owner}/{repo}/check-runs", (req) => {
      const repo = repoOf(req);
      actorOf(req);
      const { name, head_sha } = req.body ?? {};
      if (typeof name !== "string" || !name) throw unprocessable("name", "missing_field");
      if (typeof head_sha !== "string" || !repo.commits.has(head_sha)) throw new HttpError(422, "No commit found for SHA: " + head_sha);
      return ok(checkShape(req, repo, createCheckRunIn(req.standIn.state, repo, req.body)), 201);
    })
    .add("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", (req) => {
      const repo = repoOf(req);
      actorOf(req);
      const run = checkOf(req, repo);
      applyCheckFields(req.body, run);
      return ok(checkShape(req, repo, run));
    })
    .add("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", (req) => {
      const repo = repoOf(req);
      return ok(checkShape(req, repo, checkOf(req, repo)));
    })
    .add("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations", (req) => {
      const repo = repoOf(req);
      const run = checkOf(req, repo);
      return paginate(req, run.annotations.map((a) => annotationShape(req, repo, run, a)));
    })
    .add("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", (req) => {
      const repo = repoOf(req);
      const sha = repo.branches.get(req.params.ref!) ?? req.params.ref!;
      const name = req.query.get("check_name");
      const status = req.query.get("status");
      const appId = req.query.get("app_id");
      const matching = repo.checkRuns
        .filter((r) => r.head_sha === sha && (!name || r.name === name) && (!status || r.status === status))
        .filter(() => !appId || Number(appId) === req.standIn.state.app.id)
        .reverse();
      // `filter=latest` (GitHub's default) keeps only the most recent run of each name.
      const latest = (req.query.get("filter") ?? "latest") === "latest";
      const runs = latest ? matching.filter((r, i) => matching.findIndex((o) => o.name === r.name) === i) : matching;
      const page = paginate(req, runs.map((r) => checkShape(req, repo, r)));
      return { ...page, body: { total_count: runs.length, check_runs: page.body } };
    })
    .add("POST", "/repos/{owner}/{repo}/commits/{commit_sha}/comments", (req) => {
      const repo = repoOf(req);
      const actor = actorOf(req);
      if (!repo.commits.has(req.params.commit_sha!)) throw new HttpError(422, "No commit found for SHA: " + req.params.commit_sha);
      const comment = { id: req.standIn.state.id(), commit_id: req.params.commit_sha!, body: String(req.body?.body ?? ""), user: actor, created_at: req.standIn.state.now() };
      repo.commitComments.push(comment);
      return ok({ ...comment, user: userOf(req.standIn.state, actor, req.standIn.urls), updated_at: comment.created_at }, 201);
    })
    .add("GET", "/repos/{owner}/{repo}/compare/{basehead}", (req) => ok(compare(req, repoOf(req), req.params.basehead!)))
    .add("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/comments", (req) => {
      const repo = repoOf(req);
      const list = repo.commitComments.filter((c) => c.commit_id === req.params.commit_sha);
      return paginate(req, list.map((c) => ({ ...c, user: userOf(req.standIn.state, c.user, req.standIn.urls) })));
    });
}

function annotationShape(req: RestRequest, repo: Repo, run: CheckRun, a: Record<string, any>) {
  return {
    path: a.path, blob_href: `${req.standIn.urls.web}/${repo.owner}/${repo.name}/blob/${run.head_sha}/${a.path}`,
    start_line: a.start_line, end_line: a.end_line, start_column: a.start_column ?? null, end_column: a.end_column ?? null,
    annotation_level: a.annotation_level, title: a.title ?? "", message: a.message, raw_details: a.raw_details ?? "",
  };
}

function pullOf(req: RestRequest) {
  const issue = issueOf(req);
  if (!issue.pull) throw new HttpError(404, "Not Found");
  return issue;
}

function checkOf(req: RestRequest, repo: Repo): CheckRun {
  const run = repo.checkRuns.find((r) => r.id === Number(req.params.check_run_id));
  if (!run) throw new HttpError(404, "Not Found");
  return run;
}

/**
 * A new check run from a REST-shaped body (GraphQL's `createCheckRun` maps its input to it), so
 * both APIs follow the same rules.
 */
export function createCheckRunIn(state: State, repo: Repo, body: Record<string, any>): CheckRun {
  const now = state.now();
  const run: CheckRun = {
    id: state.id(), name: body.name, head_sha: body.head_sha, external_id: typeof body.external_id === "string" ? body.external_id : "", status: "queued", conclusion: null, started_at: body.started_at ?? now, completed_at: null,
    output: { title: null, summary: null, text: null }, annotations: [],
  };
  applyCheckFields(body, run);
  repo.checkRuns.push(run);
  return run;
}

/**
 * GitHub's rules for a create or an update: `completed` needs a conclusion, an output needs a title
 * and a summary, at most 50 annotations per request, and every annotation sent is appended to the
 * run's list (an update never replaces or removes earlier annotations, even on a completed run).
 */
export function applyCheckFields(body: Record<string, any> | undefined, run: CheckRun): void {
  const b = body ?? {};
  if (b.status === "completed" && typeof b.conclusion !== "string" && run.conclusion === null) throw unprocessable("conclusion", "missing_field");
  if (b.output && (typeof b.output.title !== "string" || typeof b.output.summary !== "string")) throw unprocessable("output", "missing_field");
  if (typeof b.external_id === "string") run.external_id = b.external_id;
  if (typeof b.status === "string") run.status = b.status;
  if (typeof b.conclusion === "string") {
    run.conclusion = b.conclusion;
    run.status = "completed";
  }
  if (typeof b.completed_at === "string") run.completed_at = b.completed_at;
  if (b.output) {
    const annotations = Array.isArray(b.output.annotations) ? b.output.annotations : [];
    if (annotations.length > 50) throw new HttpError(422, "Only 50 annotations may be sent per request");
    run.output = { title: b.output.title ?? run.output.title, summary: b.output.summary ?? run.output.summary, text: b.output.text ?? run.output.text };
    run.annotations.push(...annotations);
  }
}

export function checkShape(req: RestRequest | { standIn: RestRequest["standIn"] }, repo: Repo, run: CheckRun) {
  const { state, urls } = req.standIn;
  return {
    id: run.id,
    node_id: Buffer.from(`CheckRun:${run.id}`).toString("base64").replace(/=+$/, ""), // as GraphQL's `id`
    head_sha: run.head_sha,
    external_id: run.external_id,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}`,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/runs/${run.id}`,
    details_url: null,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${urls.api}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}/annotations` },
    app: { id: state.app.id, slug: state.app.slug, name: state.app.name },
    pull_requests: [],
  };
}

/**
 * `base...head` (branches or commits): the files that differ between the two trees, as GitHub lists
 * them, and the commits from base (exclusive) to head along first parents.
 */
function compare(req: RestRequest, repo: Repo, basehead: string) {
  const [baseRef, headRef] = basehead.split("...");
  const base = baseRef ? req.standIn.state.headCommit(repo, baseRef) : undefined;
  const head = headRef ? req.standIn.state.headCommit(repo, headRef) : undefined;
  if (!base || !head) throw new HttpError(404, "Not Found");
  const commits = [];
  for (let c: typeof head | undefined = head; c && c.sha !== base.sha; c = c.parent ? repo.commits.get(c.parent) : undefined) commits.unshift(c);
  const lines = (t: string | undefined) => (t ? t.split("\n").length : 0);
  const files = [...new Set([...base.files.keys(), ...head.files.keys()])].sort().flatMap((filename) => {
    const [before, after] = [base.files.get(filename), head.files.get(filename)];
    if (before === after) return [];
    const status = before === undefined ? "added" : after === undefined ? "removed" : "modified";
    const [additions, deletions] = [status === "removed" ? 0 : lines(after), status === "added" ? 0 : lines(before)];
    return [{ filename, status, additions, deletions, changes: additions + deletions }];
  });
  return {
    status: commits.length ? "ahead" : "identical", ahead_by: commits.length, behind_by: 0, total_commits: commits.length,
    base_commit: { sha: base.sha }, merge_base_commit: { sha: base.sha },
    commits: commits.map((c) => ({ sha: c.sha, commit: { message: c.message, author: { name: c.author, date: c.date } } })),
    files,
  };
}
