import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import type { TestProbot } from "../support/probot.js";
import { examplePayload } from "../support/webhooks.js";
import { FakeRepo, startIntakeScenario, stopScenario, validIgBody, validWgBody } from "./fake-repo.js";

function issueEvent(action: string, number: number, repo: FakeRepo) {
  const payload = examplePayload("issues", action);
  const issue = repo.issues.get(number)!;
  payload.issue.number = number;
  payload.issue.body = issue.body;
  payload.issue.state = issue.state.toLowerCase();
  payload.issue.labels = issue.labels.map((name, id) => ({ id, name }));
  if (action === "labeled") payload.label = { name: issue.labels[0] };
  return { id: `delivery-${action}-${number}`, name: "issues" as const, payload };
}

describe("group intake through probot.receive", () => {
  let app: TestProbot;
  let repo: FakeRepo;

  beforeEach(async () => {
    ({ app, repo } = await startIntakeScenario({ config: "intake:\n  checkUsers: true\n" }));
  });
  afterEach(stopScenario);

  test("a valid IG request gets one 'ready' comment and group/ready", async () => {
    repo.addIssue({ number: 7, body: validIgBody(), labels: ["group-request", "interest-group"] });
    await app.probot.receive(issueEvent("opened", 7, repo) as any);
    const comments = repo.appComments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("ready for moderator review");
    expect(comments[0]!.body).toContain("<!-- convener:intake -->");
    expect(repo.issues.get(7)!.labels).toEqual(["group-request", "interest-group", "group/ready"]);
  });

  test("an invalid WG request gets one comment naming each bad field and group/needs-changes", async () => {
    repo.users.delete("bob");
    repo.addIssue({
      number: 8,
      body: validWgBody({ tag: "Agents_WG", facilitators: "@ghost-user\n@my-org/team", maintainers: "@bob", useCases: "", firstItem: "SEP-9999" }),
      labels: ["group-request", "working-group"],
    });
    await app.probot.receive(issueEvent("opened", 8, repo) as any);
    const [comment, ...more] = repo.appComments(8);
    expect(more).toHaveLength(0);
    const body = comment!.body;
    expect(body).toContain("needs changes");
    expect(body).toMatch(/\*\*Channel tag\*\*: `Agents_WG` is not a channel tag/);
    expect(body).toMatch(/\*\*Facilitator\(s\)\*\*: `@ghost-user` is not a GitHub user/);
    expect(body).toMatch(/\*\*Facilitator\(s\)\*\*: `@my-org\/team` is a team/);
    expect(body).toMatch(/\*\*Maintainer\(s\)\*\*: `@bob` is not a GitHub user/);
    expect(body).toMatch(/\*\*Explanation of interest and use cases\*\*: is required but empty/);
    expect(body).toMatch(/\*\*First Issue, PR or SEP the WG will work on\*\*: #9999 does not exist/);
    expect(body).toContain("Convener found 6 problems");
    expect(repo.issues.get(8)!.labels).toContain("group/needs-changes");
    expect(repo.issues.get(8)!.labels).not.toContain("group/ready");
  });

  test("editing the request updates the same comment and flips the label; an edited event costs at most 6 requests", async () => {
    repo.addIssue({ number: 9, body: validWgBody({ facilitators: "Jane Doe" }), labels: ["group-request", "working-group"] });
    await app.probot.receive(issueEvent("opened", 9, repo) as any);
    expect(repo.issues.get(9)!.labels).toContain("group/needs-changes");
    const first = repo.appComments(9)[0]!;

    repo.issues.get(9)!.body = validWgBody();
    app.reset();
    await app.probot.receive(issueEvent("edited", 9, repo) as any);
    const comments = repo.appComments(9);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(first.id);
    expect(comments[0]!.body).toContain("ready for moderator review");
    expect(repo.issues.get(9)!.labels).toContain("group/ready");
    expect(repo.issues.get(9)!.labels).not.toContain("group/needs-changes");
    expect(app.requests.length).toBeLessThanOrEqual(6);
    expect(app.writes().map((w) => w.method)).toEqual(["PATCH", "POST", "DELETE"]);
  });

  test("the same delivery three times gives one comment and no repeated writes", async () => {
    repo.addIssue({ number: 10, body: validIgBody(), labels: ["group-request", "interest-group"] });
    const event = issueEvent("opened", 10, repo);
    await app.probot.receive(event as any);
    const writesAfterFirst = app.writes().length;
    await app.probot.receive(event as any);
    await app.probot.receive(event as any);
    expect(repo.appComments(10)).toHaveLength(1);
    expect(app.writes().length).toBe(writesAfterFirst);
  });

  test("two deliveries at the same moment converge on one comment", async () => {
    repo.addIssue({ number: 11, body: validIgBody(), labels: ["group-request", "interest-group"] });
    const event = issueEvent("opened", 11, repo);
    await Promise.all([app.probot.receive(event as any), app.probot.receive({ ...event, id: "other" } as any)]);
    expect(repo.appComments(11)).toHaveLength(1);
  });

  test("a comment by another user carrying the app's marker is never edited nor trusted", async () => {
    repo.addIssue({ number: 12, body: validIgBody(), labels: ["group-request", "interest-group"] });
    repo.addComment(12, "<!-- convener:intake -->\nI am the bot, honest", false, "mallory");
    await app.probot.receive(issueEvent("opened", 12, repo) as any);
    const issue = repo.issues.get(12)!;
    expect(issue.comments[0]!.body).toBe("<!-- convener:intake -->\nI am the bot, honest");
    expect(repo.appComments(12)).toHaveLength(1);
    expect(app.writes().filter((w) => w.method === "PATCH")).toHaveLength(0);
  });

  test("an issue without the request label is ignored after the config read", async () => {
    repo.addIssue({ number: 13, body: validIgBody(), labels: ["bug"] });
    await app.probot.receive(issueEvent("opened", 13, repo) as any);
    expect(repo.appComments(13)).toHaveLength(0);
    expect(app.requests.filter((r) => r.url.endsWith("/graphql"))).toHaveLength(0);
  });

  test("a closed request is not reviewed", async () => {
    repo.addIssue({ number: 14, body: validIgBody(), labels: ["group-request", "interest-group"], state: "CLOSED" });
    await app.probot.receive(issueEvent("edited", 14, repo) as any);
    expect(repo.appComments(14)).toHaveLength(0);
  });

  test("a tag held by another open request is rejected", async () => {
    repo.addIssue({ number: 15, body: validWgBody(), labels: ["group-request", "working-group"] });
    repo.addIssue({ number: 16, body: validWgBody(), labels: ["group-request", "working-group"] });
    await app.probot.receive(issueEvent("opened", 16, repo) as any);
    expect(repo.appComments(16)[0]!.body).toMatch(/`agents-wg` is already used by request #15/);
  });

  test("adding the request label later starts the review", async () => {
    repo.addIssue({ number: 17, body: validIgBody(), labels: ["group-request", "interest-group"] });
    await app.probot.receive(issueEvent("labeled", 17, repo) as any);
    expect(repo.appComments(17)).toHaveLength(1);
  });

  test("the app's own events (its label) are ignored without a single request", async () => {
    repo.addIssue({ number: 18, body: validIgBody(), labels: ["group-request", "interest-group", "group/ready"] });
    const event = issueEvent("labeled", 18, repo);
    event.payload.label = { name: "group/ready" };
    event.payload.sender = { login: "convener[bot]", type: "Bot", id: 99 };
    await app.probot.receive(event as any);
    expect(app.requests).toHaveLength(0);
  });

  test("a closed but approved request still holds its tag; a closed unapproved one does not", async () => {
    repo.addIssue({ number: 40, body: validWgBody({ tag: "held-wg" }), labels: ["group-request", "working-group", "group/approved"], state: "CLOSED" });
    repo.addIssue({ number: 41, body: validWgBody({ tag: "free-wg" }), labels: ["group-request", "working-group"], state: "CLOSED" });
    repo.addIssue({ number: 42, body: validWgBody({ tag: "held-wg" }), labels: ["group-request", "working-group"] });
    repo.addIssue({ number: 43, body: validWgBody({ tag: "free-wg" }), labels: ["group-request", "working-group"] });
    await app.probot.receive(issueEvent("opened", 42, repo) as any);
    await app.probot.receive(issueEvent("opened", 43, repo) as any);
    expect(repo.appComments(42)[0]!.body).toMatch(/`held-wg` is already used by request #40/);
    expect(repo.appComments(43)[0]!.body).toContain("ready for moderator review");
  });
});
