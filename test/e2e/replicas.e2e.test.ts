import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { RequestRecord } from "../../sandbox/src/stand-in.js";
import { startReplicaWorld, type ReplicaWorld } from "../../sandbox/src/replicas.js";
import type { Delivery } from "../../sandbox/src/webhooks/sender.js";
import { igRequest, REPO, USERS, wgRequest } from "./e2e-world.js";

/**
 * Three real servers on one Redis behind a round-robin proxy; the stand-in delivers in parallel.
 * Whatever replica a delivery lands on, each has exactly one effect: no comment or issue written
 * twice (none created and later deleted), no update lost, one sweep at a time, and a replica
 * killed mid-delivery or a Redis restart costs a redelivery, never a duplicate or a loss.
 */
const BOT = "convener[bot]";

describe("three replicas on one Redis", () => {
  let w: ReplicaWorld;
  const appComments = (n: number) => w.standIn.control.issueOf(REPO, n).comments.filter((c) => c.user === BOT);
  const labels = (n: number) => w.standIn.control.issueOf(REPO, n).labels;
  /** Comments and issues removed by the app: a duplicate written and then cleaned up. */
  const deletions = (records: RequestRecord[]) =>
    records.filter((r) => r.method === "DELETE" || /delete(IssueComment|Issue)\b/.test((r.mutations ?? []).join(" ")));

  /** Opens the issue with its deliveries held, and returns them (the stand-in records them without sending). */
  const held = <T>(act: () => T): { result: T; deliveries: Delivery[] } => {
    const from = w.standIn.webhooks.deliveries.length;
    w.standIn.webhooks.url = undefined;
    try {
      return { result: act(), deliveries: w.standIn.webhooks.deliveries.slice(from) };
    } finally {
      w.standIn.webhooks.url = w.webhookUrl;
    }
  };
  const post = (d: Delivery, url = w.webhookUrl) => w.standIn.webhooks.post({ ...d } as Delivery, undefined, url);

  beforeAll(async () => {
    w = await startReplicaWorld({
      replicas: 3,
      seed: (s) => {
        s.control.repo(REPO, { "README.md": "# Model Context Protocol\n" });
        USERS.forEach((u) => s.control.user(u));
        s.control.seedIssue(REPO, "carol", "Durable agents", "Tracking issue for agent execution.");
      },
    });
  }, 120_000);
  afterAll(async () => w?.stop(), 60_000);

  test("one delivery redelivered five times, at once, across the replicas: one comment, no write repeated", async () => {
    const { body, labels: formLabels } = igRequest({ "group-name": "Security", tag: "security-ig" });
    const { result: issue, deliveries } = held(() => w.standIn.control.as("dana", REPO).openIssue("[IG request] Security", body, formLabels));
    const opened = deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const from = w.standIn.requests.length;
    const answers = await Promise.all([0, 1, 2, 3, 4].map(() => post(opened)));
    for (const a of answers) expect([200, 202]).toContain(a.status);
    await w.standIn.settle(500, 60_000);
    expect(appComments(issue.number)).toHaveLength(1);
    expect(labels(issue.number)).toContain("group/ready");
    const log = w.standIn.requestsSince(from);
    expect(deletions(log)).toEqual([]);
    // One replica did the work; the others found the delivery recorded and wrote nothing.
    expect(log.filter((r) => r.write && r.mutations?.includes("addComment"))).toHaveLength(1);
    expect([...w.proxy.sent.values()].filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  test("a configuration pushed to one replica is seen by every replica's cached configuration at once", async () => {
    const at = (i: number) => w.apps[i]!.webhookUrl;
    /** One IG request per replica, each delivered straight to that replica; their numbers. */
    const openOnEach = async (name: string): Promise<number[]> => {
      const numbers: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { body, labels: formLabels } = igRequest({ "group-name": `${name} ${i}`, tag: `${name.toLowerCase()}${i}-ig` });
        const { result: issue, deliveries } = held(() => w.standIn.control.as("bob", REPO).openIssue(`[IG request] ${name} ${i}`, body, formLabels));
        const answer = await post(deliveries.find((d) => d.event === "issues" && d.action === "opened")!, at(i));
        expect([200, 202]).toContain(answer.status);
        numbers.push(issue.number);
      }
      await w.standIn.settle(500, 60_000);
      return numbers;
    };
    // Every replica has read and cached the default configuration (intake on).
    for (const n of await openOnEach("Warm")) expect(appComments(n)).toHaveLength(1);
    // The push reaches one replica (the proxy picks it); the others learn of it from Redis.
    w.standIn.control.as("carol", REPO).push({ ".github/convener.yml": "intake:\n  enabled: false\n" }, "Turn intake off");
    await w.standIn.settle(500, 60_000);
    for (const n of await openOnEach("Off")) expect(appComments(n)).toHaveLength(0);
    w.standIn.control.as("carol", REPO).push({ ".github/convener.yml": null }, "Back to the defaults");
    await w.standIn.settle(500, 60_000);
    for (const n of await openOnEach("On")) expect(appComments(n)).toHaveLength(1);
  }, 180_000);

  test("50 concurrent events on one issue: one comment, in its final state, no duplicate ever written", async () => {
    const user = w.standIn.control.as("bob", REPO);
    const bad = wgRequest({ tag: "Agents_WG" });
    const good = wgRequest();
    const { result: issue, deliveries } = held(() => {
      const opened = user.openIssue("[WG request] Agents", bad.body, bad.labels);
      // Edits back and forth; the last one makes the request valid.
      for (let i = 0; i < 49; i++) user.editIssue(opened.number, { body: i % 2 === 0 ? good.body : bad.body, title: `[WG request] Agents ${i}` });
      user.editIssue(opened.number, { body: good.body });
      return opened;
    });
    const events = deliveries.filter((d) => d.event === "issues").slice(0, 50);
    expect(events).toHaveLength(50);
    const from = w.standIn.requests.length;
    const answers = await Promise.all(events.map((d) => post(d)));
    for (const a of answers) expect([200, 202]).toContain(a.status);
    await w.standIn.settle(1_000, 180_000);
    const comments = appComments(issue.number);
    expect(comments).toHaveLength(1);
    // No lost update: the comment and labels say what the issue says now.
    expect(comments[0]!.body).toContain("ready for moderator review");
    expect(labels(issue.number)).toContain("group/ready");
    expect(labels(issue.number)).not.toContain("group/needs-changes");
    const log = w.standIn.requestsSince(from);
    expect(deletions(log)).toEqual([]);
    expect(log.filter((r) => r.write && r.mutations?.includes("addComment"))).toHaveLength(1);
  }, 240_000);

  test("three sweeps at once: one runs, the others are declined", async () => {
    const from = w.standIn.requests.length;
    const answers = await Promise.all(w.apps.map((app) => fetch(`http://127.0.0.1:${app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${w.sweepToken}` } })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    await w.standIn.settle(500, 60_000);
    expect(deletions(w.standIn.requestsSince(from))).toEqual([]);
    // The one that ran has let go: the next sweep runs.
    const again = await fetch(`${w.proxy.url}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${w.sweepToken}` } });
    expect(again.status).toBe(200);
  }, 120_000);

  test("a replica killed mid-delivery: the redelivery, on another replica, has the one effect", async () => {
    const { body, labels: formLabels } = igRequest({ "group-name": "Killed", tag: "killed-ig" });
    const { result: issue, deliveries } = held(() => w.standIn.control.as("alice", REPO).openIssue("[IG request] Killed", body, formLabels));
    const opened = deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const victim = w.apps[0]!;
    // Its write is held at the stand-in; the replica dies while waiting for the answer.
    w.standIn.faults.delay({ method: "POST", path: "/graphql", mutation: "addComment" }, 3_000, 1);
    const from = w.standIn.requests.length;
    const sent = post(opened, victim.webhookUrl);
    const deadline = Date.now() + 30_000;
    while (!w.standIn.faults.rules.some((r) => r.mutation === "addComment" && (r.hits ?? 0) > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    victim.child.kill("SIGKILL");
    const lost = await sent;
    expect(lost.status).toBeUndefined(); // no answer: GitHub marks it failed
    w.proxy.targets.splice(w.proxy.targets.indexOf(`http://127.0.0.1:${victim.port}`), 1);
    // The dead replica's issue lock expires within seconds; the redelivery waits for it.
    const again = await post(opened);
    expect([200, 202]).toContain(again.status);
    await w.standIn.settle(1_000, 60_000);
    expect(appComments(issue.number)).toHaveLength(1);
    expect(labels(issue.number)).toContain("group/ready");
    expect(deletions(w.standIn.requestsSince(from))).toEqual([]);
  }, 120_000);

  test("Redis restarted mid-run: deliveries meanwhile fail with 503, /ping stays up; redelivered, each has its one effect", async () => {
    const child = w.redis.child();
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const { body, labels: formLabels } = igRequest({ "group-name": "Outage", tag: "outage-ig" });
    const { result: issue, deliveries } = held(() => w.standIn.control.as("carol", REPO).openIssue("[IG request] Outage", body, formLabels));
    const opened = deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const failed = await post(opened);
    expect(failed.status).toBe(503);
    for (const app of w.apps.filter((a) => a.child.exitCode === null && a.child.signalCode === null)) {
      expect((await fetch(`http://127.0.0.1:${app.port}/ping`)).status).toBe(200);
    }
    expect(appComments(issue.number)).toHaveLength(0);
    await w.redis.restart(0);
    // Each replica reconnects by itself (at most a second between attempts).
    await new Promise((r) => setTimeout(r, 2_500));
    const again = await post(opened);
    expect([200, 202]).toContain(again.status);
    await w.standIn.settle(1_000, 60_000);
    if (appComments(issue.number).length !== 1) console.log(w.apps.map((a) => a.output().split("\n").filter((l) => /error|warn/i.test(l)).slice(-15).join("\n")).join("\n----\n"));
    expect(appComments(issue.number)).toHaveLength(1);
    expect(labels(issue.number)).toContain("group/ready");
  }, 120_000);
});
