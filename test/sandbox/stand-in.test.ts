import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createSign } from "node:crypto";
import { generateAppKeys } from "../../sandbox/src/app-process.js";
import { StandIn } from "../../sandbox/src/stand-in.js";

/** The stand-in on its own: GitHub's status codes, shapes, pagination, GraphQL answers and faults. */
describe("the GitHub stand-in", () => {
  let s: StandIn;
  const keys = generateAppKeys();
  let token = "";
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${s.urls.api}${path}`, { ...init, headers: { authorization: `token ${token}`, "content-type": "application/json", ...(init.headers as Record<string, string>) } });
  const graphql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await fetch(`${s.urls.web}/api/graphql`, { method: "POST", headers: { authorization: `token ${token}` }, body: JSON.stringify({ query, variables }) })).json() as Promise<any>;

  function jwt(appId: number, key = keys.privateKey): string {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const body = `${enc({ alg: "RS256", typ: "JWT" })}.${enc({ iat: now - 30, exp: now + 540, iss: appId })}`;
    return `${body}.${createSign("RSA-SHA256").update(body).sign(key, "base64url")}`;
  }

  beforeAll(async () => {
    s = await StandIn.start({ appId: 7, webhookSecret: "x", publicKey: keys.publicKey });
    s.control.repo("acme/site", { ".github/convener.yml": "dryRun: true\n", "docs/a.md": "A", "docs/sub/b.md": "B" });
    s.control.user("alice");
    s.control.team("acme", "mods", ["alice"]);
    for (let i = 0; i < 35; i++) s.control.seedIssue("acme/site", "alice", `Issue ${i}`, "", i % 2 ? ["odd"] : []);
    const res = await fetch(`${s.urls.api}/app/installations/1/access_tokens`, { method: "POST", headers: { authorization: `Bearer ${jwt(7)}` } });
    expect(res.status).toBe(201);
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => s?.close());

  test("the app's JWT must be signed with its key and name its id; tokens are checked", async () => {
    const wrongKey = generateAppKeys();
    const bad = await fetch(`${s.urls.api}/app`, { headers: { authorization: `Bearer ${jwt(7, wrongKey.privateKey)}` } });
    expect(bad.status).toBe(401);
    expect((await fetch(`${s.urls.api}/app`, { headers: { authorization: `Bearer ${jwt(8)}` } })).status).toBe(401);
    expect(((await (await fetch(`${s.urls.api}/app`, { headers: { authorization: `Bearer ${jwt(7)}` } })).json()) as any).slug).toBe("convener");
    expect((await fetch(`${s.urls.api}/repos/acme/site`, { headers: { authorization: "token ghs_nope" } })).status).toBe(401);
  });

  test("contents: raw file, JSON file, directory listing, 404", async () => {
    const raw = await api("/repos/acme/site/contents/.github%2Fconvener.yml", { headers: { accept: "application/vnd.github.v3.raw" } });
    expect(await raw.text()).toBe("dryRun: true\n");
    const file = (await (await api("/repos/acme/site/contents/docs/a.md")).json()) as any;
    expect(Buffer.from(file.content, "base64").toString()).toBe("A");
    const dir = (await (await api("/repos/acme/site/contents/docs")).json()) as any[];
    expect(dir.map((e) => [e.path, e.type])).toEqual([["docs/a.md", "file"], ["docs/sub", "dir"]]);
    expect((await api("/repos/acme/site/contents/nope.yml")).status).toBe(404);
  });

  test("issue lists paginate with GitHub's Link header and filter by labels and state", async () => {
    const first = await api("/repos/acme/site/issues?per_page=10&labels=odd");
    const link = first.headers.get("link")!;
    expect(link).toMatch(/[?&]page=2>; rel="next"/);
    expect(link).toMatch(/[?&]page=2>; rel="last"/);
    expect(((await first.json()) as any[]).length).toBe(10);
    const second = (await (await fetch(/<([^>]+)>; rel="next"/.exec(link)![1]!, { headers: { authorization: `token ${token}` } })).json()) as any[];
    expect(second.length).toBe(7);
  });

  test("writes are made as the app's bot, auto-create labels, and 404 like GitHub", async () => {
    const comment = (await (await api("/repos/acme/site/issues/1/comments", { method: "POST", body: JSON.stringify({ body: "hi" }) })).json()) as any;
    expect(comment.user).toMatchObject({ login: "convener[bot]", type: "Bot" });
    expect(comment.performed_via_github_app).toMatchObject({ id: 7 });
    const labels = (await (await api("/repos/acme/site/issues/1/labels", { method: "POST", body: JSON.stringify({ labels: ["brand-new"] }) })).json()) as any[];
    expect(labels.map((l) => l.name)).toEqual(["brand-new"]);
    expect((await api("/repos/acme/site/issues/1/labels/missing", { method: "DELETE" })).status).toBe(404);
    const timeline = (await (await api("/repos/acme/site/issues/1/timeline")).json()) as any[];
    expect(timeline.map((e) => [e.event, e.actor.login])).toEqual([["commented", "convener[bot]"], ["labeled", "convener[bot]"]]);
    expect((await api("/orgs/acme/teams/mods/memberships/alice")).status).toBe(200);
    expect((await api("/orgs/acme/teams/mods/memberships/bob")).status).toBe(404);
  });

  test("the request log: start and end of each request, GraphQL mutations are writes, a faulted query is still a read", async () => {
    const from = s.requests.length;
    await graphql("query Reading { viewer { login } }");
    await fetch(`${s.urls.web}/api/graphql`, {
      method: "POST", headers: { authorization: `token ${token}` },
      body: JSON.stringify({ query: "# a comment first\nmutation Writing { addComment(input: { subjectId: \"x\", body: \"y\" }) { clientMutationId } }" }),
    });
    s.faults.failNext({ method: "POST", path: "/graphql" }, 1, 502);
    await graphql("query Failing { viewer { login } }");
    await api("/repos/acme/site/issues/2/comments", { method: "POST", body: JSON.stringify({ body: "hi" }) });
    const log = s.requestsSince(from).map((r) => [r.method, r.path, r.operation ?? null, r.write]);
    expect(log).toEqual([
      ["POST", "/graphql", "Reading", false],
      ["POST", "/graphql", "Writing", true],
      ["POST", "/graphql", "Failing", false],
      ["POST", "/repos/acme/site/issues/2/comments", null, true],
    ]);
    for (const r of s.requestsSince(from)) expect(r.endAt).toBeGreaterThanOrEqual(r.at);
  });

  test("latency: every API request takes the configured round trip (settable while running); the control API does not", async () => {
    // Only lower bounds on the slow side, and a round trip far above any load's noise for the fast
    // side: the suites share a loaded machine.
    s.latencyMs = 120;
    const from = s.requests.length;
    try {
      const started = performance.now();
      await api("/repos/acme/site");
      await graphql("{ viewer { login } }");
      expect(performance.now() - started).toBeGreaterThanOrEqual(240);
      s.latencyMs = 5_000;
      const control = performance.now();
      await fetch(`${s.urls.web}/_control/requests`).then((r) => r.arrayBuffer());
      expect(performance.now() - control).toBeLessThan(5_000);
    } finally {
      s.latencyMs = 0;
    }
    const quick = performance.now();
    await api("/repos/acme/site");
    expect(performance.now() - quick).toBeLessThan(5_000);
    const [rest, query] = s.requestsSince(from);
    for (const r of [rest!, query!]) {
      expect(r.ms).toBeGreaterThanOrEqual(119);
      expect(r.endAt - r.at).toBeGreaterThanOrEqual(118);
    }
  });

  test("an endpoint the stand-in does not implement says so", async () => {
    const res = await api("/repos/acme/site/deployments");
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).message).toBe("Not implemented by the Convener stand-in: GET /repos/acme/site/deployments");
  });

  test("GraphQL: GitHub's schema rejects invalid queries; missing users are null with NOT_FOUND; files by expression", async () => {
    const invalid = await graphql("{ repository(owner: \"acme\", name: \"site\") { noSuchField } }");
    expect(invalid.data).toBeUndefined();
    expect(invalid.errors[0].message).toMatch(/Cannot query field "noSuchField" on type "Repository"/);
    const users = await graphql("query($a: String!, $b: String!) { a: user(login: $a) { login } b: user(login: $b) { login } }", { a: "alice", b: "ghost" });
    expect(users.data).toEqual({ a: { login: "alice" }, b: null });
    expect(users.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND", path: ["b"] })]);
    const files = await graphql(`{ repository(owner: "acme", name: "site") {
      defaultBranchRef { target { oid } }
      object(expression: "HEAD:docs") { ... on Tree { entries { name type object { ... on Blob { text } } } } }
      issues(first: 2, labels: ["odd"], states: [OPEN]) { totalCount pageInfo { hasNextPage } nodes { number } }
    } }`);
    expect(files.errors).toBeUndefined();
    expect(files.data.repository.object.entries).toEqual([{ name: "a.md", type: "blob", object: { text: "A" } }, { name: "sub", type: "tree", object: {} }]);
    expect(files.data.repository.issues).toEqual({ totalCount: 17, pageInfo: { hasNextPage: true }, nodes: [{ number: 2 }, { number: 4 }] });
  });

  test("faults: the next matching request fails, a secondary rate limit carries retry-after, then normal service", async () => {
    const from = s.requests.length;
    s.faults.failNext({ method: "GET", path: "/repos/acme/site" }, 1, 502);
    expect((await api("/repos/acme/site")).status).toBe(502);
    s.faults.secondaryRateLimit({ path: "/repos/acme/site" }, 3);
    const limited = await api("/repos/acme/site");
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([403, "3"]);
    expect(((await limited.json()) as any).message).toMatch(/secondary rate limit/);
    expect((await api("/repos/acme/site")).status).toBe(200);
    expect(s.requestsSince(from).filter((r) => r.fault).length).toBe(2);
  });

  test("pull request files page like GitHub: 100 at most per page, Link headers, no more than 3,000 listed", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3005; i++) files[`docs/f${String(i).padStart(4, "0")}.md`] = `${i}`;
    const pr = s.control.as("alice", "acme/site").openPullRequest("Big", "", files, "alice/big");
    const first = await api(`/repos/acme/site/pulls/${pr.number}/files?per_page=500`);
    expect(((await first.json()) as unknown[]).length).toBe(100);
    expect(first.headers.get("link")).toContain(`page=30>; rel="last"`);
    const last = await api(`/repos/acme/site/pulls/${pr.number}/files?per_page=100&page=30`);
    expect(((await last.json()) as { filename: string }[]).at(-1)!.filename).toBe("docs/f2999.md");
    expect(last.headers.get("link")).not.toContain('rel="next"');
    expect(((await (await api(`/repos/acme/site/pulls/${pr.number}`)).json()) as any).changed_files).toBe(3005);
    const gql = await graphql(`query($n: Int!) { repository(owner: "acme", name: "site") { pullRequest(number: $n) { changedFiles files(first: 100, after: "${Buffer.from("cursor:v2:2998").toString("base64")}") { totalCount pageInfo { hasNextPage } nodes { path } } } } }`, { n: pr.number });
    expect(gql.data.repository.pullRequest).toMatchObject({ changedFiles: 3005, files: { totalCount: 3000, pageInfo: { hasNextPage: false }, nodes: [{ path: "docs/f2999.md" }] } });
  });

  test("check runs are append-only: every update adds its annotations; the latest run per name is listed by default", async () => {
    const sha = s.control.repoOf("acme/site").branches.get("main")!;
    const note = (n: number) => ({ path: "docs/a.md", start_line: n, end_line: n, annotation_level: "warning", message: `m${n}` });
    const output = (annotations: unknown[]) => ({ title: "t", summary: "s", annotations });
    const created = await api("/repos/acme/site/check-runs", { method: "POST", body: JSON.stringify({ name: "Lint", head_sha: sha, external_id: "d1", status: "in_progress", output: output([note(1)]) }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    await api(`/repos/acme/site/check-runs/${id}`, { method: "PATCH", body: JSON.stringify({ status: "completed", conclusion: "success", output: output([note(2)]) }) });
    await api(`/repos/acme/site/check-runs/${id}`, { method: "PATCH", body: JSON.stringify({ output: output([note(2)]) }) }); // after completion: still appended
    const annotations = (await (await api(`/repos/acme/site/check-runs/${id}/annotations`)).json()) as { start_line: number }[];
    expect(annotations.map((a) => a.start_line)).toEqual([1, 2, 2]);
    expect((await api(`/repos/acme/site/check-runs/${id}`, { method: "PATCH", body: JSON.stringify({ output: { title: "t" } }) })).status).toBe(422);
    expect((await api("/repos/acme/site/check-runs", { method: "POST", body: JSON.stringify({ name: "Lint", head_sha: sha, status: "completed" }) })).status).toBe(422);
    const second = (await (await api("/repos/acme/site/check-runs", { method: "POST", body: JSON.stringify({ name: "Lint", head_sha: sha, conclusion: "failure", output: output([]) }) })).json()) as { id: number };
    const list = async (filter = "") => ((await (await api(`/repos/acme/site/commits/${sha}/check-runs${filter}`)).json()) as { check_runs: { id: number; external_id: string }[] }).check_runs;
    expect((await list()).map((r) => r.id)).toEqual([second.id]);
    expect((await list("?filter=all")).map((r) => r.id)).toEqual([second.id, id]);
    expect((await list("?filter=all"))[1]!.external_id).toBe("d1");
    const gql = await graphql(`query($sha: GitObjectID!) { repository(owner: "acme", name: "site") { object(oid: $sha) { ... on Commit { checkSuites(first: 5) { nodes { checkRuns(first: 5, filterBy: { checkName: "Lint", checkType: LATEST }) { nodes { databaseId conclusion externalId title summary } } } } } } } }`, { sha });
    expect(gql.data.repository.object.checkSuites.nodes[0].checkRuns.nodes).toEqual([{ databaseId: second.id, conclusion: "FAILURE", externalId: null, title: "t", summary: "s" }]);
  });
});
