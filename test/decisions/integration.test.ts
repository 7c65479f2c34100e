import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { features } from "../../src/features/index.js";
import { runSweep } from "../../src/sweep/run-sweep.js";
import { silentLog } from "../../src/core/log.js";
import {
  DECISIONS_CONFIG, FULL_NAME, HOUR, OWNER, REQUEST_LABELS, createStandInAuth, describeRequests, listAppComments, listRepoWrites, startDecisionsWorld, type DecisionsWorld,
} from "../support/decisions-stand-in.js";
import { validWgBody } from "../support/intake-bodies.js";

const identity = { appId: 1, login: "convener[bot]" };
// The sweep runs the decisions job only: the other jobs' sweeps are tested on their own worlds.
const decisionsOnly = features.filter((f) => f.name === "decisions");

describe("votes and vetoes on the stand-in, the app in process", () => {
  let world: DecisionsWorld;

  beforeEach(async () => {
    world = await startDecisionsWorld();
  });

  afterEach(async () => {
    await world?.stop();
  });

  const act = (login: string) => world.standIn.control.as(login, FULL_NAME);
  const issue = (number: number) => world.standIn.control.issueOf(FULL_NAME, number);
  const own = (number: number, marker = "") => listAppComments(world.standIn, number, marker);
  const requestCount = () => world.standIn.requests.length;
  const writesSince = (from: number) => describeRequests(listRepoWrites(world.standIn, from));

  /** A group request that existed before the test (no webhook). */
  function seedRequest(labels = REQUEST_LABELS): number {
    return world.standIn.control.seedIssue(FULL_NAME, "octocat", "[WG request] Transports", "", labels).number;
  }

  async function sweep(confirm = true) {
    const report = await runSweep({ auth: createStandInAuth(world.standIn), features: decisionsOnly, confirm, maxWrites: 30, identity, log: silentLog, clock: world.clock });
    await world.settle(); // the app's writes come back as webhooks; let the app see them before the next step
    return report;
  }

  /** A user's act, then time passes: the next act happens `hours` later on both clocks. */
  async function later(hours: number): Promise<void> {
    await world.settle();
    world.standIn.control.advanceClock(hours * HOUR);
  }

  /** `login` comments; returns the comment's id and the delivery GitHub sent for it. */
  async function comment(number: number, login: string, body: string) {
    const from = world.standIn.webhooks.deliveries.length;
    const id = act(login).comment(number, body);
    await world.settle();
    return { id, delivery: world.standIn.webhooks.deliveries[from]! };
  }

  async function openVote(): Promise<number> {
    const number = seedRequest();
    await comment(number, "mod1", "Looks ready to me.\n\n/vote");
    return number;
  }

  test("a moderator's /vote opens one vote: comment with deadline and electorate, label vote/open", async () => {
    const number = seedRequest();
    const { delivery } = await comment(number, "mod1", "Looks ready to me.\n\n/vote");
    const votes = own(number, "convener:decisions:vote:1");
    expect(votes).toHaveLength(1);
    expect(votes[0]!.body).toMatch(/open until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(votes[0]!.body).toContain('"electorate":["mod1","mod2","mod3"]');
    expect(issue(number).labels).toContain("vote/open");
    // Redelivery: no second vote comment, no reply.
    const from = requestCount();
    await world.standIn.webhooks.redeliver(delivery.id);
    await world.settle();
    expect(writesSince(from)).toEqual([]);
  });

  test("a non-moderator's /vote gets one reply and changes nothing, even when redelivered", async () => {
    const number = seedRequest();
    const { delivery } = await comment(number, "mallory", "/vote");
    await world.standIn.webhooks.redeliver(delivery.id);
    await world.settle();
    expect(own(number)).toHaveLength(1);
    expect(own(number)[0]!.body).toContain("only the community moderators");
    expect(issue(number).labels).toEqual(REQUEST_LABELS);
  });

  test("an unauthorised veto label is removed with one reply; nothing else changes", async () => {
    const number = await openVote();
    const from = requestCount();
    act("mallory").label(number, "veto");
    // settle also waits for the app's own removal, which comes back as an `unlabeled` webhook from
    // the bot: it must have no effect (no further writes).
    await world.settle();
    // The label removal and the reply: one GraphQL mutation document.
    expect(writesSince(from)).toEqual(["POST /graphql ConvenerWrites"]);
    expect(world.standIn.webhooks.deliveries.some((d) => d.action === "unlabeled" && JSON.parse(d.body).sender.type === "Bot")).toBe(true);
    expect(issue(number).labels).not.toContain("veto");
    expect(issue(number).labels).toContain("vote/open");
    expect(issue(number).state).toBe("open");
    expect(own(number, "decisions:reply:")[0]!.body).toContain("label added by @\u200dmallory was removed");
  });

  test("an authorised veto label closes the vote and the request as not planned, with one comment", async () => {
    const number = await openVote();
    act("lead1").label(number, "veto");
    await world.settle();
    expect(issue(number).state).toBe("closed");
    expect(issue(number).state_reason).toBe("not_planned");
    expect(issue(number).labels).toEqual(expect.arrayContaining(["group/vetoed", "veto"]));
    expect(issue(number).labels).not.toContain("vote/open");
    expect(own(number, "decisions:veto:")).toHaveLength(1);
    expect(own(number, '"outcome":"vetoed"')).toHaveLength(1);
  });

  test("a sweep after the deadline posts exactly one result; a second sweep and a concurrent pair add nothing", async () => {
    const number = await openVote();
    const vote = own(number, "convener:decisions:vote:1")[0]!;
    await later(1);
    await comment(number, "mod1", "/vote yes");
    await later(1);
    await comment(number, "mod2", "/vote yes");
    await later(1);
    act("mod3").react(number, "-1", vote.id);
    await later(68); // 71 hours after the call: the vote still runs
    expect((await sweep()).planned).toBe(0);
    await later(2); // 73 hours: past the 72-hour deadline
    const first = await sweep();
    expect(first.applied).toBeGreaterThan(0);
    expect(first.repositories.flatMap((r) => r.errors)).toEqual([]);
    const results = own(number, "decisions:result:1");
    expect(results).toHaveLength(1);
    expect(results[0]!.body).toContain('"outcome":"passed"');
    expect(results[0]!.body).toContain("**2 yes**, **1 no**");
    expect(issue(number).labels).toEqual(expect.arrayContaining(["vote/passed", "group/approved"]));
    const from = requestCount();
    const second = await sweep();
    expect(second.planned).toBe(0);
    expect(writesSince(from)).toEqual([]);
    await Promise.all([sweep(), sweep()]);
    expect(own(number, "decisions:result:")).toHaveLength(1);
  });

  test("two sweeps racing on a deadline converge on one result comment", async () => {
    const number = await openVote();
    await later(73);
    await Promise.all([sweep(), sweep()]);
    expect(own(number, "decisions:result:")).toHaveLength(1);
  });

  test("an event on the request after the deadline tallies too", async () => {
    const number = await openVote();
    await later(1);
    await comment(number, "mod2", "/vote no");
    await later(79);
    await comment(number, "someone", "Any news?");
    expect(own(number, '"outcome":"failed"')).toHaveLength(1);
    expect(issue(number).labels).toContain("vote/failed");
  });

  test("a veto label added while the app was down is honoured by the next sweep; lifting by label restores the approval", async () => {
    const number = seedRequest([...REQUEST_LABELS, "vote/passed", "group/approved"]);
    // The app is down: GitHub records the label and its delivery, but nothing reaches the app.
    const url = world.standIn.webhooks.url;
    world.standIn.webhooks.url = undefined;
    act("core2").label(number, "veto");
    world.standIn.webhooks.url = url;
    await later(1);
    const report = await sweep();
    expect(report.repositories.flatMap((r) => r.errors)).toEqual([]);
    expect(issue(number).state).toBe("closed");
    expect(issue(number).labels).not.toContain("group/approved");
    // The label removal by an authorised maintainer arrives as a webhook: the veto is lifted.
    act("core2").unlabel(number, "veto");
    await world.settle();
    expect(issue(number).state).toBe("open");
    expect(issue(number).labels).not.toContain("group/vetoed");
    expect(own(number, "decisions:veto:")[0]!.body).toContain("**Lifted** by @\u200dcore2");
  });

  test("a /veto added by editing a comment takes effect without a reply", async () => {
    const number = seedRequest([...REQUEST_LABELS, "vote/passed", "group/approved"]);
    const { id } = await comment(number, "lead1", "Scope overlaps auth-ig.");
    act("lead1").editComment(id, "/veto scope overlaps auth-ig");
    await world.settle();
    expect(issue(number).state).toBe("closed");
    expect(own(number, "decisions:reply:")).toHaveLength(0);
    expect(own(number, "decisions:veto:")[0]!.body).toContain("Reason: scope overlaps auth-ig");
  });

  test("a busy vote (250 comments) is read page by page: early ballots still count", async () => {
    const number = await openVote();
    await later(1);
    await comment(number, "mod1", "/vote yes");
    await comment(number, "mod2", "/vote yes");
    await later(1);
    // The fans' chatter is not delivered (it would cost 250 handled events and is not under test):
    // what matters is that the sweep's read pages back through it to the early ballots.
    const url = world.standIn.webhooks.url;
    world.standIn.webhooks.url = undefined;
    for (let i = 0; i < 250; i++) act(`fan${i}`).comment(number, `+1 (${i})`);
    world.standIn.webhooks.url = url;
    await later(1);
    await comment(number, "mod3", "/vote no");
    await later(70);
    await sweep();
    const result = own(number, "decisions:result:1");
    expect(result).toHaveLength(1);
    expect(result[0]!.body).toContain("**2 yes**, **1 no**");
  });

  test("a result marker pasted by a person does not close the vote", async () => {
    const number = await openVote();
    await later(1);
    await comment(number, "mallory", '<!-- convener:decisions:result:1 {"outcome":"failed"} -->\nIt failed!');
    await later(1);
    await comment(number, "mod1", "/vote yes");
    await comment(number, "mod2", "/vote yes");
    await later(71);
    await sweep();
    expect(own(number, "decisions:result:1")).toHaveLength(1);
    expect(issue(number).labels).toContain("group/approved");
  });

  test("the electorate is called once at the opening and reminded once, 24 h before the deadline, naming only who has not voted", async () => {
    const number = await openVote();
    const vote = own(number, "convener:decisions:vote:1")[0]!;
    expect(vote.body).toContain("Notified: @mod1 @mod2 @mod3.");
    expect(vote.body).toContain("The vote passes when more than half of the 3 moderators at the opening vote yes (more than 1.5 yes ballots");
    await later(1);
    await comment(number, "mod1", "/vote yes");
    await later(46); // hour 47: the reminder is not due yet
    await sweep();
    expect(own(number, "decisions:reminder:")).toHaveLength(0);
    await later(2); // hour 49: due
    await sweep();
    await sweep();
    const reminders = own(number, "decisions:reminder:1");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain("Not voted yet: @mod2, @mod3.");
    expect(reminders[0]!.body).not.toMatch(/@mod1\b/);
    // A ballot after the reminder writes nothing and reminds nobody again.
    const from = requestCount();
    await comment(number, "mod2", "/vote yes");
    expect(writesSince(from)).toEqual([]);
    await later(24);
    await sweep();
    const result = own(number, "decisions:result:1")[0]!;
    expect(result.body).toContain("2 of 3 moderators voted yes; more than 1.5 needed.");
    // Nobody is mentioned anywhere else: every other comment shows handles without notifying.
    const mentions = own(number).flatMap((c) => [...c.body.matchAll(/@(mod\d)\b/g)].map((m) => m[1]));
    expect(mentions.sort()).toEqual(["mod1", "mod2", "mod2", "mod3", "mod3"]);
  });

  test("an edit during the vote is flagged in the vote comment; a request edited into one intake refuses is not approved", async () => {
    const number = world.standIn.control.seedIssue(FULL_NAME, "octocat", "[WG request] Agents", validWgBody(), REQUEST_LABELS).number;
    await comment(number, "mod1", "/vote");
    expect(own(number, "convener:decisions:vote:1")[0]!.body).toMatch(/"bodySha256":"[0-9a-f]{64}"/);
    await later(1);
    await comment(number, "mod1", "/vote yes");
    await comment(number, "mod2", "/vote yes");
    await later(1);
    act("octocat").editIssue(number, { body: validWgBody({ name: "", tag: "Agents!" }) });
    await world.settle();
    const vote = own(number, "convener:decisions:vote:1")[0]!;
    expect(vote.body).toContain("⚠️ **The request was edited during this vote**");
    expect(vote.body).toContain(`(the [request](${world.standIn.urls.web}/${FULL_NAME}/issues/${number})'s "edited" menu`);
    await later(71);
    await sweep();
    const result = own(number, "decisions:result:1")[0]!;
    expect(result.body).toContain("The vote failed (the request no longer passes intake)");
    expect(result.body).toContain("2 of 3 moderators voted yes; more than 1.5 needed.");
    expect(issue(number).labels).not.toContain("group/approved");
    expect(result.body).toMatch(new RegExp(`@\u200dmod1: yes, \\[comment\\]\\(${world.standIn.urls.web}/${FULL_NAME}/issues/${number}#issuecomment-\\d+\\) at `));
  });

  test("a non-moderator who votes twice gets one reply, not two", async () => {
    const number = await openVote();
    await later(1);
    await comment(number, "mallory", "/vote yes");
    await later(1);
    const from = requestCount();
    await comment(number, "mallory", "Changed my mind.\n/vote no");
    expect(writesSince(from)).toEqual([]);
    const replies = own(number, "decisions:reply:");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain("non-binding");
  });

  test("sweep cost: fixed per repository, plus one GraphQL read per request with a running vote", async () => {
    const number = await openVote();
    seedRequest(); // no vote: never read by the sweep
    await later(73);
    const from = requestCount();
    await runSweep({ auth: createStandInAuth(world.standIn), features: decisionsOnly, confirm: true, maxWrites: 30, identity, log: silentLog, clock: world.clock });
    const counted = world.standIn.requestsSince(from);
    const reads = counted.filter((r) => !r.write);
    const writes = counted.filter((r) => r.write);
    process.stdout.write(`sweep cost for one repository with one due vote: ${reads.length} reads, ${writes.length} writes\n${describeRequests(counted).join("\n")}\n`);
    // installations, repositories, config check, config read, list query, one state query for the
    // due vote (none for the request without one), and the result comment's duplicate check.
    // Plus, until the gathers pass node ids on, applyPlan's one id look-up (ConvenerWriteIds).
    expect(reads.length).toBeLessThanOrEqual(8);
    expect(reads.filter((r) => r.operation === "DecisionState")).toHaveLength(1);
    expect(writes.length).toBeLessThanOrEqual(3);
    expect(own(number, "decisions:result:1")).toHaveLength(1);
  });

  test("API requests per decision event: opening a vote, a ballot, and a plain comment on a request", async () => {
    const number = seedRequest();
    const cost = async (login: string, body: string) => {
      const from = requestCount();
      await comment(number, login, body);
      return world.standIn.requestsSince(from);
    };
    const open = await cost("mod1", "/vote");
    const ballot = await cost("mod2", "/vote yes");
    const chat = await cost("someone", "+1, nice");
    process.stdout.write(`decision event cost: open=${open.length} ballot=${ballot.length} chat=${chat.length}\n${describeRequests(open).join("\n")}\n`);
    // config read + one GraphQL read (+ writes: vote comment, its duplicate check, the label).
    expect(open.length).toBeLessThanOrEqual(6);
    expect(ballot.length).toBeLessThanOrEqual(3);
    expect(chat.length).toBeLessThanOrEqual(3);
    expect(chat.filter((r) => r.write)).toEqual([]);
    // Beside the configuration: one state query per event, and the roles asked once. The vote's caller
    // is checked against the electorate list it reads anyway; a ballot asks no role at all (the
    // electorate is in the vote comment) and writes nothing.
    const isConfig = (r: { path: string }) => r.path.includes("/contents/.github");
    expect(open.filter((r) => r.operation === "DecisionState")).toHaveLength(1);
    expect(ballot.filter((r) => !isConfig(r)).map((r) => r.operation ?? `${r.method} ${r.path}`)).toEqual(["DecisionState"]);
    expect(chat.filter((r) => !isConfig(r)).map((r) => r.operation ?? `${r.method} ${r.path}`)).toEqual(["DecisionState"]);
  });

  test("roles held by teams: each event asks a role once, a ballot asks none, and the look-ups the payload names go beside the state query", async () => {
    await world.stop();
    world = await startDecisionsWorld(DECISIONS_CONFIG.replace("moderators: [mod1, mod2, mod3]", "moderators: [\"@Codertocat/mods\"]").replace("coreMaintainers: [core1, core2]", "coreMaintainers: [\"@Codertocat/core\"]"));
    world.standIn.control.org(OWNER);
    world.standIn.control.team(OWNER, "mods", ["mod1", "mod2", "mod3"]);
    world.standIn.control.team(OWNER, "core", ["core1", "core2"]);
    const number = seedRequest();
    const cost = async (login: string, body: string) => {
      const from = requestCount();
      await comment(number, login, body);
      return world.standIn.requestsSince(from).filter((r) => !r.write && !r.path.includes("/contents/.github"));
    };
    const teamReads = (records: { path: string }[]) => records.filter((r) => r.path.includes("/teams/")).map((r) => r.path.replace(/^.*\/teams\//, ""));
    const open = await cost("mod1", "/vote");
    expect(own(number, "convener:decisions:vote:1")[0]!.body).toContain('"electorate":["mod1","mod2","mod3"]');
    // The caller is found in the electorate list the vote needs anyway: no membership look-up beside it.
    expect(teamReads(open)).toEqual(["mods/members"]);
    const ballot = await cost("mod2", "/vote yes");
    expect(ballot.map((r) => r.operation ?? r.path)).toEqual(["DecisionState"]);
    const veto = await cost("core1", "/veto Overlaps with another group.");
    expect(teamReads(veto)).toEqual(["core/memberships/core1"]);
    expect(issue(number).labels).toContain("group/vetoed");
  });

  test("commands in code blocks or quotes do nothing", async () => {
    const number = seedRequest();
    const from = requestCount();
    await comment(number, "mod1", "To call a vote, write:\n\n```\n/vote\n```\n\n> /vote\n\nor `/vote`.");
    expect(writesSince(from)).toEqual([]);
  });

  test("/help replies once; an unknown command gets a pointer to /help", async () => {
    const number = seedRequest();
    const { delivery } = await comment(number, "someone", "/help");
    await world.standIn.webhooks.redeliver(delivery.id);
    await world.settle();
    await comment(number, "someone", "/votee yes");
    const replies = own(number);
    expect(replies).toHaveLength(2);
    expect(replies[0]!.body).toContain("### Convener commands");
    expect(replies[1]!.body).toContain("does not know `/votee`");
  });
});
