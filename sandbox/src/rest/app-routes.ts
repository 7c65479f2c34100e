import { createHash, randomBytes } from "node:crypto";
import { toApp, toRepo, userOf } from "../shapes.js";
import type { Repo } from "../state.js";
import { HttpError, ok, paginate, type RestRequest, type Router } from "./router.js";

/** The app's token flow, repositories, file contents, users and teams. */
export function addAppRoutes(router: Router): void {
  router
    .add("GET", "/app", (req) => ok(toApp(req.standIn.state, req.standIn.urls)))
    .add("GET", "/app/installations", (req) => paginate(req, [...suspendedInstallations(req), installation(req)]))
    .add("GET", "/app/installations/{installation_id}", (req) => {
      requireInstallation(req, req.params.installation_id!);
      return ok(installation(req));
    })
    .add("POST", "/app/installations/{installation_id}/access_tokens", (req) => {
      requireInstallation(req, req.params.installation_id!);
      const token = `ghs_${randomBytes(18).toString("hex")}`;
      req.standIn.tokens.add(token);
      const expires = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      return ok({ token, expires_at: expires, permissions: toApp(req.standIn.state, req.standIn.urls).permissions, repository_selection: "all" }, 201);
    })
    .add("GET", "/installation/repositories", (req) => {
      const repos = [...req.standIn.state.repos.values()].map((r) => toRepo(req.standIn.state, r, req.standIn.urls));
      const page = paginate(req, repos);
      return { ...page, body: { total_count: repos.length, repositories: page.body } };
    })
    .add("GET", "/repos/{owner}/{repo}/installation", (req) => {
      repoOf(req);
      return ok(installation(req));
    })
    .add("GET", "/repos/{owner}/{repo}", (req) => ok(toRepo(req.standIn.state, repoOf(req), req.standIn.urls)))
    .add("GET", "/repos/{owner}/{repo}/contents", (req) => contents(req, ""))
    .add("GET", "/repos/{owner}/{repo}/contents/{+path}", (req) => contents(req, req.params.path!))
    .add("GET", "/users/{username}", (req) => {
      const account = req.standIn.state.account(req.params.username!);
      if (!account) throw new HttpError(404, "Not Found");
      return ok({ ...userOf(req.standIn.state, account.login, req.standIn.urls), name: account.name ?? null });
    })
    .add("GET", "/orgs/{org}/teams/{team_slug}/memberships/{username}", (req) => {
      const team = teamOf(req);
      const login = req.params.username!.toLowerCase();
      if (!team.members.some((m) => m.toLowerCase() === login)) throw new HttpError(404, "Not Found");
      return ok({ url: `${req.standIn.urls.api}${req.path}`, role: "member", state: "active" });
    })
    .add("GET", "/orgs/{org}/teams/{team_slug}/members", (req) => {
      const team = teamOf(req);
      return paginate(req, team.members.map((m) => userOf(req.standIn.state, m, req.standIn.urls)));
    });
}

function installation(req: RestRequest) {
  const { state, urls } = req.standIn;
  const owner = [...state.repos.values()][0]?.owner ?? "community";
  return {
    id: state.app.installationId,
    account: userOf(state, owner, urls),
    app_id: state.app.id,
    app_slug: state.app.slug,
    target_type: "Organization",
    repository_selection: "all",
    permissions: toApp(state, urls).permissions,
    events: toApp(state, urls).events,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    single_file_name: null,
  };
}

/** GitHub lists suspended installations too, with `suspended_at` set. */
function suspendedInstallations(req: RestRequest) {
  const { state, urls } = req.standIn;
  return [...state.suspendedInstallations].map(([id, owner]) => ({
    ...installation(req), id, account: userOf(state, owner, urls), suspended_at: "2026-01-02T00:00:00Z",
  }));
}

function requireInstallation(req: RestRequest, id: string): void {
  if (req.standIn.state.suspendedInstallations.has(Number(id))) throw new HttpError(403, "This installation has been suspended");
  if (Number(id) !== req.standIn.state.app.installationId) throw new HttpError(404, "Not Found");
}

export function repoOf(req: RestRequest): Repo {
  const repo = req.standIn.state.repo(req.params.owner!, req.params.repo!);
  if (!repo) throw new HttpError(404, "Not Found");
  return repo;
}

function teamOf(req: RestRequest) {
  const team = req.standIn.state.team(req.params.org!, req.params.team_slug!);
  if (!team) throw new HttpError(404, "Not Found");
  return team;
}

function contents(req: RestRequest, path: string) {
  const { state, urls } = req.standIn;
  const repo = repoOf(req);
  const commit = state.headCommit(repo, req.query.get("ref") ?? repo.defaultBranch);
  if (!commit) throw new HttpError(404, "Not Found");
  const clean = path.replace(/^\/+|\/+$/g, "");
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}/contents`;
  const entry = (p: string, type: "file" | "dir", content?: string) => ({
    type,
    size: content === undefined ? 0 : Buffer.byteLength(content),
    name: p.split("/").pop(),
    path: p,
    sha: blobSha(content ?? p),
    url: `${base}/${p}?ref=${commit.sha}`,
    git_url: null,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/blob/${commit.sha}/${p}`,
    download_url: type === "file" ? `${urls.web}/raw/${repo.owner}/${repo.name}/${commit.sha}/${p}` : null,
  });
  const content = commit.files.get(clean);
  if (content !== undefined) {
    if (/raw/.test(String(req.headers.accept ?? ""))) return { status: 200, raw: content, headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } };
    return ok({ ...entry(clean, "file", content), encoding: "base64", content: Buffer.from(content).toString("base64") });
  }
  const prefix = clean ? `${clean}/` : "";
  const children = new Map<string, ReturnType<typeof entry>>();
  for (const [p, text] of commit.files) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const [head, ...more] = rest.split("/");
    const child = prefix + head;
    if (!children.has(child)) children.set(child, more.length ? entry(child, "dir") : entry(child, "file", text));
  }
  if (children.size === 0) throw new HttpError(404, "Not Found");
  return ok([...children.values()].sort((a, b) => a.path.localeCompare(b.path)));
}

/** Git's blob id: sha1 of `blob <size>\0<content>`. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
