import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { features } from "../../src/features/index.js";
import { runSweep, type AuthFn } from "../../src/sweep/run-sweep.js";
import { silentLog } from "../../src/core/log.js";
import { createTestProbot, type TestProbot } from "../support/probot.js";
import { FakeDecisionsGitHub, OWNER, REPO, type FakeComment } from "../support/decisions-github.js";
import { examplePayload } from "../support/webhooks.js";

const REQUEST = ["group-request", "working-group", "group/ready"];
const HOUR = 3_600_000;

function commentEvent(fake: FakeDecisionsGitHub, number: number, c: FakeComment, delivery = `comment-${c.id}`) {
  const payload = examplePayload("issue_comment", "created");
  payload.issue.number = number;
  payload.issue.labels = fake.issues.get(number)!.labels.map((name, id) => ({ id, name }));
  Object.assign(payload.comment, { id: c.id, body: c.body, created_at: c.createdAt });
  payload.comment.user = { ...payload.comment.user, login: c.author, type: "User" };
  payload.sender = { ...payload.sender, login: c.author, type: "User" };
  return { id: delivery, name: "issue_comment" as const, payload };
}

function labelEvent(fake: FakeDecisionsGitHub, number: number, action: "labeled" | "unlabeled", label: string, actor: string) {
  const payload = examplePayload("issues", action);
  payload.issue.number = number;
  payload.issue.labels = fake.issues.get(number)!.labels.map((name, id) => ({ id, name }));
  payload.label = { ...payload.label, name: label };
  payload.sender = { ...payload.sender, login: actor, type: "User" };
  return { id: `label-${action}-${actor}-${Date.now()}`, name: "issues" as const, payload };
}

const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
const auth: AuthFn = async () => new Octokit({ auth: "test" }) as any;
const identity = { appId: 1, login: "convener[bot]" };
// This world answers the decisions feature's reads; the other sweep jobs are tested on their own worlds.
const decisionsOnly = features.filter((f) => f.name === "decisions");
const sweep = (now: Date, confirm = true) => runSweep({ auth, features: decisionsOnly, confirm, maxWrites: 30, identity, log: silentLog, clock: () => now });

describe("votes and vetoes through probot.receive", () => {
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

  async function openVote(number = 7): Promise<Date> {
    fake.addIssue(number, REQUEST);
    const opened = new Date();
    const c = fake.addComment(number, "mod1", "Looks ready to me.\n\n/vote", opened);
    await app.probot.receive(commentEvent(fake, number, c) as any);
    return opened;
  }

  test("a moderator's /vote opens one vote: comment with deadline and electorate, label vote/open", async () => {
    await openVote();
    const votes = fake.appComments(7, "convener:decisions:vote:1");
    expect(votes).toHaveLength(1);
    expect(votes[0]!.body).toMatch(/open until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(votes[0]!.body).toContain('"electorate":["mod1","mod2","mod3"]');
    expect(fake.issues.get(7)!.labels).toContain("vote/open");
    // Redelivery: no second vote comment, no reply.
    const c = fake.issues.get(7)!.comments[0]!;
    fake.writes.length = 0;
    await app.probot.receive(commentEvent(fake, 7, c) as any);
    expect(fake.writes).toEqual([]);
  });

  test("a non-moderator's /vote gets one reply and changes nothing, even when redelivered", async () => {
    fake.addIssue(8, REQUEST);
    const c = fake.addComment(8, "mallory", "/vote", new Date());
    await app.probot.receive(commentEvent(fake, 8, c) as any);
    await app.probot.receive(commentEvent(fake, 8, c, "redelivery") as any);
    expect(fake.appComments(8)).toHaveLength(1);
    expect(fake.appComments(8)[0]!.body).toContain("only the community moderators");
    expect(fake.issues.get(8)!.labels).toEqual(REQUEST);
  });

  test("an unauthorised veto label is removed with one reply; nothing else changes", async () => {
    await openVote(9);
    fake.humanLabel(9, "mallory", "veto", "labeled", new Date());
    fake.writes.length = 0;
    await app.probot.receive(labelEvent(fake, 9, "labeled", "veto", "mallory") as any);
    expect(fake.writes).toEqual(["label- veto", "comment #9"]);
    const issue = fake.issues.get(9)!;
    expect(issue.labels).not.toContain("veto");
    expect(issue.labels).toContain("vote/open");
    expect(issue.state).toBe("OPEN");
    expect(fake.appComments(9, "decisions:reply:")[0]!.body).toContain("label added by @\u200dmallory was removed");
    // The app's own removal comes back as an `unlabeled` webhook from the bot: no effect.
    const echo = labelEvent(fake, 9, "unlabeled", "veto", "convener[bot]");
    echo.payload.sender.type = "Bot";
    await app.probot.receive(echo as any);
    expect(fake.writes).toHaveLength(2);
  });

  test("an authorised veto label closes the vote and the request as not planned, with one comment", async () => {
    await openVote(10);
    fake.humanLabel(10, "lead1", "veto", "labeled", new Date());
    await app.probot.receive(labelEvent(fake, 10, "labeled", "veto", "lead1") as any);
    const issue = fake.issues.get(10)!;
    expect(issue.state).toBe("CLOSED");
    expect(issue.stateReason).toBe("not_planned");
    expect(issue.labels).toEqual(expect.arrayContaining(["group/vetoed", "veto"]));
    expect(issue.labels).not.toContain("vote/open");
    expect(fake.appComments(10, "decisions:veto:")).toHaveLength(1);
    expect(fake.appComments(10, '"outcome":"vetoed"')).toHaveLength(1);
  });

  test("a sweep after the deadline posts exactly one result; a second sweep and a concurrent pair add nothing", async () => {
    const opened = await openVote(11);
    fake.addComment(11, "mod1", "/vote yes", new Date(opened.getTime() + HOUR));
    fake.addComment(11, "mod2", "/vote yes", new Date(opened.getTime() + 2 * HOUR));
    fake.issues.get(11)!.comments[1]!.reactions.push({ content: "THUMBS_DOWN", user: "mod3", createdAt: new Date(opened.getTime() + 3 * HOUR).toISOString() });
    const before = await sweep(new Date(opened.getTime() + 71 * HOUR));
    expect(before.planned).toBe(0);
    const after = new Date(opened.getTime() + 73 * HOUR);
    const first = await sweep(after);
    expect(first.applied).toBeGreaterThan(0);
    expect(first.repositories.flatMap((r) => r.errors)).toEqual([]);
    const results = fake.appComments(11, "decisions:result:1");
    expect(results).toHaveLength(1);
    expect(results[0]!.body).toContain('"outcome":"passed"');
    expect(results[0]!.body).toContain("**2 yes**, **1 no**");
    expect(fake.issues.get(11)!.labels).toEqual(expect.arrayContaining(["vote/passed", "group/approved"]));
    fake.writes.length = 0;
    const second = await sweep(after);
    expect(second.planned).toBe(0);
    expect(fake.writes).toEqual([]);
    await Promise.all([sweep(after), sweep(after)]);
    expect(fake.appComments(11, "decisions:result:")).toHaveLength(1);
  });

  test("two sweeps racing on a deadline converge on one result comment", async () => {
    const opened = await openVote(12);
    const after = new Date(opened.getTime() + 73 * HOUR);
    await Promise.all([sweep(after), sweep(after)]);
    expect(fake.appComments(12, "decisions:result:")).toHaveLength(1);
  });

  test("an event on the request after the deadline tallies too", async () => {
    const opened = new Date(Date.now() - 80 * HOUR);
    fake.addIssue(13, REQUEST);
    const call = fake.addComment(13, "mod1", "/vote", opened);
    // Open the vote in the past through a sweep-independent path: a webhook at "opened" time is not
    // possible with the real clock, so the vote comment is written as the app would have.
    await app.probot.receive(commentEvent(fake, 13, call) as any);
    const vote = fake.appComments(13, "decisions:vote:1")[0]!;
    vote.body = vote.body.replace(/"opened":"[^"]+","deadline":"[^"]+"/, `"opened":"${opened.toISOString()}","deadline":"${new Date(opened.getTime() + 72 * HOUR).toISOString()}"`);
    fake.addComment(13, "mod2", "/vote no", new Date(opened.getTime() + HOUR));
    const chat = fake.addComment(13, "someone", "Any news?", new Date());
    await app.probot.receive(commentEvent(fake, 13, chat) as any);
    expect(fake.appComments(13, '"outcome":"failed"')).toHaveLength(1);
    expect(fake.issues.get(13)!.labels).toContain("vote/failed");
  });

  test("a veto label added while the app was down is honoured by the next sweep; lifting by label restores the approval", async () => {
    fake.addIssue(16, [...REQUEST, "vote/passed", "group/approved"]);
    fake.humanLabel(16, "core2", "veto", "labeled", new Date());
    const report = await sweep(new Date());
    expect(report.repositories.flatMap((r) => r.errors)).toEqual([]);
    let issue = fake.issues.get(16)!;
    expect(issue.state).toBe("CLOSED");
    expect(issue.labels).not.toContain("group/approved");
    // The label removal by an authorised maintainer arrives as a webhook: the veto is lifted.
    fake.humanLabel(16, "core2", "veto", "unlabeled", new Date(Date.now() + 1000));
    await app.probot.receive(labelEvent(fake, 16, "unlabeled", "veto", "core2") as any);
    issue = fake.issues.get(16)!;
    expect(issue.state).toBe("OPEN");
    expect(issue.labels).not.toContain("group/vetoed");
    expect(fake.appComments(16, "decisions:veto:")[0]!.body).toContain("**Lifted** by @\u200dcore2");
  });

  test("a /veto added by editing a comment takes effect without a reply", async () => {
    fake.addIssue(17, [...REQUEST, "vote/passed", "group/approved"]);
    const c = fake.addComment(17, "lead1", "/veto scope overlaps auth-ig", new Date());
    const event = commentEvent(fake, 17, c);
    event.payload.action = "edited";
    await app.probot.receive(event as any);
    expect(fake.issues.get(17)!.state).toBe("CLOSED");
    expect(fake.appComments(17, "decisions:reply:")).toHaveLength(0);
    expect(fake.appComments(17, "decisions:veto:")[0]!.body).toContain("Reason: scope overlaps auth-ig");
  });

  test("a busy vote (250 comments) is read page by page: early ballots still count", async () => {
    const opened = await openVote(18);
    fake.addComment(18, "mod1", "/vote yes", new Date(opened.getTime() + HOUR));
    fake.addComment(18, "mod2", "/vote yes", new Date(opened.getTime() + HOUR));
    for (let i = 0; i < 250; i++) fake.addComment(18, `fan${i}`, `+1 (${i})`, new Date(opened.getTime() + 2 * HOUR));
    fake.addComment(18, "mod3", "/vote no", new Date(opened.getTime() + 3 * HOUR));
    await sweep(new Date(opened.getTime() + 73 * HOUR));
    const result = fake.appComments(18, "decisions:result:1");
    expect(result).toHaveLength(1);
    expect(result[0]!.body).toContain("**2 yes**, **1 no**");
  });

  test("a result marker pasted by a person does not close the vote", async () => {
    const opened = await openVote(19);
    fake.addComment(19, "mallory", '<!-- convener:decisions:result:1 {"outcome":"failed"} -->\nIt failed!', new Date(opened.getTime() + HOUR));
    fake.addComment(19, "mod1", "/vote yes", new Date(opened.getTime() + 2 * HOUR));
    await sweep(new Date(opened.getTime() + 73 * HOUR));
    expect(fake.appComments(19, "decisions:result:1")).toHaveLength(1);
    expect(fake.issues.get(19)!.labels).toContain("group/approved");
  });

  test("sweep cost: fixed per repository, plus one GraphQL read per request with a running vote", async () => {
    const opened = await openVote(20);
    fake.addIssue(21, REQUEST); // no vote: never read by the sweep
    const counted: string[] = [];
    const countingAuth: AuthFn = async () => {
      const octokit = new Octokit({ auth: "test" });
      octokit.hook.before("request", (o: any) => void counted.push(`${o.method} ${o.url}`));
      return octokit as any;
    };
    await runSweep({ auth: countingAuth, features: decisionsOnly, confirm: true, maxWrites: 30, identity, log: silentLog, clock: () => new Date(opened.getTime() + 73 * HOUR) });
    const reads = counted.filter((r) => r.startsWith("GET") || r.endsWith("/graphql"));
    const writes = counted.length - reads.length;
    process.stdout.write(`sweep cost for one repository with one due vote: ${reads.length} reads, ${writes} writes\n${counted.join("\n")}\n`);
    // installations, repositories, config check, config read, list query, one state query, and the
    // SEP check's repair query (open pull requests).
    expect(reads.length).toBeLessThanOrEqual(8);
    expect(writes).toBeLessThanOrEqual(3);
  });

  test("API requests per decision event: opening a vote, a ballot, and a plain comment on a request", async () => {
    fake.addIssue(16, REQUEST);
    const receive = (author: string, body: string) => app.probot.receive(commentEvent(fake, 16, fake.addComment(16, author, body, new Date())) as any);
    app.reset();
    await receive("mod1", "/vote");
    const open = app.requests.length;
    app.reset();
    await receive("mod2", "/vote yes");
    const ballot = app.requests.length;
    app.reset();
    await receive("someone", "+1, nice");
    const chat = app.requests.length;
    process.stdout.write(`decision event cost: open=${open} ballot=${ballot} chat=${chat}\n`);
    // config read + one GraphQL read (+ writes: vote comment, its duplicate check, the label).
    expect(open).toBeLessThanOrEqual(6);
    expect(ballot).toBeLessThanOrEqual(3);
    expect(chat).toBeLessThanOrEqual(3);
    expect(app.writes().length).toBe(0);
  });

  test("commands in code blocks or quotes do nothing", async () => {
    fake.addIssue(14, REQUEST);
    const c = fake.addComment(14, "mod1", "To call a vote, write:\n\n```\n/vote\n```\n\n> /vote\n\nor `/vote`.", new Date());
    await app.probot.receive(commentEvent(fake, 14, c) as any);
    expect(fake.writes).toEqual([]);
  });

  test("/help replies once; an unknown command gets a pointer to /help", async () => {
    fake.addIssue(15, REQUEST);
    const help = fake.addComment(15, "someone", "/help", new Date());
    await app.probot.receive(commentEvent(fake, 15, help) as any);
    await app.probot.receive(commentEvent(fake, 15, help, "again") as any);
    const typo = fake.addComment(15, "someone", "/votee yes", new Date());
    await app.probot.receive(commentEvent(fake, 15, typo) as any);
    const own = fake.appComments(15);
    expect(own).toHaveLength(2);
    expect(own[0]!.body).toContain("### Convener commands");
    expect(own[1]!.body).toContain("does not know `/votee`");
  });
});

export { OWNER, REPO };
