import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { createTestProbot, type TestProbot } from "../support/probot.js";
import { FakeDecisionsGitHub } from "../support/decisions-github.js";
import { examplePayload } from "../support/webhooks.js";

/** GitHub API cost of the common decision events (all features loaded, as in production). */
describe("API requests per decision event", () => {
  let app: TestProbot;
  let fake: FakeDecisionsGitHub;

  beforeEach(async () => {
    nock.disableNetConnect();
    app = await createTestProbot();
    fake = new FakeDecisionsGitHub();
    fake.nock();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  function event(number: number, author: string, body: string) {
    const c = fake.addComment(number, author, body, new Date());
    const payload = examplePayload("issue_comment", "created");
    payload.issue.number = number;
    payload.issue.labels = fake.issues.get(number)!.labels.map((name) => ({ name }));
    Object.assign(payload.comment, { id: c.id, body: c.body, created_at: c.createdAt, user: { login: author, type: "User" } });
    payload.sender = { login: author, type: "User" };
    return { id: `d${c.id}`, name: "issue_comment", payload } as any;
  }

  test("opening a vote, a ballot, and a plain comment on a request", async () => {
    fake.addIssue(1, ["group-request", "working-group", "group/ready"]);
    await app.probot.receive(event(1, "mod1", "/vote"));
    const open = app.requests.length;
    app.reset();
    await app.probot.receive(event(1, "mod2", "/vote yes"));
    const ballot = app.requests.length;
    app.reset();
    await app.probot.receive(event(1, "someone", "+1, nice"));
    const chat = app.requests.length;
    process.stdout.write(`decision event cost: open=${open} ballot=${ballot} chat=${chat}\n`);
    // config read + one GraphQL read (+ writes: vote comment, its duplicate check, the label).
    expect(open).toBeLessThanOrEqual(6);
    expect(ballot).toBeLessThanOrEqual(3);
    expect(chat).toBeLessThanOrEqual(3);
    expect(app.writes().length).toBe(0);
  });
});
