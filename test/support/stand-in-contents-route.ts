import type { StandIn } from "../../sandbox/src/stand-in.js";

/**
 * WORKAROUND (as in the retirement e2e suite), to remove once the stand-in serves
 * `/contents/{+path}` for encoded paths: the sweep runner only visits repositories whose
 * `.github%2Fconvener.yml` it can read, so this answers one-segment paths from the default branch.
 */
export function serveContentsFromHead(s: StandIn): void {
  const router = (s as unknown as { router: { add(m: string, t: string, h: (req: any) => unknown): void } }).router;
  router.add("GET", "/repos/{owner}/{repo}/contents/{path}", (req) => {
    const repo = s.control.repoOf(`${req.params.owner}/${req.params.repo}`);
    const text = s.state.headCommit(repo)?.files.get(req.params.path);
    if (text === undefined) return { status: 404, body: { message: "Not Found" } };
    if (/raw/.test(String(req.headers.accept ?? ""))) return { status: 200, raw: text };
    return { status: 200, body: { type: "file", path: req.params.path, encoding: "base64", content: Buffer.from(text).toString("base64") } };
  });
}
