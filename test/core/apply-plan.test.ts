import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { applyPlan } from "../../src/core/apply-plan.js";
import { renderDuplicateNotice } from "../../src/core/create-issue.js";
import { forgetAllLabelIds, rememberLabelIds } from "../../src/core/label-ids.js";
import { renderMarker } from "../../src/core/markers.js";
import type { Action, CheckAnnotation } from "../../src/core/plan.js";
import { forgetAllWriteIds } from "../../src/core/write-ids.js";
import type { Issue } from "../../sandbox/src/state.js";
import { StandIn } from "../../sandbox/src/stand-in.js";
import { expectGolden } from "../golden/expect-golden.js";

/** applyPlan against the stand-in: what each action does to GitHub's state, and in how many requests. */
const TOKEN = "apply-plan-token";
const silent = { info() {}, warn() {}, error() {}, debug() {} };
let s: StandIn;
let identity: { appId: number; login: string };
const target = { owner: "o", repo: "r", issue: 1 };

beforeAll(async () => {
  s = await StandIn.start({ webhookSecret: "x" });
  s.tokens.add(TOKEN);
  identity = { appId: s.state.app.id, login: s.state.app.botLogin };
});
afterAll(async () => s?.close());
beforeEach(() => {
  s.state.repos.clear();
  s.control.repo("o/r", { "seps/1-x.md": "x" });
  s.control.seedIssue("o/r", "alice", "An issue", "", ["existing"]);
  s.faults.clear();
  forgetAllLabelIds();
  forgetAllWriteIds();
});

function octokit() {
  const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  return new Octokit({ auth: { token: TOKEN }, baseUrl: s.urls.api }) as any;
}

async function apply(actions: Action[], payload?: unknown) {
  const from = s.requests.length;
  const result = await applyPlan(octokit(), actions, { dryRun: false, log: silent, identity, ...(payload ? { payload } : {}) });
  const requests = s.requestsSince(from).map((r) => `${r.method} ${r.path}${r.operation ? ` ${r.operation}` : ""}`);
  return { result, requests, writes: s.requestsSince(from).filter((r) => r.write).length };
}

const issue = (n = 1): Issue => s.control.issueOf("o/r", n);
/** What the app's webhook payload says of the issue (its ids spare the writes a lookup). */
const payloadOf = async () => {
  const get = async (path: string) => (await fetch(`${s.urls.api}${path}`, { headers: { authorization: `token ${TOKEN}` } })).json();
  return { repository: await get("/repos/o/r"), issue: await get("/repos/o/r/issues/1") };
};

describe("applyPlan: the writes of a plan go out as one GraphQL document", () => {
  test("comment, labels (added and removed) and closing: one request when the payload carried the ids", async () => {
    const payload = await payloadOf();
    rememberLabelIds({ owner: "o", repo: "r" }, [{ name: "group/approved", node_id: (await (await fetch(`${s.urls.api}/repos/o/r/labels`, { method: "POST", headers: { authorization: `token ${TOKEN}` }, body: JSON.stringify({ name: "group/approved" }) })).json() as any).node_id }]);
    const { requests, result } = await apply([
      { kind: "comment.create", target, body: "hi", reason: "r" },
      { kind: "labels.add", target, labels: ["group/approved"], reason: "r" },
      { kind: "label.remove", target, label: "existing", reason: "r" },
      { kind: "issue.update", target, state: "closed", stateReason: "not_planned", reason: "r" },
    ], payload);
    expect(requests).toEqual(["POST /graphql ConvenerWrites"]);
    expect(result.applied).toBe(4);
    expect(issue().comments.map((c) => c.body)).toEqual(["hi"]);
    expect(issue().labels).toEqual(["group/approved"]);
    expect([issue().state, issue().state_reason]).toEqual(["closed", "not_planned"]);
  });

  test("ids nobody passed on: one lookup query, then the one write; a label the repository lacks is created once", async () => {
    const first = await apply([{ kind: "labels.add", target, labels: ["a", "b c"], reason: "r" }, { kind: "comment.create", target, body: "x", reason: "r" }]);
    expect(first.requests).toEqual(["POST /graphql ConvenerWriteIds", "POST /graphql ConvenerWrites", "POST /graphql ConvenerWrites"]);
    expect(issue().labels).toEqual(["existing", "a", "b c"]);
    // The ids are remembered: the next event with the same needs writes at once.
    s.control.issueOf("o/r", 1).labels = ["existing"];
    const second = await apply([{ kind: "labels.add", target, labels: ["a"], reason: "r" }]);
    expect(second.requests).toEqual(["POST /graphql ConvenerWrites"]);
  });

  test("gathers' node ids: comment.update and comment.delete by nodeId, issue.update title and reopen", async () => {
    const payload = await payloadOf();
    s.control.as("alice", "o/r");
    const c1 = s.changes.addComment(s.control.repoOf("o/r"), issue(), identity.login, "old", true);
    const c2 = s.changes.addComment(s.control.repoOf("o/r"), issue(), identity.login, "bye", true);
    const comments = await (await fetch(`${s.urls.api}/repos/o/r/issues/1/comments`, { headers: { authorization: `token ${TOKEN}` } })).json() as any[];
    s.changes.setState(s.control.repoOf("o/r"), issue(), "alice", "closed");
    const { requests } = await apply([
      { kind: "comment.update", target, commentId: c1.id, nodeId: comments[0].node_id, body: "new", reason: "r" },
      { kind: "comment.delete", target, commentId: c2.id, nodeId: comments[1].node_id, reason: "r" },
      { kind: "issue.update", target, title: "T", state: "open", stateReason: "reopened", reason: "r" },
    ], payload);
    expect(requests).toEqual(["POST /graphql ConvenerWrites"]);
    expect(issue().comments.map((c) => c.body)).toEqual(["new"]);
    expect([issue().title, issue().state]).toEqual(["T", "open"]);
  });

  test("a comment id without its node id: read over REST, then written", async () => {
    const c = s.changes.addComment(s.control.repoOf("o/r"), issue(), identity.login, "old", true);
    const { requests } = await apply([{ kind: "comment.update", target, commentId: c.id, body: "new", reason: "r" }], await payloadOf());
    expect(requests).toEqual([`GET /repos/o/r/issues/comments/${c.id}`, "POST /graphql ConvenerWrites"]);
    expect(c.body).toBe("new");
  });

  test("label.remove and comment.delete of what is already gone: the goal holds, the rest of the plan applies", async () => {
    const payload = await payloadOf();
    const c = s.changes.addComment(s.control.repoOf("o/r"), issue(), identity.login, "x", true);
    const comments = await (await fetch(`${s.urls.api}/repos/o/r/issues/1/comments`, { headers: { authorization: `token ${TOKEN}` } })).json() as any[];
    s.changes.deleteComment(s.control.repoOf("o/r"), issue(), c, "alice");
    s.control.seedIssue("o/r", "alice", "Other", "", ["elsewhere"]);
    const { result } = await apply([
      { kind: "label.remove", target, label: "elsewhere", reason: "r" }, // a label of the repository, not on the issue
      { kind: "label.remove", target, label: "never-existed", reason: "r" },
      { kind: "comment.delete", target, commentId: c.id, nodeId: comments[0].node_id, reason: "r" },
      { kind: "comment.create", target, body: "next", reason: "r" },
    ], payload);
    expect(result.applied).toBe(4);
    expect(issue().comments.map((x) => x.body)).toEqual(["next"]);
  });

  test("a field GitHub refuses fails the call (the delivery then fails), after the others applied", async () => {
    const payload = await payloadOf();
    await expect(apply([
      { kind: "comment.create", target, body: "applied", reason: "r" },
      { kind: "comment.update", target, commentId: 1, nodeId: "SXNzdWVDb21tZW50Ojk5OTk5", body: "x", reason: "r" },
    ], payload)).rejects.toThrow(/m1: NOT_FOUND/);
    expect(issue().comments.map((x) => x.body)).toEqual(["applied"]);
  });

  test("a write to an issue that does not exist fails, as REST's 404 did", async () => {
    await expect(apply([{ kind: "comment.create", target: { ...target, issue: 99 }, body: "x", reason: "r" }])).rejects.toMatchObject({ status: 404 });
  });

  test("commit.comment stays REST", async () => {
    const sha = s.control.repoOf("o/r").branches.get("main")!;
    const { requests } = await apply([{ kind: "commit.comment", target: { owner: "o", repo: "r" }, sha, body: "late", reason: "r" }]);
    expect(requests).toEqual([`POST /repos/o/r/commits/${sha}/comments`]);
  });

  test("dry run sends nothing", async () => {
    const from = s.requests.length;
    const result = await applyPlan(octokit(), [{ kind: "comment.create", target, body: "x", reason: "r" }], { dryRun: true, log: silent, identity });
    expect(result.planned).toHaveLength(1);
    expect(s.requests.length).toBe(from);
  });
});

describe("applyPlan: sticky comment created by two deliveries at once", () => {
  const marker = "intake";
  const body = `${renderMarker(marker)}\nresult`;

  test("after creating, duplicate app comments are deleted and the oldest is kept; a user's copy is never touched", async () => {
    const repo = s.control.repoOf("o/r");
    s.changes.addComment(repo, issue(), "mallory", body);
    const twin = s.changes.addComment(repo, issue(), identity.login, body, true); // the concurrent delivery's comment: the oldest app one, kept
    const { requests } = await apply([{ kind: "comment.create", target, body, marker, reason: "r" }], await payloadOf());
    // The add reads the issue's newest comments back in the same request: no read of its own.
    expect(requests).toEqual(["POST /graphql ConvenerWrites", "POST /graphql ConvenerWrites"]);
    expect(issue().comments.map((c) => [c.user, c.id])).toEqual([["mallory", expect.any(Number)], [identity.login, twin.id]]);
  });

  test("no duplicate: nothing is deleted", async () => {
    const { requests } = await apply([{ kind: "comment.create", target, body, marker, reason: "r" }], await payloadOf());
    expect(requests).toEqual(["POST /graphql ConvenerWrites"]);
    expect(issue().comments).toHaveLength(1);
  });
});

describe("applyPlan: check runs", () => {
  const annotations = (n: number): CheckAnnotation[] =>
    Array.from({ length: n }, (_, i) => ({ path: "seps/1-x.md", start_line: i + 1, end_line: i + 1, annotation_level: "warning", message: `m${i}` }));
  const check = (n: number): Action => ({
    kind: "check.create",
    target: { owner: "o", repo: "r" },
    name: "SEP metadata",
    headSha: s.control.repoOf("o/r").branches.get("main")!,
    externalId: "delivery-1",
    conclusion: "failure",
    completedAt: "2026-06-01T00:00:00Z",
    title: "t",
    summary: "s",
    annotations: annotations(n),
    reason: "r",
  });
  const payload = async () => ({ repository: (await payloadOf()).repository });

  test("120 annotations: a create in progress, then the 2 updates in one more document; only the last completes the run", async () => {
    const { requests } = await apply([check(120)], await payload());
    expect(requests).toEqual(["POST /graphql ConvenerWrites", "POST /graphql ConvenerWrites"]);
    const [run] = s.control.repoOf("o/r").checkRuns;
    expect(run!.annotations.map((a) => a.start_line)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect([run!.status, run!.conclusion, run!.completed_at, run!.external_id]).toEqual(["completed", "failure", "2026-06-01T00:00:00Z", "delivery-1"]);
  });

  test("up to 50 annotations: one create, completed at once", async () => {
    const { requests } = await apply([check(50)], await payload());
    expect(requests).toEqual(["POST /graphql ConvenerWrites"]);
    const [run] = s.control.repoOf("o/r").checkRuns;
    expect([run!.status, run!.conclusion, run!.annotations.length]).toEqual(["completed", "failure", 50]);
  });

  test("no annotations, repository id unknown: one lookup, one create", async () => {
    const { requests } = await apply([check(0)]);
    expect(requests).toEqual(["POST /graphql ConvenerWriteIds", "POST /graphql ConvenerWrites"]);
    expect(s.control.repoOf("o/r").checkRuns[0]!.status).toBe("completed");
  });
});

describe("applyPlan: issue.create re-checks its dedupe marker", () => {
  const marker = "notes:auth-ig:2026-01-05";
  const create = (comments?: string[]): Action => ({
    kind: "issue.create", target: { owner: "o", repo: "r" }, title: "[notes] auth-ig 2026-01-05",
    body: `${renderMarker(marker)}\nagenda`, labels: ["notes"], marker, reason: "r", ...(comments ? { comments } : {}),
  });
  const openAsApp = (body: string) => s.changes.openIssue(s.control.repoOf("o/r"), identity.login, { title: "t", body, labels: ["notes"] });

  test("no issue of the app carries the marker: lists the app's issues, opens one, then lists again for a racing twin", async () => {
    openAsApp(renderMarker("notes:auth-ig:2025-12-01"));
    const { requests } = await apply([create()]);
    expect(requests).toEqual(["GET /repos/o/r/issues", "POST /repos/o/r/issues", "GET /repos/o/r/issues"]);
    expect(issue(3).title).toBe("[notes] auth-ig 2026-01-05");
  });

  test("the closing comment of a duplicate (golden): a link to the survivor, no mention", () => expectGolden("duplicate-issue", renderDuplicateNotice(900)));

  test("two runs racing: the later issue is closed (not deleted) with a link, and only the survivor posts the comments", async () => {
    // Both re-checks are answered only after both were asked: neither sees the other's issue before
    // creating. The hold is long enough for a loaded machine to send the second one meanwhile.
    s.faults.delay({ method: "GET", path: "/repos/o/r/issues" }, 1_500, 2);
    await Promise.all([apply([create(["@lead please look"])]), apply([create(["@lead please look"])])]);
    expect([issue(2).state, issue(3).state, issue(3).state_reason]).toEqual(["open", "closed", "not_planned"]);
    expect(issue(2).comments.map((c) => c.body)).toEqual(["@lead please look"]);
    expect(issue(3).comments.map((c) => c.body)).toEqual([renderDuplicateNotice(2)]);
  });

  test("a redelivery finds the issue the app opened (even closed) and opens nothing", async () => {
    const own = openAsApp(`${renderMarker(marker)}\nagenda`);
    s.changes.setState(s.control.repoOf("o/r"), own, identity.login, "closed");
    const { requests } = await apply([create()]);
    expect(requests).toEqual(["GET /repos/o/r/issues"]);
  });

  test("a user's issue carrying a copy of the marker does not stop the app opening its own", async () => {
    s.changes.openIssue(s.control.repoOf("o/r"), "mallory", { title: "t", body: renderMarker(marker), labels: ["notes"] });
    const { requests } = await apply([create(["@lead please look"])]);
    expect(requests).toEqual(["GET /repos/o/r/issues", "POST /repos/o/r/issues", "GET /repos/o/r/issues", "POST /repos/o/r/issues/3/comments"]);
  });
});
