import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { runSweepCli } from "../../src/cli/sweep.js";
import { renderMarker } from "../../src/core/markers.js";
import { API } from "../support/github-nock.js";
import { FakeDecisionsGitHub } from "../support/decisions-github.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })) as typeof ProbotOctokit;
const ENV = { APP_ID: "1", PRIVATE_KEY: privateKey, APP_SLUG: "convener" };
const HOUR = 3_600_000;
/** The sweep's clock (the installation tokens' expiry stays on the real one: Octokit checks it). */
const NOW = new Date("2026-11-24T12:00:00Z");

/** A request whose vote (written by the app 80 hours ago) passed its deadline without a tally. */
function staleVote(fake: FakeDecisionsGitHub, number: number): void {
  const opened = new Date(NOW.getTime() - 80 * HOUR);
  const issue = fake.addIssue(number, ["group-request", "working-group", "group/ready", "vote/open"]);
  const marker = renderMarker(`decisions:vote:1`, { opened: opened.toISOString(), deadline: new Date(opened.getTime() + 72 * HOUR).toISOString(), electorate: ["mod1", "mod2"], calledBy: 1 });
  issue.comments.push({ id: 900 + number, body: `${marker}\nvote`, author: "convener[bot]", byApp: true, createdAt: opened.toISOString(), lastEditedAt: null, reactions: [] });
  fake.addComment(number, "mod1", "/vote yes", new Date(opened.getTime() + HOUR));
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await runSweepCli(args, { env: ENV, write: (t) => void (out += t), Octokit, clock: () => NOW });
  return { code, out };
}

describe("convener sweep (real app authentication: JWT, then an installation token)", () => {
  let fake: FakeDecisionsGitHub;
  let tokens: number;

  beforeEach(() => {
    nock.disableNetConnect();
    fake = new FakeDecisionsGitHub();
    fake.nock();
    tokens = 0;
    nock(API)
      .persist()
      .post("/app/installations/1/access_tokens")
      .reply(201, () => {
        tokens++;
        return { token: "ghs_test", expires_at: new Date(Date.now() + HOUR).toISOString(), permissions: {}, repository_selection: "all" };
      });
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("without --confirm it prints the plan and writes nothing", async () => {
    staleVote(fake, 21);
    const { code, out } = await cli([]);
    expect(code).toBe(0);
    expect(fake.writes).toEqual([]);
    expect(tokens).toBe(1);
    expect(out).toContain("Codertocat/Hello-World#21: post comment");
    expect(out).toContain("add labels vote/passed, group/approved");
    expect(out).toContain("dry run, nothing written; add --confirm to apply");
  });

  test("with --confirm it writes the result once; a second run has nothing to do", async () => {
    staleVote(fake, 22);
    const first = await cli(["--confirm"]);
    expect(first.code).toBe(0);
    expect(fake.appComments(22, '"outcome":"passed"')).toHaveLength(1);
    expect(first.out).toMatch(/sweep: \d+ planned, \d+ applied, 0 left/);
    const second = await cli(["--confirm"]);
    expect(second.out).toContain("sweep: 0 planned, 0 applied, 0 left");
    expect(fake.appComments(22, "decisions:result:")).toHaveLength(1);
  });

  test("the write cap leaves work for the next run, which finishes it", async () => {
    staleVote(fake, 23);
    staleVote(fake, 24);
    const capped = await cli(["--confirm", "--max-writes", "2"]);
    expect(capped.out).toMatch(/2 applied, [1-9]\d* left for the next run/);
    const writesAfterCap = fake.writes.filter((w) => !w.startsWith("delete")).length;
    expect(writesAfterCap).toBeLessThanOrEqual(2);
    await cli(["--confirm"]);
    for (const n of [23, 24]) expect(fake.appComments(n, "decisions:result:")).toHaveLength(1);
    expect((await cli(["--confirm"])).out).toContain("0 planned");
  });

  test("--repo limits the sweep; bad arguments and a missing key are refused", async () => {
    staleVote(fake, 25);
    const other = await cli(["--repo", "someone/else", "--confirm"]);
    expect(other.out).toContain("0 action(s)".replace("action(s)", "planned"));
    expect(fake.writes).toEqual([]);
    expect((await cli(["--repo", "not a repo"])).code).toBe(2);
    expect((await cli(["--max-writes", "lots"])).code).toBe(2);
    let out = "";
    expect(await runSweepCli([], { env: {}, write: (t) => void (out += t) })).toBe(2);
    expect(out).toContain("needs APP_ID and PRIVATE_KEY");
  });
});

describe("convener sweep: one failing repository does not stop the others", () => {
  let fake: FakeDecisionsGitHub;

  beforeEach(() => {
    nock.disableNetConnect();
    // Registered before the fake's own interceptors, so these answers win: a second installation whose
    // token cannot be made (suspended), and a repository listed first whose config read fails.
    nock(API).persist().get("/app/installations").query(true).reply(200, [{ id: 2, account: { login: "suspended" } }, { id: 1, account: { login: "Codertocat" } }]);
    nock(API).persist().post("/app/installations/2/access_tokens").reply(403, { message: "This installation has been suspended" });
    nock(API).persist().get("/installation/repositories").query(true).reply(200, {
      total_count: 2,
      repositories: [{ name: "Broken", owner: { login: "Codertocat" } }, { name: "Hello-World", owner: { login: "Codertocat" } }],
    });
    nock(API).persist().get(`/repos/Codertocat/Broken/contents/${encodeURIComponent(".github/convener.yml")}`).reply(500, { message: "Server Error" });
    nock(API)
      .persist()
      .post("/app/installations/1/access_tokens")
      .reply(201, () => ({ token: "ghs_test", expires_at: new Date(Date.now() + HOUR).toISOString(), permissions: {}, repository_selection: "all" }));
    fake = new FakeDecisionsGitHub();
    fake.nock();
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("the failures are reported, the healthy repository is still swept", async () => {
    staleVote(fake, 26);
    const { code, out } = await cli(["--confirm"]);
    expect(fake.appComments(26, '"outcome":"passed"')).toHaveLength(1);
    expect(out).toContain("Codertocat/Broken");
    expect(out).toMatch(/error: .*Server Error/);
    expect(out).toMatch(/installation 2 .*suspended/);
    expect(code).toBe(1);
  });
});
