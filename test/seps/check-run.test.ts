import { afterEach, describe, expect, test } from "@jest/globals";
import type { RequestRecord } from "../../sandbox/src/stand-in.js";
import type { Issue } from "../../sandbox/src/state.js";
import type { Delivery } from "../../sandbox/src/webhooks/sender.js";
import { deliveriesOf, describeRequests, graphqlOperations } from "../support/community-repo.js";
import { requestsDuring } from "../support/delivery-requests.js";
import { holdDeliveries } from "../support/delivery-requests.js";
import { sendRewritten } from "../support/rewritten-delivery.js";
import { AUTHOR, REPO, SEP_CHECK, startSepWorld, type SepWorld } from "../support/sep-stand-in.js";
import { sepText } from "../support/seps-text.js";
import { waitFor } from "../support/wait-for.js";

/** A SEP file named for a PR number, so its `PR` field can name the PR it arrives in. */
const pathOf = (number: number) => `seps/${number}-a-useful-change.md`;

/** The check-run writes: GraphQL `createCheckRun` / `updateCheckRun` fields of the app's mutation documents. */
const checkRunWrites = (records: RequestRecord[]) => records.flatMap((r) => (r.mutations ?? []).filter((m) => /CheckRun$/.test(m)));

describe("SEP metadata check run, the app in process against the stand-in", () => {
  let w: SepWorld;
  afterEach(async () => w?.stop());

  /** Opens a PR holding one SEP file whose `PR` field names the PR itself. */
  async function openValidSep(fields: Record<string, string | null> = {}): Promise<Issue> {
    const n = w.nextNumber();
    return w.openSep({ [pathOf(n)]: sepText({ number: n, fields: { PR: `#${n}`, ...fields } }) });
  }

  test("a valid SEP PR gets a success check run on the head SHA", async () => {
    w = await startSepWorld();
    const pr = await openValidSep();
    expect(checkRunWrites(w.standIn.requests)).toEqual(["createCheckRun"]);
    const runs = w.runsOn(pr.pull!.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: SEP_CHECK, status: "completed", conclusion: "success" });
    expect(runs[0]!.output.title).toBe("Passed");
    expect(runs[0]!.annotations).toEqual([]);
  });

  test("an invalid SEP gets failure with annotations at the offending lines", async () => {
    w = await startSepWorld();
    const n = w.nextNumber();
    const text = sepText({ number: n, fields: { Status: "draft", Created: "2026-13-01", Sponsor: "None", PR: `#${n}`, "Working Group": "retro-wg" } });
    const pr = await w.openSep({ [pathOf(n)]: text });
    const [run] = w.runsOn(pr.pull!.headSha);
    expect(run!.conclusion).toBe("failure");
    const lines = run!.annotations.map((a: any) => `${a.start_line}:${a.annotation_level}:${a.title}`);
    expect(lines).toEqual(["3:warning:status", "5:failure:created", "7:failure:sponsor-required", "9:failure:working-group"]);
    for (const a of run!.annotations) expect(a.path).toBe(pathOf(n));
    expect(text.split("\n")[4]).toBe("- **Created**: 2026-13-01"); // line 5 really is the Created field
    expect(run!.output.summary).toContain("`working-group`");
    expect(run!.output.title).toBe("3 errors, 1 warning");
  });

  test("a status move and a label that contradict the base version are reported", async () => {
    // The SEP is on the default branch as a Draft; the PR moves it to Final while labelled in-review.
    const n = 1;
    w = await startSepWorld({ files: { [pathOf(n)]: sepText({ number: n, fields: { PR: `#${n}` } }) } });
    const pr = await w.openSep({ [pathOf(n)]: sepText({ number: n, fields: { Status: "Final", PR: `#${n}` } }) }, ["SEP", "in-review"]);
    expect(pr.number).toBe(n);
    const [run] = w.runsOn(pr.pull!.headSha);
    expect(run!.annotations.map((a: any) => a.title)).toEqual(["status-transition", "state-label", "state-label"]);
  });

  test("a sponsor without a maintainer role is an error (roles asked of GitHub teams)", async () => {
    w = await startSepWorld();
    w.standIn.control.user("stranger");
    const pr = await openValidSep({ Sponsor: "@stranger" });
    expect(w.runsOn(pr.pull!.headSha)[0]!.annotations.map((a: any) => a.title)).toEqual(["sponsor-role"]);
    const [opened] = deliveriesOf(w.standIn, "pull_request", "opened");
    // The first sponsor role's members are read beside the SEP texts; the later roles are asked about the person.
    const listed = requestsDuring(w.standIn, opened!).filter((r) => /^\/orgs\/[^/]+\/teams\/[^/]+\/members$/.test(r.path));
    expect(listed.map((r) => r.path.split("/")[4])).toEqual(["maintainers"]);
    const asked = requestsDuring(w.standIn, opened!).filter((r) => /^\/orgs\/[^/]+\/teams\/[^/]+\/memberships\/stranger$/.test(r.path));
    expect(asked.map((r) => r.path.split("/")[4])).toEqual(["core-maintainers", "lead-maintainers"]);
  });

  test("a check_run rerequest creates a new run even when the latest one shows the same result", async () => {
    w = await startSepWorld();
    const pr = await openValidSep();
    const [first] = w.runsOn(pr.pull!.headSha);
    const [rerequest] = holdDeliveries(w.standIn, () => w.standIn.control.as(AUTHOR, REPO).rerequestCheckRun(first!.id));
    await w.standIn.webhooks.post(rerequest!);
    await w.settle();
    const runs = w.runsOn(pr.pull!.headSha);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ conclusion: "success", external_id: rerequest!.id });
  });

  test("a check_suite rerequest creates a new run even when the latest one shows the same result", async () => {
    w = await startSepWorld();
    const pr = await openValidSep();
    const [first] = w.runsOn(pr.pull!.headSha);
    const [runRerequest] = holdDeliveries(w.standIn, () => w.standIn.control.as(AUTHOR, REPO).rerequestCheckRun(first!.id));
    // The control API has no suite rerequest: GitHub's check_suite payload is the run's suite with its PRs.
    const sent = await sendRewritten(w.standIn, runRerequest!, ({ check_run, ...rest }) => ({
      event: "check_suite", payload: { ...rest, check_suite: { ...check_run.check_suite, pull_requests: check_run.pull_requests } },
    }));
    await w.settle();
    const runs = w.runsOn(pr.pull!.headSha);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ conclusion: "success", external_id: sent.id });
  });

  test("a redelivery, or an event that changes nothing, adds no run", async () => {
    w = await startSepWorld();
    const pr = await openValidSep();
    const opened = w.standIn.webhooks.deliveries.find((d) => d.event === "pull_request" && d.action === "opened")!;
    const from = w.standIn.requests.length;
    await w.standIn.webhooks.redeliver(opened.id); // the same delivery again
    w.standIn.control.as(AUTHOR, REPO).close(pr.number);
    w.standIn.control.as(AUTHOR, REPO).reopen(pr.number); // same head, same result
    await w.settle();
    expect(w.standIn.webhooks.deliveries.some((d) => d.event === "pull_request" && d.action === "reopened")).toBe(true);
    expect(checkRunWrites(w.standIn.requestsSince(from))).toEqual([]);
    expect(w.runsOn(pr.pull!.headSha)).toHaveLength(1);
  });

  test("an event about an older head posts nothing", async () => {
    w = await startSepWorld();
    const pr = await openValidSep({ Sponsor: "None" });
    const opened = w.standIn.webhooks.deliveries.find((d) => d.event === "pull_request" && d.action === "opened")!;
    const oldHead = pr.pull!.headSha;
    w.standIn.control.as(AUTHOR, REPO).updatePullRequest(pr.number, { [pathOf(pr.number)]: sepText({ number: pr.number, fields: { PR: `#${pr.number}` } }) });
    await w.settle();
    const before = { old: w.runsOn(oldHead).length, new: w.runsOn(pr.pull!.headSha).length };
    const from = w.standIn.requests.length;
    await w.standIn.webhooks.redeliver(opened.id);
    await w.settle();
    expect(checkRunWrites(w.standIn.requestsSince(from))).toEqual([]);
    expect(graphqlOperations(w.standIn.requestsSince(from))).toEqual(["PullFacts"]);
    expect({ old: w.runsOn(oldHead).length, new: w.runsOn(pr.pull!.headSha).length }).toEqual(before);
  });

  test("a check_run rerequest without listed PRs (a fork's) finds the PR of its head SHA", async () => {
    w = await startSepWorld();
    const pr = await openValidSep();
    const [first] = w.runsOn(pr.pull!.headSha);
    const [rerequest] = holdDeliveries(w.standIn, () => w.standIn.control.as(AUTHOR, REPO).rerequestCheckRun(first!.id));
    const from = w.standIn.requests.length;
    // GitHub lists no pull requests in a check_run payload when the PR comes from a fork.
    await sendRewritten(w.standIn, rerequest!, (p) => ({ event: "check_run", payload: { ...p, check_run: { ...p.check_run, pull_requests: [] } } }));
    await w.settle();
    // The app asked GraphQL first: which pull requests hold the head commit.
    expect(graphqlOperations(w.standIn.requestsSince(from))[0]).toBe("SepCommitPulls");
    expect(w.runsOn(pr.pull!.headSha)).toHaveLength(2);
  });

  test("a check_run rerequest for another check is ignored", async () => {
    w = await startSepWorld();
    const pr = await openValidSep();
    // Another check on the same head, as another workflow of the app would have created it.
    const ci = { ...w.runsOn(pr.pull!.headSha)[0]!, id: w.standIn.state.id(), name: "CI", annotations: [] };
    w.standIn.control.repoOf(REPO).checkRuns.push(ci);
    const from = w.standIn.requests.length;
    w.standIn.control.as(AUTHOR, REPO).rerequestCheckRun(ci.id);
    await w.settle();
    expect(w.standIn.webhooks.deliveries.at(-1)).toMatchObject({ event: "check_run", action: "rerequested", status: 200 });
    expect(graphqlOperations(w.standIn.requestsSince(from))).toEqual([]);
    expect(checkRunWrites(w.standIn.requestsSince(from))).toEqual([]);
  });

  test("a PR not touching seps/ gets no check run", async () => {
    w = await startSepWorld();
    const pr = await w.openSep({ "docs/index.md": "# Docs\n", "seps/assets/diagram.md": "x\n", "seps/README.md": "# SEPs\n" }, []);
    expect(checkRunWrites(w.standIn.requests)).toEqual([]);
    expect(w.runsOn(pr.pull!.headSha)).toEqual([]);
    // One read of the PR, shared by the SEP check, the SEP link and the agenda check.
    expect(graphqlOperations(w.standIn.requests)).toEqual(["PullFacts"]);
  });

  test("120 findings arrive in 3 batches of at most 50 annotations; the run completes with its last batch", async () => {
    w = await startSepWorld();
    const junk = Array.from({ length: 120 }, (_, i) => `- **Junk ${i}**: x`);
    const n = w.nextNumber();
    // Holding the first update back lets the test see the run as it is after the first batch.
    w.standIn.faults.delay({ method: "POST", path: "/graphql", mutation: "updateCheckRun" }, 300);
    const author = w.standIn.control.as(AUTHOR, REPO);
    const pr = author.openPullRequest("SEP", "", { [pathOf(n)]: sepText({ number: n, fields: { PR: `#${n}` }, extraFields: junk }) });
    author.label(pr.number, "SEP", "draft");
    await waitFor(() => w.runsOn(pr.pull!.headSha).length > 0, 20_000, "the first batch");
    const [early] = w.runsOn(pr.pull!.headSha);
    expect({ status: early!.status, annotations: early!.annotations.length }).toEqual({ status: "in_progress", annotations: 50 });
    await w.settle(400);
    expect(checkRunWrites(w.standIn.requests)).toEqual(["createCheckRun", "updateCheckRun", "updateCheckRun"]); // the stand-in refuses more than 50 per request
    const runs = w.runsOn(pr.pull!.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe("completed");
    expect(runs[0]!.annotations).toHaveLength(120);
    expect(runs[0]!.annotations.every((a: any) => a.title === "field-unknown")).toBe(true);
  });

  test("a synchronize with one SEP file costs at most 5 requests (4 once the config is cached); the registry is read once per charter change", async () => {
    const n = 1;
    const sep = sepText({ number: n, fields: { PR: `#${n}` } });
    w = await startSepWorld({ files: { [pathOf(n)]: sep } });
    const pr = await w.openSep({ [pathOf(n)]: `${sep}\nMore text.\n` });
    const user = w.standIn.control.as(AUTHOR, REPO);
    user.updatePullRequest(pr.number, { [pathOf(n)]: `${sep}\nEven more text.\n` });
    await w.settle();
    // The sponsor's role and the registry are asked together: their order in the log may vary.
    const cost = (d: Delivery) => describeRequests(requestsDuring(w.standIn, d)).sort();
    // The SEP texts come with the PR: the branch's push named the file, then the PR's previous event did.
    const sepShare = ["POST /graphql PullFacts"];
    // The configuration and the first sponsor role's members (read beside the texts) are read once, then kept between deliveries.
    const firstReads = [`GET /repos/${REPO}/contents/.github%2Fconvener.yml`, ...sepShare, "GET /orgs/modelcontextprotocol/teams/maintainers/members"];
    const [opened] = deliveriesOf(w.standIn, "pull_request", "opened");
    expect(cost(opened!)).toEqual([...firstReads, "POST /graphql RegistryCharters", "POST /graphql ConvenerWrites"].sort());
    // The labels added right after opening: same head, same result, no registry read, no write.
    for (const labeled of deliveriesOf(w.standIn, "pull_request", "labeled")) expect(cost(labeled)).toEqual([...sepShare].sort());
    const [synchronize] = deliveriesOf(w.standIn, "pull_request", "synchronize");
    expect(cost(synchronize!)).toEqual([...sepShare, "POST /graphql ConvenerWrites"].sort());
    expect(cost(synchronize!).length).toBeLessThanOrEqual(3);

    const registryReads = (d: Delivery) => graphqlOperations(requestsDuring(w.standIn, d)).filter((op) => op.startsWith("Registry"));
    // A new commit on the default branch that leaves the charters alone: the registry is still current.
    user.push({ "README.md": "# MCP, edited\n" });
    user.updatePullRequest(pr.number, { [pathOf(n)]: `${sep}\nStill more text.\n` });
    await w.settle();
    expect(registryReads(deliveriesOf(w.standIn, "pull_request").at(-1)!)).toEqual([]);
    // A commit changing a charter: the next event reads the registry again, once.
    user.push({ "docs/community/working-groups/bench.mdx": "# Bench\n" });
    user.updatePullRequest(pr.number, { [pathOf(n)]: `${sep}\nAnd more text.\n` });
    user.label(pr.number, "needs-review");
    await w.settle();
    const after = deliveriesOf(w.standIn, "pull_request").slice(-2);
    expect(after.map((d) => d.action)).toEqual(["synchronize", "labeled"]);
    expect(after.map(registryReads)).toEqual([["RegistryCharters"], []]);
  });
});
