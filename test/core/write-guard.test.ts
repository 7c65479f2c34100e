import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { applyPlan } from "../../src/core/apply-plan.js";
import { createGitHubReader } from "../../src/core/github.js";
import type { Plan } from "../../src/core/plan.js";
import { WriteRefusedError, guardWrites, isReadRequest } from "../../src/core/write-guard.js";
import { API, createTestOctokit } from "../support/core-octokit.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const target = { owner: "o", repo: "r", issue: 1 };

describe("isReadRequest", () => {
  test.each([
    ["GET", "/repos/o/r", undefined, true],
    ["HEAD", "/repos/o/r", undefined, true],
    ["POST", "/graphql", "query { viewer { login } }", true],
    ["POST", "/graphql", "{ viewer { login } }", true],
    ["POST", "/api/graphql", "query Q { viewer { login } }", true], // GitHub Enterprise path
    ["POST", "/graphql", "query { search(query: \"mutation testing\", type: REPOSITORY, first: 1) { repositoryCount } }", false], // refused: safe side
    ["POST", "/graphql", "mutation { addComment(input: {}) { clientMutationId } }", false],
    ["POST", "/graphql", "  # leading comment\n  mutation M { x }", false],
    ["POST", "/graphql", "query A { viewer { login } }\nmutation B { addComment(input: {}) { clientMutationId } }", false],
    ["POST", "/graphql", "fragment F on User { login }\nmutation B { x }", false],
    ["POST", "/graphql", "query A { viewer { login } } mutation{x}", false],
    ["POST", "/graphql", undefined, false],
    ["POST", "/repos/o/r/issues/1/comments", undefined, false],
    ["PATCH", "/repos/o/r/issues/comments/1", undefined, false],
    ["PUT", "/repos/o/r/contents/x", undefined, false],
    ["DELETE", "/repos/o/r/issues/1/labels/x", undefined, false],
  ])("%s %s %p → read: %p", (method, url, query, read) => {
    expect(isReadRequest({ method, url, query })).toBe(read);
  });
});

describe("guardWrites on a real Octokit", () => {
  test("GET goes through", async () => {
    const scope = nock(API).get("/repos/o/r").reply(200, { id: 1 });
    const { octokit } = createTestOctokit();
    guardWrites(octokit);
    expect((await octokit.request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" })).data).toEqual({ id: 1 });
    expect(scope.isDone()).toBe(true);
  });

  test.each([
    ["POST", () => (o: any) => o.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "o", repo: "r", issue_number: 1, body: "x" })],
    ["PATCH", () => (o: any) => o.rest.issues.updateComment({ owner: "o", repo: "r", comment_id: 1, body: "x" })],
    ["DELETE", () => (o: any) => o.rest.issues.removeLabel({ owner: "o", repo: "r", issue_number: 1, name: "x" })],
    ["PUT", () => (o: any) => o.request("PUT /repos/{owner}/{repo}/issues/{issue_number}/labels", { owner: "o", repo: "r", issue_number: 1, labels: [] })],
  ])("%s is refused before it leaves the process", async (_method, make) => {
    // Interceptors that would answer: if the guard let the write out, nock would serve it.
    const scope = nock(API).persist().intercept(/.*/, _method).reply(200, {});
    const { octokit } = createTestOctokit();
    guardWrites(octokit);
    await expect(make()(octokit)).rejects.toBeInstanceOf(WriteRefusedError);
    expect(scope.isDone()).toBe(false);
  });

  test("a GraphQL query is allowed; a mutation is refused and never sent", async () => {
    const seen: string[] = [];
    nock(API)
      .persist()
      .post("/graphql")
      .reply((_uri, body: any) => {
        seen.push(body.query);
        return [200, { data: { viewer: { login: "convener[bot]" } } }];
      });
    const { octokit } = createTestOctokit();
    guardWrites(octokit);
    expect(await octokit.graphql("query { viewer { login } }")).toEqual({ viewer: { login: "convener[bot]" } });
    await expect(octokit.graphql("mutation { addComment(input: { subjectId: \"x\", body: \"y\" }) { clientMutationId } }")).rejects.toBeInstanceOf(
      WriteRefusedError,
    );
    await expect(
      octokit.graphql({ query: "query A { viewer { login } } mutation B { x }", operationName: "B" } as any),
    ).rejects.toBeInstanceOf(WriteRefusedError);
    expect(seen).toEqual(["query { viewer { login } }"]);
  });
});

describe("the read-only GitHubReader used by gather", () => {
  test("refuses a GraphQL mutation even on an unguarded Octokit", async () => {
    const scope = nock(API).post("/graphql").reply(200, { data: {} });
    const { octokit } = createTestOctokit();
    const reader = createGitHubReader(octokit);
    await expect(reader.graphql("mutation { x }")).rejects.toBeInstanceOf(WriteRefusedError);
    await expect(reader.graphql("query A { a } mutation B { x }")).rejects.toBeInstanceOf(WriteRefusedError);
    expect(scope.isDone()).toBe(false);
  });
});

describe("applyPlan in dry run", () => {
  const plan: Plan = [
    { kind: "comment.create", target, body: "hello", marker: "intake", reason: "first look" },
    { kind: "labels.add", target, labels: ["group/ready"], reason: "ready" },
    { kind: "label.remove", target, label: "group/needs-changes", reason: "fixed" },
  ];

  test("logs the plan, one line per action, and sends nothing (even without the guard)", async () => {
    const scope = nock(API).persist().intercept(/.*/, "POST").reply(201, {}).intercept(/.*/, "DELETE").reply(200, {});
    const { octokit, requests } = createTestOctokit();
    const logged: { obj: any; msg?: string }[] = [];
    const log = { info: (obj: unknown, msg?: string) => logged.push({ obj, msg }), warn() {}, error() {}, debug() {} };
    const result = await applyPlan(octokit, plan, { dryRun: true, log, identity: { appId: 1 } });
    expect(requests).toEqual([]);
    expect(scope.isDone()).toBe(false);
    expect(result.applied).toBe(0);
    expect(result.planned).toEqual([
      "comment.create o/r#1: post comment — first look",
      "labels.add o/r#1: add labels group/ready — ready",
      "label.remove o/r#1: remove label group/needs-changes — fixed",
    ]);
    expect(logged).toEqual([{ obj: { plan: result.planned }, msg: "dry run: 3 action(s) planned, none applied" }]);
  });

  test("an empty plan logs nothing", async () => {
    const { octokit } = createTestOctokit();
    const logged: unknown[] = [];
    const log = { info: (o: unknown) => logged.push(o), warn() {}, error() {}, debug() {} };
    expect(await applyPlan(octokit, [], { dryRun: true, log, identity: {} })).toEqual({ applied: 0, planned: [] });
    expect(logged).toEqual([]);
  });

  test("with the guard on too, the same plan applied for real is refused at the first write", async () => {
    const { octokit } = createTestOctokit();
    guardWrites(octokit);
    const log = { info() {}, warn() {}, error() {}, debug() {} };
    // The payload's node ids: no id lookup (a read, which the guard would let through) comes first.
    const payload = {
      repository: { owner: { login: "o" }, name: "r", node_id: "R_1" },
      issue: { number: 1, node_id: "I_1", labels: [{ name: "group/ready", node_id: "L_1" }, { name: "group/needs-changes", node_id: "L_2" }] },
    };
    await expect(applyPlan(octokit, plan, { dryRun: false, log, identity: {}, payload })).rejects.toBeInstanceOf(WriteRefusedError);
  });
});
