import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import type { TestProbot } from "../support/probot.js";
import { examplePayload } from "../support/webhooks.js";
import { FakeRepo, startIntakeScenario, stopScenario, validIgBody } from "./fake-repo.js";

const BAD_CONFIG = "intake:\n  labels:\n    ready: 42\n  chekUsers: false\n";

describe("an invalid .github/convener.yml", () => {
  let app: TestProbot;
  let repo: FakeRepo;
  beforeEach(async () => {
    ({ app, repo } = await startIntakeScenario({ config: BAD_CONFIG }));
  });
  afterEach(stopScenario);

  const deliver = (number: number, id: string) => {
    const issue = repo.issues.get(number)!;
    const payload = examplePayload("issues", "opened");
    Object.assign(payload.issue, { number, body: issue.body, labels: issue.labels.map((name) => ({ name })) });
    return app.probot.receive({ id, name: "issues", payload } as any);
  };

  test("on a request: one comment naming each wrong key, no review, and a redelivery writes nothing", async () => {
    repo.addIssue({ number: 30, body: validIgBody(), labels: ["group-request", "interest-group"] });
    await deliver(30, "a");
    const [comment, ...more] = repo.appComments(30);
    expect(more).toHaveLength(0);
    expect(comment!.body).toContain("<!-- convener:config-error -->");
    expect(comment!.body).toMatch(/`intake\.labels\.ready`: .*expected string/i);
    expect(comment!.body).toMatch(/`intake\.chekUsers`: unknown key/);
    expect(repo.issues.get(30)!.labels).not.toContain("group/ready");
    const writes = app.writes().length;
    await deliver(30, "b");
    expect(app.writes().length).toBe(writes);
    expect(repo.appComments(30)).toHaveLength(1);
  });

  test("on an issue Convener would not act on: nothing is posted", async () => {
    repo.addIssue({ number: 31, body: "just a bug report", labels: ["bug"] });
    await deliver(31, "c");
    expect(repo.appComments(31)).toHaveLength(0);
    expect(app.writes()).toHaveLength(0);
  });
});
