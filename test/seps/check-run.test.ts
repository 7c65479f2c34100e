import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { examplePayload } from "../support/webhooks.js";
import { startSepScenario, stopSepScenario, type SepPullScenario } from "../support/seps-nock.js";
import { sepText } from "../support/seps-text.js";

const PATH = "seps/2-a-useful-change.md";

function prEvent(action: string, s: SepPullScenario) {
  const payload = examplePayload("pull_request", action);
  payload.number = s.number;
  payload.pull_request.number = s.number;
  payload.pull_request.head.sha = s.headSha;
  return { id: `pr-${action}`, name: "pull_request" as const, payload };
}

describe("SEP metadata check run through probot.receive", () => {
  let s: SepPullScenario;
  beforeEach(async () => {
    clearRegistryCache();
    s = await startSepScenario();
  });
  afterEach(stopSepScenario);

  test("a valid SEP PR gets a success check run on the head SHA", async () => {
    s.files.set(PATH, { head: sepText({ number: 2, fields: { PR: "#2" } }), base: null });
    await s.app.probot.receive(prEvent("opened", s) as any);
    expect(s.checkRuns).toHaveLength(1);
    const [run] = s.checkRuns;
    expect(run!.method).toBe("POST");
    expect(run!.body).toMatchObject({ name: "SEP metadata", head_sha: s.headSha, status: "completed", conclusion: "success" });
    expect(run!.body.output.title).toBe("Passed");
    expect(run!.body.output.annotations).toEqual([]);
  });

  test("an invalid SEP gets failure with annotations at the offending lines", async () => {
    const text = sepText({ number: 2, fields: { Status: "draft", Created: "2026-13-01", Sponsor: "None", PR: "#2", "Working Group": "retro-wg" } });
    s.files.set(PATH, { head: text, base: null });
    await s.app.probot.receive(prEvent("opened", s) as any);
    const [run] = s.checkRuns;
    expect(run!.body.conclusion).toBe("failure");
    const lines = run!.body.output.annotations.map((a: any) => `${a.start_line}:${a.annotation_level}:${a.title}`);
    expect(lines).toEqual(["3:warning:status", "5:failure:created", "7:failure:sponsor-required", "9:failure:working-group"]);
    for (const a of run!.body.output.annotations) expect(a.path).toBe(PATH);
    expect(text.split("\n")[4]).toBe("- **Created**: 2026-13-01"); // line 5 really is the Created field
    expect(run!.body.output.summary).toContain("`working-group`");
    expect(run!.body.output.title).toBe("3 errors, 1 warning");
  });

  test("a status move and a label that contradict the base version are reported", async () => {
    s.labels = ["SEP", "in-review"];
    s.files.set(PATH, { head: sepText({ number: 2, fields: { Status: "Final", PR: "#2" } }), base: sepText({ number: 2, fields: { PR: "#2" } }) });
    await s.app.probot.receive(prEvent("synchronize", s) as any);
    const titles = s.annotations().map((a) => a.title);
    expect(titles).toEqual(["status-transition", "state-label", "state-label"]);
  });

  test("a sponsor without a maintainer role is an error (roles asked of GitHub teams)", async () => {
    s.files.set(PATH, { head: sepText({ number: 2, fields: { Sponsor: "@stranger", PR: "#2" } }), base: null });
    await s.app.probot.receive(prEvent("opened", s) as any);
    expect(s.annotations().map((a) => a.title)).toEqual(["sponsor-role"]);
    expect(s.served.filter((r) => r === "team membership")).toHaveLength(3); // maintainers, core, lead
  });

  test("a rerequest creates a new run even when the latest one shows the same result", async () => {
    s.files.set(PATH, { head: sepText({ number: 2, fields: { PR: "#2" } }), base: null });
    await s.app.probot.receive(prEvent("opened", s) as any);
    const [first] = s.checkRuns;
    s.existingRun = { databaseId: first!.id, status: "COMPLETED", conclusion: "SUCCESS", title: first!.body.output.title, summary: first!.body.output.summary, externalId: "pr-opened" };
    const payload = examplePayload("check_suite", "rerequested");
    payload.check_suite.head_sha = s.headSha;
    await s.app.probot.receive({ id: "suite", name: "check_suite", payload } as any);
    expect(s.checkRuns.map((w) => w.method)).toEqual(["POST", "POST"]);
    expect(s.checkRuns[1]!.body).toMatchObject({ conclusion: "success", external_id: "suite" });
  });

  test("a redelivery, or an event that changes nothing, adds no run", async () => {
    s.files.set(PATH, { head: sepText({ number: 2, fields: { PR: "#2" } }), base: null });
    await s.app.probot.receive(prEvent("opened", s) as any);
    const [first] = s.checkRuns;
    s.existingRun = { databaseId: first!.id, status: "COMPLETED", conclusion: "SUCCESS", title: first!.body.output.title, summary: first!.body.output.summary, externalId: "pr-opened" };
    await s.app.probot.receive(prEvent("opened", s) as any); // the same delivery again
    await s.app.probot.receive({ ...prEvent("reopened", s), id: "pr-reopened" } as any); // same head, same result
    expect(s.checkRuns).toHaveLength(1);
  });

  test("an event about an older head posts nothing", async () => {
    s.files.set(PATH, { head: sepText({ number: 2, fields: { PR: "#2" } }), base: null });
    const stale = prEvent("synchronize", s);
    stale.payload.pull_request.head.sha = "0".repeat(40);
    await s.app.probot.receive(stale as any);
    expect(s.checkRuns).toEqual([]);
    expect(s.served.filter((r) => r.startsWith("graphql"))).toEqual(["graphql SepPullRequest"]);
  });

  test("a check_run rerequest without listed PRs finds the PR of its head SHA", async () => {
    s.files.set(PATH, { head: sepText({ number: 2, fields: { PR: "#2" } }), base: null });
    const payload = examplePayload("check_run", "rerequested");
    payload.repository.owner.login = s.owner;
    payload.repository.name = s.repo;
    payload.check_run.name = "SEP metadata";
    payload.check_run.head_sha = s.headSha;
    payload.check_run.pull_requests = [];
    await s.app.probot.receive({ id: "run", name: "check_run", payload } as any);
    expect(s.served).toContain("graphql SepCommitPulls");
    expect(s.checkRuns).toHaveLength(1);
  });

  test("a check_run rerequest for another check is ignored", async () => {
    const payload = examplePayload("check_run", "rerequested");
    payload.repository.owner.login = s.owner;
    payload.repository.name = s.repo;
    await s.app.probot.receive({ id: "run", name: "check_run", payload } as any);
    expect(s.served.filter((r) => r.startsWith("graphql"))).toEqual([]);
    expect(s.checkRuns).toEqual([]);
  });

  test("a PR not touching seps/ gets no check run", async () => {
    s.otherFiles = ["docs/index.md", "seps/assets/diagram.md", "seps/README.md"];
    await s.app.probot.receive(prEvent("opened", s) as any);
    expect(s.checkRuns).toEqual([]);
    expect(s.served.filter((r) => r.startsWith("graphql"))).toEqual(["graphql SepPullRequest"]);
  });

  test("120 findings arrive in 3 batches of at most 50 annotations", async () => {
    const junk = Array.from({ length: 120 }, (_, i) => `- **Junk ${i}**: x`);
    s.files.set(PATH, { head: sepText({ number: 2, fields: { PR: "#2" }, extraFields: junk }), base: null });
    await s.app.probot.receive(prEvent("opened", s) as any);
    expect(s.checkRuns.map((w) => [w.method, w.body.output.annotations.length, w.body.status])).toEqual([["POST", 50, "in_progress"], ["PATCH", 50, undefined], ["PATCH", 20, "completed"]]);
    expect(new Set(s.checkRuns.map((w) => w.id)).size).toBe(1);
    expect(s.annotations().every((a) => a.title === "field-unknown")).toBe(true);
  });

  test("a synchronize with one SEP file costs at most 7 requests; the registry is read once per default-branch commit", async () => {
    s.files.set(PATH, { head: sepText({ number: 2, fields: { PR: "#2" } }), base: sepText({ number: 2, fields: { PR: "#2" } }) });
    await s.app.probot.receive(prEvent("synchronize", s) as any);
    const first = [...s.served];
    expect(first).toEqual([
      "config", "graphql SepPullRequest", "graphql SepFileTexts", "team membership", "graphql RegistryCharters", "POST check-runs",
    ]);
    expect(first.length).toBeLessThanOrEqual(7);
    // The SEP check's own share is `first`; other features (the meetings agenda check reads the PR
    // too) add their own requests to the same event, which this test does not pin.
    expect(s.app.requests.length).toBeGreaterThanOrEqual(first.length);
    s.served.length = 0;
    s.existingRun = { databaseId: 555, status: "COMPLETED", conclusion: "FAILURE", title: "an older result", summary: "", externalId: "older" };
    await s.app.probot.receive(prEvent("synchronize", s) as any);
    await s.app.probot.receive(prEvent("labeled", s) as any);
    expect(s.served.filter((r) => r.startsWith("graphql Registry"))).toEqual([]);
    expect(s.served.length).toBe(2 * 5);
  });
});
