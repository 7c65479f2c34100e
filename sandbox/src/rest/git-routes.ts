import { toPull } from "../shapes.js";
import { blobSha, repoOf } from "./app-routes.js";
import { actorOf } from "./issue-routes.js";
import { HttpError, ok, type Router } from "./router.js";

/**
 * What an app's `pull.create` needs: a branch ref read and created, a file committed to a branch
 * (GitHub's contents API, with its sha check), a pull request opened from a branch.
 */
export function addGitRoutes(router: Router): void {
  router
    .add("GET", "/repos/{owner}/{repo}/git/ref/{+ref}", (req) => {
      const repo = repoOf(req);
      const name = req.params.ref!.replace(/^heads\//, "");
      const sha = repo.branches.get(name);
      if (!sha) throw new HttpError(404, "Not Found");
      return ok({ ref: `refs/heads/${name}`, object: { type: "commit", sha } });
    })
    .add("POST", "/repos/{owner}/{repo}/git/refs", (req) => {
      const repo = repoOf(req);
      actorOf(req);
      const { ref, sha } = req.body ?? {};
      const name = String(ref ?? "").replace(/^refs\/heads\//, "");
      if (!name || !repo.commits.has(String(sha))) throw new HttpError(422, "Validation Failed");
      if (repo.branches.has(name)) throw new HttpError(422, "Reference already exists");
      repo.branches.set(name, String(sha));
      return ok({ ref: `refs/heads/${name}`, object: { type: "commit", sha } }, 201);
    })
    .add("PUT", "/repos/{owner}/{repo}/contents/{+path}", (req) => {
      const repo = repoOf(req);
      const actor = actorOf(req);
      const path = req.params.path!;
      const branch = String(req.body?.branch ?? repo.defaultBranch);
      const head = req.standIn.state.headCommit(repo, branch);
      if (!head) throw new HttpError(404, `Branch ${branch} not found`);
      const before = head.files.get(path);
      // GitHub refuses to overwrite a file without its current blob sha (and with a stale one).
      if (before !== undefined && req.body?.sha !== blobSha(before)) throw new HttpError(409, `${path} does not match ${req.body?.sha ?? "(no sha)"}`);
      const text = Buffer.from(String(req.body?.content ?? ""), "base64").toString("utf8");
      const commit = req.standIn.changes.push(repo, actor, { [path]: text }, String(req.body?.message ?? `Update ${path}`), branch);
      return ok({ content: { name: path.split("/").pop(), path, sha: blobSha(text) }, commit: { sha: commit } }, before === undefined ? 201 : 200);
    })
    .add("POST", "/repos/{owner}/{repo}/pulls", (req) => {
      const repo = repoOf(req);
      const actor = actorOf(req);
      const { title, body, head, base = repo.defaultBranch } = req.body ?? {};
      const headSha = repo.branches.get(String(head));
      const baseFiles = req.standIn.state.headCommit(repo, String(base))?.files;
      if (!title || !headSha || !baseFiles) throw new HttpError(422, "Validation Failed");
      const headFiles = repo.commits.get(headSha)!.files;
      const files = [...headFiles]
        .filter(([p, text]) => baseFiles.get(p) !== text)
        .map(([filename, text]) => ({
          filename, status: baseFiles.has(filename) ? ("modified" as const) : ("added" as const), additions: text.split("\n").length, deletions: baseFiles.get(filename)?.split("\n").length ?? 0,
        }));
      const issue = req.standIn.changes.openIssue(repo, actor, {
        title: String(title), body: body ?? null, pull: { headSha, headRef: String(head), baseRef: String(base), draft: false, merged: false, files },
      });
      return ok(toPull(req.standIn.state, repo, issue, req.standIn.urls), 201);
    });
}
