import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { createTestProbot, type TestProbot } from "../support/probot.js";
import { nockConfig, nockGraphql } from "../support/github-nock.js";
import { examplePayload } from "../support/webhooks.js";
import { fakeDefaultBranch, registryResponder } from "../support/registry-fixtures.js";
import { FakeRepo, validWgBody } from "../intake/fake-repo.js";

function opened(repo: FakeRepo, number: number) {
  const payload = examplePayload("issues", "opened");
  const issue = repo.issues.get(number)!;
  Object.assign(payload.issue, { number, body: issue.body, labels: issue.labels.map((name, id) => ({ id, name })) });
  return { id: `delivery-${number}`, name: "issues" as const, payload };
}

describe("intake asks the registry whether a tag is taken", () => {
  let app: TestProbot;
  let repo: FakeRepo;
  let responder: ReturnType<typeof registryResponder>;

  beforeEach(async () => {
    clearRegistryCache();
    nock.disableNetConnect();
    app = await createTestProbot();
    repo = new FakeRepo("Codertocat", "Hello-World");
    ["alice", "bob"].forEach((u) => repo.users.add(u));
    repo.items.add(2663);
    responder = registryResponder(fakeDefaultBranch());
    nockConfig(repo.owner, repo.repo, "{}\n", 20);
    nockGraphql([repo.intakeResponder, responder]);
    repo.nockWrites();
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("a WG request for `agents-wg` is rejected because the registered Agents WG holds the tag", async () => {
    repo.addIssue({ number: 21, body: validWgBody({ name: "Agents Two", tag: "agents-wg" }), labels: ["group-request", "working-group"] });
    await app.probot.receive(opened(repo, 21) as any);
    const [comment, ...more] = repo.appComments(21);
    expect(more).toHaveLength(0);
    expect(comment!.body).toMatch(/\*\*Channel tag\*\*: .*agents-wg.*registered group "Agents"/);
    expect(repo.issues.get(21)!.labels).toContain("group/needs-changes");
  });

  test("a free tag passes; a second request reuses the cached registry (one registry read in all)", async () => {
    repo.addIssue({ number: 22, body: validWgBody({ name: "Payments", tag: "payments-wg" }), labels: ["group-request", "working-group"] });
    repo.addIssue({ number: 23, body: validWgBody({ name: "Registry", tag: "registry-wg" }), labels: ["group-request", "working-group"] });
    await app.probot.receive(opened(repo, 22) as any);
    await app.probot.receive(opened(repo, 23) as any);
    expect(repo.issues.get(22)!.labels).toContain("group/ready");
    // `registry-wg` is derived from registry.mdx (its Discord channel is #registry-dev): still taken.
    expect(repo.appComments(23)[0]!.body).toMatch(/registry-wg.*registered group "Registry"/);
    expect(responder.counts).toEqual({ registry: 1, head: 0 });
  });

  test("a push to the default branch tells the registry its new head: the next event reads the new charters", async () => {
    repo.addIssue({ number: 24, body: validWgBody({ name: "Payments", tag: "payments-wg" }), labels: ["group-request", "working-group"] });
    await app.probot.receive(opened(repo, 24) as any);
    expect(repo.issues.get(24)!.labels).toContain("group/ready");

    const branch = responder.branch;
    branch.head = "e".repeat(40);
    branch.wg["payments.mdx"] = "---\ntitle: Payments Charter\n---\n## Group Type\n\n**Working Group**\n";
    const push = examplePayload("push");
    Object.assign(push, { ref: "refs/heads/main", after: branch.head });
    push.repository.default_branch = "main";
    await app.probot.receive({ id: "push-1", name: "push", payload: push } as any);

    repo.addIssue({ number: 25, body: validWgBody({ name: "Payments", tag: "payments-wg" }), labels: ["group-request", "working-group"] });
    await app.probot.receive(opened(repo, 25) as any);
    expect(repo.appComments(25)[0]!.body).toMatch(/payments-wg.*registered group "Payments"/);
    // Read once per commit; the head was never asked for.
    expect(responder.counts).toEqual({ registry: 2, head: 0 });
  });
});
