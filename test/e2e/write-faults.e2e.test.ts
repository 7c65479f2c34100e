import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FaultRule } from "../../sandbox/src/faults.js";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import type { RequestRecord } from "../../sandbox/src/stand-in.js";
import { agendaText } from "../support/meetings-fixtures.js";
import { igRequest, REPO } from "./e2e-world.js";

/**
 * Every kind of write the app makes, each answered once with a secondary rate limit (403) or a 429,
 * through the real server and the stand-in: the write is retried after `retry-after` (or a backoff
 * when GitHub gives none), the delivery is answered 200 within GitHub's budget, and the effect
 * happens exactly once.
 */
const CHARTER = readFileSync(join(process.cwd(), "..", "shared", "fixtures", "mcp", "charters", "interest-groups", "auth.mdx"), "utf8");

type Limit = "403 secondary" | "403 secondary, no retry-after" | "429";
const SWEEP_TOKEN = "write-faults-sweep";

describe("faulted writes are retried end to end", () => {
  let h: Harness;
  let serial = 0;
  const issue = (n: number) => h.standIn.control.issueOf(REPO, n);
  const appComments = (n: number) => issue(n).comments.filter((c) => c.user === "convener[bot]");
  const notesIssues = () => [...h.standIn.control.repoOf(REPO).issues.values()].filter((i) => i.labels.includes("notes"));

  beforeAll(async () => {
    h = await startHarness({
      env: { SWEEP_TOKEN },
      seed: (s) => {
        s.control.repo(REPO, {
          "README.md": "# MCP\n",
          ".github/convener.yml": "meetings:\n  noticeDays: 7\n",
          "docs/community/interest-groups/auth.mdx": CHARTER,
        });
        ["alice", "bob"].forEach((u) => s.control.user(u));
      },
    });
  }, 60_000);
  afterAll(async () => h?.stop());

  async function sweep(): Promise<{ applied: number; planned: number; left: number }> {
    const res = await fetch(`http://127.0.0.1:${h.app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { applied: number; planned: number; left: number };
  }

  function inject(limit: Limit, match: Pick<FaultRule, "method" | "path" | "mutation">): void {
    if (limit === "429") h.standIn.faults.tooManyRequests(match, 1);
    else h.standIn.faults.secondaryRateLimit(match, limit === "403 secondary" ? 1 : null);
  }

  /**
   * The faulted write answered the limit once, then succeeded after waiting; every user delivery was
   * answered 2xx. Writes that GitHub has a mutation for are one GraphQL document per event: the
   * retry is the next write to the same path.
   */
  function expectRetried(records: RequestRecord[], limit: Limit, fromDelivery: number): void {
    const faulted = records.findIndex((r) => r.fault);
    expect(faulted).toBeGreaterThanOrEqual(0);
    const retry = records.slice(faulted + 1).find((r) => r.write && r.method === records[faulted]!.method && r.path === records[faulted]!.path);
    const hits = [records[faulted]!, ...(retry ? [retry] : [])];
    expect(hits.map((r) => r.status)).toEqual([limit === "429" ? 429 : 403, expect.any(Number)]);
    expect(hits[1]!.status).toBeLessThan(300);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(900); // waited for retry-after (or the first backoff step)
    const deliveries = h.standIn.webhooks.deliveries.slice(fromDelivery).filter((d) => JSON.parse(d.body).sender?.login !== "convener[bot]");
    expect(deliveries.length).toBeGreaterThan(0);
    for (const d of deliveries) expect(d.status).toBe(200);
    // Retried inside the delivery that was limited, not redone by a later delivery (an `issues.labeled`
    // after `issues.opened` re-runs intake: that is how a lost write used to look repaired).
    const within = deliveries.find((d) => d.sentAt! <= hits[0]!.at && d.answeredAt! >= hits[1]!.at);
    expect(within).toBeDefined();
  }

  async function openRequest(facilitators = "@alice") {
    serial++;
    const { body, labels } = igRequest({ "group-name": `Group ${serial}`, tag: `group${serial}-ig`, facilitators });
    const opened = h.standIn.control.as("bob", REPO).openIssue(`[IG request] Group ${serial}`, body, labels);
    return { number: opened.number, fixed: igRequest({ "group-name": `Group ${serial}`, tag: `group${serial}-ig` }).body };
  }

  const LIMITS: Limit[] = ["403 secondary", "429"];

  test.each(LIMITS)("comment create (%s): one 'ready' comment", async (limit) => {
    inject(limit, { method: "POST", path: "/graphql", mutation: "addComment" });
    const from = h.standIn.requests.length;
    const d = h.standIn.webhooks.deliveries.length;
    const { number } = await openRequest();
    await h.standIn.settle(500);
    expectRetried(h.standIn.requestsSince(from), limit, d);
    expect(appComments(number)).toHaveLength(1);
    expect(appComments(number)[0]!.body).toContain("ready for moderator review");
  }, 30_000);

  test.each<Limit>([...LIMITS, "403 secondary, no retry-after"])("label add (%s): the label is set once", async (limit) => {
    inject(limit, { method: "POST", path: "/graphql", mutation: "addLabelsToLabelable" });
    const from = h.standIn.requests.length;
    const d = h.standIn.webhooks.deliveries.length;
    const { number } = await openRequest();
    await h.standIn.settle(500);
    expectRetried(h.standIn.requestsSince(from), limit, d);
    expect(issue(number).labels.filter((l) => l === "group/ready")).toHaveLength(1);
  }, 30_000);

  test.each(LIMITS)("comment update and label remove (%s): the fix flips comment and label", async (limit) => {
    const { number, fixed } = await openRequest("@ghost-user");
    await h.standIn.settle();
    expect(issue(number).labels).toContain("group/needs-changes");
    // The comment update and the label changes are one document: one limit, one retry, all applied.
    inject(limit, { method: "POST", path: "/graphql", mutation: "removeLabelsFromLabelable" });
    const from = h.standIn.requests.length;
    const d = h.standIn.webhooks.deliveries.length;
    h.standIn.control.as("bob", REPO).editIssue(number, { body: fixed });
    await h.standIn.settle(500);
    const records = h.standIn.requestsSince(from);
    expectRetried(records, limit, d);
    expect(appComments(number)).toHaveLength(1);
    expect(appComments(number)[0]!.body).toContain("ready for moderator review");
    expect(issue(number).labels).toContain("group/ready");
    expect(issue(number).labels).not.toContain("group/needs-changes");
  }, 30_000);

  test.each(LIMITS)("issue create and close (%s): one notes issue, closed once", async (limit) => {
    const date = `2031-0${3 + LIMITS.indexOf(limit)}-10`;
    const path = `meetings/auth-ig/${date}.md`;
    const alice = h.standIn.control.as("alice", REPO);
    // A notes issue goes out as `createIssue` in the mutation document, or over REST when one of its
    // labels does not exist yet (REST creates it on the way): the fault waits on both.
    inject(limit, { method: "POST", path: new RegExp(`^/repos/${REPO}/issues$`) });
    inject(limit, { method: "POST", path: "/graphql", mutation: "createIssue" });
    let from = h.standIn.requests.length;
    let d = h.standIn.webhooks.deliveries.length;
    alice.push({ [path]: agendaText(date) }, "Agenda");
    await h.standIn.settle(500);
    expectRetried(h.standIn.requestsSince(from), limit, d);
    h.standIn.faults.clear();
    const opened = notesIssues().filter((i) => i.title.includes(date));
    expect(opened).toHaveLength(1);

    inject(limit, { method: "POST", path: "/graphql", mutation: "closeIssue" });
    from = h.standIn.requests.length;
    d = h.standIn.webhooks.deliveries.length;
    alice.push({ [path]: agendaText(date, { cancelled: true }) }, "Cancel");
    await h.standIn.settle(500);
    expectRetried(h.standIn.requestsSince(from), limit, d);
    expect(opened[0]!.state).toBe("closed");
    expect(opened[0]!.comments.filter((c) => c.user === "convener[bot]")).toHaveLength(1);
  }, 30_000);

  test.each(LIMITS)("check run (%s): one completed run", async (limit) => {
    inject(limit, { method: "POST", path: "/graphql", mutation: "createCheckRun" });
    const from = h.standIn.requests.length;
    const d = h.standIn.webhooks.deliveries.length;
    const date = `2031-1${LIMITS.indexOf(limit)}-06`;
    const pr = h.standIn.control.as("alice", REPO).openPullRequest("Agenda", "", { [`meetings/auth-ig/${date}.md`]: agendaText(date) });
    await h.standIn.settle(500);
    expectRetried(h.standIn.requestsSince(from), limit, d);
    const runs = h.standIn.control.repoOf(REPO).checkRuns.filter((r) => r.head_sha === pr.pull!.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe("completed");
  }, 30_000);

  test("a label write that still fails after its retries answers 5xx; the next sweep repairs the label", async () => {
    const { number, fixed } = await openRequest("@ghost-user");
    await h.standIn.settle();
    expect(issue(number).labels).toContain("group/needs-changes");
    // The issue's report: a secondary limit on every label write (add and remove) of this request.
    // The comment update goes in the same document as the label writes, so it is refused with them.
    h.standIn.faults.secondaryRateLimit({ method: "POST", path: "/graphql", mutation: "addLabelsToLabelable" }, 1, 1_000);
    // GitHub's timestamps have whole seconds: the sweep sees an edit as newer than the verdict only
    // from the next second on (an edit in the verdict's own second whose delivery failed waits for
    // the next edit: a known limit of the timestamp comparison).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const d = h.standIn.webhooks.deliveries.length;
    h.standIn.control.as("bob", REPO).editIssue(number, { body: fixed });
    await h.standIn.settle(500);
    const edited = h.standIn.webhooks.deliveries.slice(d).filter((x) => x.event === "issues" && x.action === "edited");
    expect(edited).toHaveLength(1);
    expect(edited[0]!.status).toBe(500);
    expect(edited[0]!.ms!).toBeLessThan(10_000); // answered within GitHub's delivery budget, not timed out
    expect(appComments(number)[0]!.body).not.toContain("ready for moderator review");
    expect(issue(number).labels).toContain("group/needs-changes"); // the drift the issue describes

    h.standIn.faults.clear();
    const from = h.standIn.requests.length;
    const report = await sweep();
    await h.standIn.settle();
    expect(report.applied).toBeGreaterThanOrEqual(2);
    expect(issue(number).labels).toContain("group/ready");
    expect(issue(number).labels).not.toContain("group/needs-changes");
    expect(appComments(number)).toHaveLength(1);
    const writes = h.standIn.requestsSince(from).filter((r) => r.write);
    expect(writes.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["POST /graphql 200"]);

    const again = h.standIn.requests.length;
    await sweep();
    await h.standIn.settle();
    expect(h.standIn.requestsSince(again).filter((r) => r.write)).toEqual([]);
  }, 60_000);

  test("a notes issue that could not be opened is opened by the next sweep, and a stale block is brought up to date", async () => {
    const date = "2031-08-04";
    const path = `meetings/auth-ig/${date}.md`;
    h.standIn.faults.failNext({ method: "POST", path: new RegExp(`^/repos/${REPO}/issues$`) }, 1_000, 502);
    h.standIn.faults.failNext({ method: "POST", path: "/graphql", mutation: "createIssue" }, 1_000, 502);
    const d = h.standIn.webhooks.deliveries.length;
    h.standIn.control.as("alice", REPO).push({ [path]: agendaText(date) }, "Agenda");
    await h.standIn.settle(500);
    expect(h.standIn.webhooks.deliveries.slice(d).filter((x) => x.event === "push").map((x) => x.status)).toEqual([500]);
    expect(notesIssues().filter((i) => i.title.includes(date))).toHaveLength(0);

    h.standIn.faults.clear();
    await sweep();
    await h.standIn.settle();
    const opened = notesIssues().filter((i) => i.title.includes(date));
    expect(opened).toHaveLength(1);
    expect(opened[0]!.body).toContain("| **UTC** | 2031-08-04 16:00 UTC |");

    // The next change's block update fails persistently; the sweep after it writes the new time.
    h.standIn.faults.failNext({ method: "POST", path: "/graphql", mutation: "updateIssue" }, 1_000, 502);
    h.standIn.control.as("alice", REPO).push({ [path]: agendaText(date, { time: "11:00" }) }, "Later");
    await h.standIn.settle(500);
    expect(opened[0]!.body).toContain("| **UTC** | 2031-08-04 16:00 UTC |");
    h.standIn.faults.clear();
    await sweep();
    await h.standIn.settle();
    expect(opened[0]!.body).toContain("| **UTC** | 2031-08-04 18:00 UTC |");
    const again = h.standIn.requests.length;
    await sweep();
    await h.standIn.settle();
    expect(h.standIn.requestsSince(again).filter((r) => r.write)).toEqual([]);
  }, 60_000);
});
