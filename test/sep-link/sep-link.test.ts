import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { createTestProbot, type TestProbot } from "../support/probot.js";
import { nockConfig, nockGraphql } from "../support/github-nock.js";
import { examplePayload } from "../support/webhooks.js";
import { CHARTERS_DIR, fakeDefaultBranch, registryResponder } from "../support/registry-fixtures.js";
import { FakePull, sepText } from "./fake-pull.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const PATH = "seps/2-durable-agent-handoff.md";
let delivery = 0;

function prEvent(action: string, pull: FakePull) {
  const payload = examplePayload("pull_request", action);
  payload.pull_request.number = pull.number;
  payload.pull_request.state = "open";
  payload.pull_request.head.sha = pull.headSha;
  payload.pull_request.labels = pull.labels.map((name, id) => ({ id, name }));
  payload.number = pull.number;
  return { id: `sep-link-${++delivery}`, name: "pull_request" as const, payload };
}

describe("SEP ↔ WG link through probot.receive", () => {
  let app: TestProbot;
  let pull: FakePull;
  let registry: ReturnType<typeof registryResponder>;

  beforeEach(async () => {
    clearRegistryCache();
    nock.disableNetConnect();
    app = await createTestProbot();
    const branch = fakeDefaultBranch();
    pull = new FakePull(OWNER, REPO, 2, branch);
    registry = registryResponder(branch);
    // The SEP metadata check and the meetings' agenda check are other features with their own
    // tests: off here, so the counts are this feature's.
    nockConfig(OWNER, REPO, "seps:\n  enabled: false\nmeetings:\n  enabled: false\n", 50);
    nockGraphql([pull.responder, registry]);
    pull.nockWrites();
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("a SEP naming agents-wg gets the label and one sticky comment naming the WG, its leads (not mentioned) and its charter", async () => {
    pull.push({ [PATH]: sepText(2, { workingGroup: "agents-wg" }), "README.md": "docs" });
    await app.probot.receive(prEvent("opened", pull) as any);
    expect(pull.labels).toEqual(["agents-wg"]);
    const comments = pull.appComments();
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body).toContain('<!-- convener:sep-link {"tags":["agents-wg"]} -->');
    expect(body).toContain("**Agents Working Group** (`agents-wg`) owns `seps/2-durable-agent-handoff.md`.");
    expect(body).toContain("- Luca Chang `@LucaButBoring`");
    expect(body).toContain("- Caitie McCaffrey `@CaitieM20`");
    expect(body).not.toMatch(/(^|[^`])@(LucaButBoring|CaitieM20)/); // handles only inside code spans: nobody is pinged
    expect(body).toContain("[`docs/community/working-groups/agents.mdx`](https://github.com/Codertocat/Hello-World/blob/HEAD/docs/community/working-groups/agents.mdx)");
    // config, PR read, SEP text read, registry read; then label + comment (+ the duplicate check after a create)
    expect(app.requests.map((r) => `${r.method} ${r.url.replace("https://api.github.com", "")}`)).toEqual([
      "GET /repos/{owner}/{repo}/contents/{path}",
      "POST /graphql",
      "POST /graphql",
      "POST /graphql",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      "GET /repos/Codertocat/Hello-World/issues/2/comments?per_page=100",
    ]);
  });

  test("changing the field to another WG swaps the label and updates the same comment; a redelivery writes nothing", async () => {
    pull.push({ [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    await app.probot.receive(prEvent("opened", pull) as any);
    const first = pull.appComments()[0]!;

    pull.push({ [PATH]: sepText(2, { workingGroup: "Server Card" }) });
    app.reset();
    const sync = prEvent("synchronize", pull);
    await app.probot.receive(sync as any);
    expect(pull.labels).toEqual(["server-card-wg"]);
    expect(pull.appComments()).toHaveLength(1);
    expect(pull.appComments()[0]!.id).toBe(first.id);
    expect(pull.appComments()[0]!.body).toContain("**Server Card Working Group** (`server-card-wg`)");
    expect(pull.appComments()[0]!.body).toContain("- David Soria Parra `@dsp-ant`");
    expect(app.writes().map((w) => w.method + " " + w.url.split("/issues/")[1])).toEqual([
      "POST {issue_number}/labels", "DELETE {issue_number}/labels/{name}", "PATCH comments/{comment_id}",
    ]);
    // The registry was read once for both events: same default-branch commit.
    expect(registry.counts).toEqual({ registry: 1, head: 0 });

    app.reset();
    await app.probot.receive({ ...sync, id: "redelivery" } as any);
    expect(app.writes()).toEqual([]);
    expect(app.requests).toHaveLength(3); // config, PR, SEP text: the registry is cached
  });

  test("'on behalf of the X Working Group' in the authors links a real SEP (SEP-2663, Agents)", async () => {
    const real = readFileSync(join(CHARTERS_DIR, "..", "seps", "2663-tasks-extension.md"), "utf8");
    pull.push({ "seps/2663-tasks-extension.md": real });
    await app.probot.receive(prEvent("opened", pull) as any);
    expect(pull.labels).toEqual(["agents-wg"]);
    expect(pull.appComments()[0]!.body).toContain("**Agents Working Group**");
  });

  test("a label a maintainer added by hand is kept; only the app's own link is undone", async () => {
    pull.labels = ["registry-wg", "SEP"];
    pull.push({ [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    await app.probot.receive(prEvent("opened", pull) as any);
    expect(pull.labels).toEqual(["registry-wg", "SEP", "agents-wg"]);
    pull.push({ [PATH]: sepText(2) });
    await app.probot.receive(prEvent("synchronize", pull) as any);
    expect(pull.labels).toEqual(["registry-wg", "SEP"]);
    expect(pull.appComments()).toHaveLength(1);
    expect(pull.appComments()[0]!.body).toContain("No registered Working Group is linked to this SEP");
  });

  test("an unknown group, an Interest Group and a retired WG are not linked; the comment says why", async () => {
    pull.branch.wg["sdk.mdx"] = "---\ntitle: SDK Charter\nstatus: retired\n---\n## Group Type\n\n**Working Group**\n";
    pull.push({
      "seps/2-a.md": sepText(2, { workingGroup: "payments-wg" }),
      "seps/2-b.md": sepText(2, { workingGroup: "Security Interest Group (proposed)" }),
      "seps/2-c.md": sepText(2, { workingGroup: "sdk-wg" }),
    });
    await app.probot.receive(prEvent("opened", pull) as any);
    expect(pull.labels).toEqual([]);
    const body = pull.appComments()[0]!.body;
    expect(body).toContain("- `seps/2-a.md` line 9 names `payments-wg`: no registered group has this name or tag.");
    expect(body).toContain("- `seps/2-b.md` line 9 names `Security Interest Group (proposed)`: this is an Interest Group; a SEP is owned by a Working Group.");
    expect(body).toContain("- `seps/2-c.md` line 9 names `sdk-wg`: this Working Group is retired.");
  });

  test("a PR touching no SEP costs one GraphQL read and writes nothing; a SEP naming no WG gets no comment", async () => {
    pull.push({ "docs/index.md": "hello", "seps/README.md": "index" });
    await app.probot.receive(prEvent("opened", pull) as any);
    expect(app.requests.filter((r) => r.url.endsWith("/graphql"))).toHaveLength(1);
    expect(app.writes()).toEqual([]);
    pull.push({ [PATH]: sepText(2) });
    await app.probot.receive(prEvent("synchronize", pull) as any);
    expect(app.writes()).toEqual([]);
    expect(pull.appComments()).toHaveLength(0);
    expect(registry.counts).toEqual({ registry: 0, head: 0 }); // nothing to look up
  });

  test("on a PR with more comments than one GraphQL page, the link comment is found page by page (no second comment)", async () => {
    pull.push({ [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    await app.probot.receive(prEvent("opened", pull) as any);
    const own = pull.appComments()[0]!;
    pull.comments.unshift(...Array.from({ length: 3 }, (_, i) => ({ id: 10 + i, body: `chatter ${i}`, byApp: false })));
    pull.graphqlCommentLimit = 2; // the app's comment is past the first page
    pull.push({ [PATH]: sepText(2, { workingGroup: "server-card-wg" }) });
    await app.probot.receive(prEvent("synchronize", pull) as any);
    expect(pull.appComments()).toHaveLength(1);
    expect(pull.appComments()[0]!.id).toBe(own.id);
    expect(pull.labels).toEqual(["server-card-wg"]);
  });

  test("a hand-written copy of the marker is not trusted", async () => {
    pull.comments.push({ id: 1, body: '<!-- convener:sep-link {"tags":["registry-wg"]} --> fake', byApp: false });
    pull.labels = ["registry-wg"];
    pull.push({ [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    await app.probot.receive(prEvent("opened", pull) as any);
    expect(pull.labels).toEqual(["registry-wg", "agents-wg"]);
    expect(pull.comments.find((c) => c.id === 1)!.body).toContain("fake");
    expect(pull.appComments()).toHaveLength(1);
  });
});

describe("the link next to the SEP metadata check on one event", () => {
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("request cost of a synchronize with one SEP file, and the SEP text read is the check's own request", async () => {
    clearRegistryCache();
    nock.disableNetConnect();
    const app = await createTestProbot();
    const branch = fakeDefaultBranch();
    const pull = new FakePull(OWNER, REPO, 2, branch);
    const sent: string[] = [];
    const record = (query: string, variables: Record<string, unknown>) => {
      sent.push(JSON.stringify({ query, variables }));
      return undefined;
    };
    // Sponsors named as users: role checks then need no team API call. Meetings (its agenda check
    // reads every PR too) is off: this test pins the SEP check's and the link's share.
    nockConfig(OWNER, REPO, "roles:\n  maintainers: [LucaButBoring]\n  coreMaintainers: []\n  leadMaintainers: []\nmeetings:\n  enabled: false\n", 50);
    nockGraphql([record, pull.responder, registryResponder(branch)]);
    pull.nockWrites();
    pull.nockCheckRuns();

    pull.push({ [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    await app.probot.receive(prEvent("opened", pull) as any);
    expect(pull.labels).toEqual(["agents-wg"]);
    // The link asks for the SEP texts with the check's own query and variables: the per-delivery
    // read cache answers it (a check-run write does not invalidate it), so it is sent once.
    const texts = sent.filter((s) => s.includes("query SepFileTexts"));
    expect(texts).toHaveLength(1);

    pull.push({ [PATH]: sepText(2, { workingGroup: "agents-wg" }) + "\nMore text.\n" });
    app.reset();
    await app.probot.receive(prEvent("synchronize", pull) as any);
    // config, check: PR + texts + check-run write; link: PR (texts from the cache). Registry cached, link unchanged.
    expect(app.requests.map((r) => r.method + " " + r.url.replace(/^https:\/\/api\.github\.com/, ""))).toEqual([
      "GET /repos/{owner}/{repo}/contents/{path}",
      "POST /graphql", "POST /graphql", "POST /repos/{owner}/{repo}/check-runs",
      "POST /graphql",
    ]);
  });
});
