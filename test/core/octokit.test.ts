import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { withDeliveryBudget } from "../../src/core/delivery-budget.js";
import { createConvenerOctokit } from "../../src/core/octokit.js";

const API = "https://api.github.com";

describe("Convener's Octokit: reads are never queued behind writes; writes keep their spacing", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("GraphQL queries and REST reads go out at once, even with a long write gap", async () => {
    const Octokit = createConvenerOctokit(5_000);
    const octokit = new Octokit({ auth: "token" });
    nock(API).post("/graphql").times(3).reply(200, { data: { viewer: { login: "convener" } } });
    nock(API).get("/repos/o/r").times(2).reply(200, { id: 1 });
    const started = Date.now();
    for (let i = 0; i < 3; i++) await octokit.graphql("query { viewer { login } }");
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" });
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test("writes are spaced by the write gap, in order", async () => {
    const Octokit = createConvenerOctokit(300);
    const octokit = new Octokit({ auth: "token" });
    const times: number[] = [];
    nock(API)
      .post("/repos/o/r/issues/1/comments")
      .times(3)
      .reply(() => {
        times.push(Date.now());
        return [201, { id: times.length }];
      });
    // Measured from the start: a loaded machine can only delay an answer, never bring a slot forward.
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "o", repo: "r", issue_number: 1, body: `#${n}` })));
    expect(times).toHaveLength(3);
    expect(times[1]! - started).toBeGreaterThanOrEqual(290);
    expect(times[2]! - started).toBeGreaterThanOrEqual(590);
  });

  test("a GraphQL mutation counts as a write", async () => {
    const Octokit = createConvenerOctokit(300);
    const octokit = new Octokit({ auth: "token" });
    const times: number[] = [];
    nock(API).post("/graphql").times(2).reply(() => (times.push(Date.now()), [200, { data: { addComment: null } }]));
    const mutation = 'mutation { addComment(input: { subjectId: "x", body: "y" }) { clientMutationId } }';
    const started = Date.now();
    await Promise.all([octokit.graphql(mutation), octokit.graphql(mutation)]);
    expect(times[1]! - started).toBeGreaterThanOrEqual(290);
  });

  test("a secondary limit on a label DELETE is retried after retry-after; one over the delivery's budget is not", async () => {
    const Octokit = createConvenerOctokit(0);
    const octokit = new Octokit({ auth: "token", log: { debug() {}, info() {}, warn() {}, error() {} } });
    const limit = { message: "You have exceeded a secondary rate limit." };
    const times: number[] = [];
    nock(API).delete("/repos/o/r/issues/1/labels/x").reply(() => (times.push(Date.now()), [403, limit, { "retry-after": "1" }]));
    nock(API).delete("/repos/o/r/issues/1/labels/x").reply(() => (times.push(Date.now()), [200, []]));
    const route = "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}";
    const params = { owner: "o", repo: "r", issue_number: 1, name: "x" };
    expect((await octokit.request(route, params)).status).toBe(200);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);

    nock(API).delete("/repos/o/r/issues/1/labels/x").reply(429, limit, { "retry-after": "5" });
    await expect(withDeliveryBudget(() => octokit.request(route, params), 2_000)).rejects.toMatchObject({ status: 429 });
    expect(nock.isDone()).toBe(true);
  });
});

describe("Convener's Octokit over real HTTP: requests in flight are capped; a query GitHub gave up on is retried", () => {
  /** A local server answering every request after `delayMs`, counting how many it holds at once. */
  async function server(answer: (n: number) => { status: number; body: unknown }, delayMs = 0) {
    let held = 0;
    let most = 0;
    let count = 0;
    const s = createServer((req, res) => {
      held++;
      most = Math.max(most, held);
      const n = ++count;
      req.resume().on("end", () => setTimeout(() => {
        held--;
        const { status, body } = answer(n);
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      }, delayMs));
    });
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    const { port } = s.address() as AddressInfo;
    return { baseUrl: `http://127.0.0.1:${port}`, most: () => most, count: () => count, close: () => new Promise((r) => s.close(r)) };
  }

  test("30 reads sent at once: at most 10 are in flight, and all are answered", async () => {
    const s = await server(() => ({ status: 200, body: { data: { viewer: { login: "convener" } } } }), 30);
    try {
      const octokit = new (createConvenerOctokit(0))({ auth: "token", baseUrl: s.baseUrl });
      const answers = await Promise.all(Array.from({ length: 30 }, () => octokit.graphql<{ viewer: { login: string } }>("query { viewer { login } }")));
      expect(answers.every((a) => a.viewer.login === "convener")).toBe(true);
      expect(s.count()).toBe(30);
      expect(s.most()).toBeLessThanOrEqual(10);
      expect(s.most()).toBeGreaterThan(1);
    } finally {
      await s.close();
    }
  });

  test("'Something went wrong while executing your query' is retried like a 5xx, then answered", async () => {
    const s = await server((n) => n === 1
      ? { status: 200, body: { data: null, errors: [{ message: "Something went wrong while executing your query. Please try again." }] } }
      : { status: 200, body: { data: { viewer: { login: "convener" } } } });
    try {
      const octokit = new (createConvenerOctokit(0))({ auth: "token", baseUrl: s.baseUrl, log: { debug() {}, info() {}, warn() {}, error() {} } });
      expect(await octokit.graphql("query { viewer { login } }")).toEqual({ viewer: { login: "convener" } });
      expect(s.count()).toBe(2);
    } finally {
      await s.close();
    }
  });
});
