import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { applyPlan } from "../../src/core/apply-plan.js";
import { renderDuplicateNotice } from "../../src/core/create-issue.js";
import { expectGolden } from "../golden/expect-golden.js";
import { renderMarker } from "../../src/core/markers.js";
import type { Action, CheckAnnotation } from "../../src/core/plan.js";
import { API, createTestOctokit } from "../support/core-octokit.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const identity = { appId: 42, login: "convener[bot]" };
const target = { owner: "o", repo: "r", issue: 7 };
const silent = { info() {}, warn() {}, error() {}, debug() {} };

async function apply(actions: Action[]) {
  const { octokit, requests } = createTestOctokit();
  const result = await applyPlan(octokit, actions, { dryRun: false, log: silent, identity });
  return { result, requests };
}

describe("applyPlan: each action hits its endpoint", () => {
  test("comment.create without a marker posts the comment and nothing else", async () => {
    const scope = nock(API).post("/repos/o/r/issues/7/comments", { body: "hi" }).reply(201, { id: 1 });
    const { result, requests } = await apply([{ kind: "comment.create", target, body: "hi", reason: "r" }]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toEqual(["POST /repos/o/r/issues/7/comments"]);
    expect(result.applied).toBe(1);
  });

  test("comment.update, comment.delete", async () => {
    const scope = nock(API)
      .patch("/repos/o/r/issues/comments/11", { body: "new" }).reply(200, {})
      .delete("/repos/o/r/issues/comments/12").reply(204);
    await apply([
      { kind: "comment.update", target, commentId: 11, body: "new", reason: "r" },
      { kind: "comment.delete", target, commentId: 12, reason: "r" },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  test("labels.add sends all labels in one request", async () => {
    const scope = nock(API).post("/repos/o/r/issues/7/labels", { labels: ["a", "b c"] }).reply(200, []);
    const { requests } = await apply([{ kind: "labels.add", target, labels: ["a", "b c"], reason: "r" }]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toHaveLength(1);
  });

  test("label.remove encodes the label name (slashes, spaces)", async () => {
    const scope = nock(API).delete("/repos/o/r/issues/7/labels/group%2Fneeds%20changes").reply(200, []);
    await apply([{ kind: "label.remove", target, label: "group/needs changes", reason: "r" }]);
    expect(scope.isDone()).toBe(true);
  });

  test("label.remove tolerates 404 (already gone) and carries on with the plan", async () => {
    const scope = nock(API)
      .delete("/repos/o/r/issues/7/labels/gone").reply(404, { message: "Label does not exist" })
      .post("/repos/o/r/issues/7/labels", { labels: ["next"] }).reply(200, []);
    const { result } = await apply([
      { kind: "label.remove", target, label: "gone", reason: "r" },
      { kind: "labels.add", target, labels: ["next"], reason: "r" },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(result.applied).toBe(2);
  });

  test("label.remove does not swallow other errors", async () => {
    nock(API).delete("/repos/o/r/issues/7/labels/x").reply(403, { message: "Resource not accessible by integration" });
    await expect(apply([{ kind: "label.remove", target, label: "x", reason: "r" }])).rejects.toMatchObject({ status: 403 });
  });

  test("issue.update sends the fields and state_reason in GitHub's spelling", async () => {
    const scope = nock(API)
      .patch("/repos/o/r/issues/7", { title: "T", state: "closed", state_reason: "not_planned" })
      .reply(200, {});
    await apply([{ kind: "issue.update", target, title: "T", state: "closed", stateReason: "not_planned", reason: "r" }]);
    expect(scope.isDone()).toBe(true);
  });

  test("commit.comment", async () => {
    const scope = nock(API).post("/repos/o/r/commits/abc1234/comments", { body: "late" }).reply(201, {});
    await apply([{ kind: "commit.comment", target: { owner: "o", repo: "r" }, sha: "abc1234", body: "late", reason: "r" }]);
    expect(scope.isDone()).toBe(true);
  });
});

describe("applyPlan: sticky comment created by two deliveries at once", () => {
  const marker = "intake";
  const body = `${renderMarker(marker)}\nresult`;
  const appComment = (id: number) => ({ id, body, user: { login: "convener[bot]", type: "Bot" }, performed_via_github_app: { id: 42 } });

  test("after creating, duplicate app comments are deleted and the oldest is kept; a user's copy is never touched", async () => {
    const scope = nock(API)
      .post("/repos/o/r/issues/7/comments").reply(201, { id: 30 })
      .get("/repos/o/r/issues/7/comments").query(true)
      .reply(200, [
        { id: 5, body, user: { login: "mallory", type: "User" }, performed_via_github_app: null },
        appComment(20), // the concurrent delivery's comment: the oldest app one, kept
        appComment(30), // ours: deleted
      ])
      .delete("/repos/o/r/issues/comments/30").reply(204);
    const { requests } = await apply([{ kind: "comment.create", target, body, marker, reason: "r" }]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toEqual(["POST /repos/o/r/issues/7/comments", "GET /repos/o/r/issues/7/comments", "DELETE /repos/o/r/issues/comments/30"]);
  });

  test("the racing delivery already deleted the duplicate (404): tolerated, the goal holds", async () => {
    const scope = nock(API)
      .post("/repos/o/r/issues/7/comments").reply(201, { id: 20 })
      .get("/repos/o/r/issues/7/comments").query(true).reply(200, [appComment(20), appComment(30)])
      .delete("/repos/o/r/issues/comments/30").reply(404, { message: "Not Found" });
    const { result } = await apply([{ kind: "comment.create", target, body, marker, reason: "r" }]);
    expect(scope.isDone()).toBe(true);
    expect(result.applied).toBe(1);
  });

  test("comment.delete of a comment already gone (404) is tolerated", async () => {
    const scope = nock(API).delete("/repos/o/r/issues/comments/12").reply(404, {});
    await apply([{ kind: "comment.delete", target, commentId: 12, reason: "r" }]);
    expect(scope.isDone()).toBe(true);
  });

  test("no duplicate: nothing is deleted", async () => {
    const scope = nock(API)
      .post("/repos/o/r/issues/7/comments").reply(201, { id: 30 })
      .get("/repos/o/r/issues/7/comments").query(true).reply(200, [appComment(30)]);
    const { requests } = await apply([{ kind: "comment.create", target, body, marker, reason: "r" }]);
    expect(scope.isDone()).toBe(true);
    expect(requests.filter((r) => r.startsWith("DELETE"))).toEqual([]);
  });
});

describe("applyPlan: check runs", () => {
  const annotations = (n: number): CheckAnnotation[] =>
    Array.from({ length: n }, (_, i) => ({ path: "seps/1-x.md", start_line: i + 1, end_line: i + 1, annotation_level: "warning", message: `m${i}` }));
  const check = (n: number): Action => ({
    kind: "check.create",
    target: { owner: "o", repo: "r" },
    name: "SEP metadata",
    headSha: "abc",
    externalId: "delivery-1",
    conclusion: "failure",
    completedAt: "2026-06-01T00:00:00.000Z",
    title: "t",
    summary: "s",
    annotations: annotations(n),
    reason: "r",
  });

  test("120 annotations: a create in progress, then 2 updates; only the last one completes the run", async () => {
    const bodies: any[] = [];
    const scope = nock(API)
      .post("/repos/o/r/check-runs", (b) => (bodies.push(b), b.name === "SEP metadata" && b.head_sha === "abc" && b.external_id === "delivery-1"))
      .reply(201, { id: 99 })
      .patch("/repos/o/r/check-runs/99", (b) => (bodies.push(b), true))
      .times(2)
      .reply(200, {});
    const { requests } = await apply([check(120)]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toEqual(["POST /repos/o/r/check-runs", "PATCH /repos/o/r/check-runs/99", "PATCH /repos/o/r/check-runs/99"]);
    expect(bodies.map((b) => b.output.annotations.length)).toEqual([50, 50, 20]);
    expect(bodies.flatMap((b) => b.output.annotations.map((a: CheckAnnotation) => a.start_line))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(bodies.map((b) => [b.status, b.conclusion])).toEqual([["in_progress", undefined], [undefined, undefined], ["completed", "failure"]]);
    expect(bodies[2].completed_at).toBe("2026-06-01T00:00:00.000Z");
  });

  test("up to 50 annotations: one create, completed at once", async () => {
    const scope = nock(API).post("/repos/o/r/check-runs", (b) => b.status === "completed" && b.conclusion === "failure" && b.output.annotations.length === 50).reply(201, { id: 1 });
    const { requests } = await apply([check(50)]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toEqual(["POST /repos/o/r/check-runs"]);
  });

  test("no annotations: one create", async () => {
    const scope = nock(API).post("/repos/o/r/check-runs", (b) => b.output.annotations.length === 0 && b.status === "completed").reply(201, { id: 2 });
    const { requests } = await apply([check(0)]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toEqual(["POST /repos/o/r/check-runs"]);
  });
});

describe("applyPlan: issue.create re-checks its dedupe marker", () => {
  const create: Action = {
    kind: "issue.create", target: { owner: "o", repo: "r" }, title: "[notes] auth-ig 2026-01-05",
    body: `${renderMarker("notes:auth-ig:2026-01-05")}\nagenda`, labels: ["notes"], marker: "notes:auth-ig:2026-01-05", reason: "r",
  };

  const own = (number: number, state = "open") => ({ id: 100 + number, number, state, body: create.kind === "issue.create" ? create.body : "", user: { login: "convener[bot]" }, performed_via_github_app: { id: 42 } });

  test("no issue of the app carries the marker: lists the app's issues (all states), opens one, then lists again for a racing twin", async () => {
    const scope = nock(API)
      .get("/repos/o/r/issues").query({ creator: "convener[bot]", labels: "notes", state: "all", sort: "created", direction: "desc", per_page: "100", page: "1" })
      .reply(200, [{ id: 1, number: 3, body: renderMarker("notes:auth-ig:2025-12-01"), user: { login: "convener[bot]" } }])
      .post("/repos/o/r/issues", { title: "[notes] auth-ig 2026-01-05", body: create.kind === "issue.create" ? create.body : "", labels: ["notes"] })
      .reply(201, { number: 9 })
      .get("/repos/o/r/issues").query({ creator: "convener[bot]", labels: "notes", state: "all", sort: "created", direction: "desc", per_page: "100", page: "1" })
      .reply(200, [own(9)]);
    const { requests } = await apply([create]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toEqual(["GET /repos/o/r/issues", "POST /repos/o/r/issues", "GET /repos/o/r/issues"]);
  });

  test("the closing comment of a duplicate (golden): a link to the survivor, no mention", () => expectGolden("duplicate-issue", renderDuplicateNotice(900)));

  test("a concurrent run opened the same issue first: ours is closed (not deleted) with a link, and its comments are never posted", async () => {
    const withComments: Action = { ...(create as Extract<Action, { kind: "issue.create" }>), comments: ["@lead please look"] };
    const scope = nock(API)
      .get("/repos/o/r/issues").query(true).reply(200, [])
      .post("/repos/o/r/issues").reply(201, { number: 9 })
      .get("/repos/o/r/issues").query(true).reply(200, [own(9), own(8)])
      .post("/repos/o/r/issues/9/comments", (b: { body: string }) => b.body.includes("duplicate of #8") && !b.body.includes("@lead"))
      .reply(201, { id: 5 })
      .patch("/repos/o/r/issues/9", { state: "closed", state_reason: "not_planned" }).reply(200, {});
    const { requests } = await apply([withComments]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toEqual(["GET /repos/o/r/issues", "POST /repos/o/r/issues", "GET /repos/o/r/issues", "POST /repos/o/r/issues/9/comments", "PATCH /repos/o/r/issues/9"]);
  });

  test("ours is the oldest of two racing issues: it stays open and posts its comments (the twin closes itself)", async () => {
    const withComments: Action = { ...(create as Extract<Action, { kind: "issue.create" }>), comments: ["@lead please look"] };
    const scope = nock(API)
      .get("/repos/o/r/issues").query(true).reply(200, [])
      .post("/repos/o/r/issues").reply(201, { number: 9 })
      .get("/repos/o/r/issues").query(true).reply(200, [own(10), own(9)])
      .post("/repos/o/r/issues/9/comments", { body: "@lead please look" }).reply(201, { id: 5 });
    const { requests } = await apply([withComments]);
    expect(scope.isDone()).toBe(true);
    expect(requests).toEqual(["GET /repos/o/r/issues", "POST /repos/o/r/issues", "GET /repos/o/r/issues", "POST /repos/o/r/issues/9/comments"]);
  });

  test("a redelivery finds the issue the app opened (even closed) and opens nothing", async () => {
    nock(API).get("/repos/o/r/issues").query(true)
      .reply(200, [{ id: 8, number: 9, state: "closed", body: `${renderMarker("notes:auth-ig:2026-01-05")}\nagenda`, user: { login: "convener[bot]" }, performed_via_github_app: { id: 42 } }]);
    const { requests } = await apply([create]);
    expect(requests).toEqual(["GET /repos/o/r/issues"]);
  });

  test("a user's issue carrying a copy of the marker does not stop the app opening its own", async () => {
    const scope = nock(API)
      .get("/repos/o/r/issues").query(true)
      .reply(200, [{ id: 2, number: 4, body: renderMarker("notes:auth-ig:2026-01-05"), user: { login: "mallory" }, performed_via_github_app: null }])
      .post("/repos/o/r/issues").reply(201, { number: 9 })
      .get("/repos/o/r/issues").query(true)
      .reply(200, [own(9), { id: 2, number: 4, body: renderMarker("notes:auth-ig:2026-01-05"), user: { login: "mallory" }, performed_via_github_app: null }]);
    await apply([create]);
    expect(scope.isDone()).toBe(true);
  });
});
