import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { features } from "../../src/features/index.js";
import { runSweep } from "../../src/sweep/run-sweep.js";
import { silentLog } from "../../src/core/log.js";
import { DECISIONS_CONFIG, FULL_NAME, HOUR, OWNER, REQUEST_LABELS, createStandInAuth, startDecisionsWorld, type DecisionsWorld } from "../support/decisions-stand-in.js";
import { validWgBody } from "../support/intake-bodies.js";

const identity = { appId: 1, login: "convener[bot]" };
const decisionsOnly = features.filter((f) => f.name === "decisions");
const VENUE = `${OWNER}/moderators`;
const CONFIG = `${DECISIONS_CONFIG}decisions:
  venue:
    repository: ${VENUE}
`;

/** A mention that notifies (not one the app wrote as a quoted name, with a zero-width joiner). */
const MENTION = /(^|[^\w\u200d])@(mod\d|mallory|core1|lead1)\b/;

describe("a vote held in a private venue repository, on the stand-in", () => {
  let world: DecisionsWorld;

  beforeEach(async () => {
    world = await startDecisionsWorld(CONFIG);
    world.standIn.control.repo(VENUE, { "README.md": "# Moderators (private)\n" }).private = true;
  });

  afterEach(async () => {
    await world?.stop();
  });

  const act = (login: string, repo = FULL_NAME) => world.standIn.control.as(login, repo);
  const bot = () => world.standIn.state.app.botLogin;
  const request = (number: number) => world.standIn.control.issueOf(FULL_NAME, number);
  const venueIssues = () => [...world.standIn.control.repoOf(VENUE).issues.values()].filter((i) => i.user === bot() && !i.pull);
  const own = (issue: { comments: { user: string; body: string }[] }, marker = "") => issue.comments.filter((c) => c.user === bot() && c.body.includes(marker));

  async function later(hours: number) {
    await world.settle();
    world.standIn.control.advanceClock(hours * HOUR);
  }

  async function sweep() {
    await runSweep({ auth: createStandInAuth(world.standIn), features: decisionsOnly, confirm: true, maxWrites: 30, identity, log: silentLog, clock: world.clock });
    await world.settle();
  }

  async function openVenueVote(): Promise<number> {
    const number = world.standIn.control.seedIssue(FULL_NAME, "octocat", "[WG request] Agents", validWgBody(), REQUEST_LABELS).number;
    act("mod1").comment(number, "/vote");
    await world.settle();
    return number;
  }

  test("the vote issue opens in the venue, ballots are cast there, the public request shows only progress and the outcome with counts", async () => {
    const number = await openVenueVote();
    const [venue, ...more] = venueIssues();
    expect(more).toHaveLength(0);
    expect(venue!.title).toBe(`Vote: [WG request] Agents (${FULL_NAME}#${number})`);
    expect(venue!.body).toContain(`[${FULL_NAME}#${number}](${world.standIn.urls.web}/${FULL_NAME}/issues/${number})`);
    expect(venue!.labels).toContain("vote/open");
    const call = own(venue!, "convener:decisions:venue-vote:1");
    expect(call).toHaveLength(1);
    expect(call[0]!.body).toContain("Notified: @mod1 @mod2 @mod3.");
    const progress = own(request(number), "convener:decisions:vote:1");
    expect(progress).toHaveLength(1);
    expect(progress[0]!.body).toMatch(/### 🗳️ Vote in progress until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(request(number).labels).toContain("vote/open");

    await later(1);
    act("mod1", VENUE).comment(venue!.number, "/vote yes");
    act("mod2", VENUE).comment(venue!.number, "I support it.\n/vote yes");
    act("mod3", VENUE).comment(venue!.number, "/vote no");
    await world.settle();
    expect(own(venueIssues()[0]!)).toHaveLength(1); // ballots get no answer one by one
    // A ballot on the public request does not count, and says where the vote is.
    act("mod3").comment(number, "/vote yes");
    await world.settle();
    expect(own(request(number), "decisions:reply:")[0]!.body).toContain(`This vote is held in private, in \`${VENUE}\``);
    await later(72);
    await sweep();
    await sweep();

    const result = own(request(number), "convener:decisions:result:1");
    expect(result).toHaveLength(1);
    expect(result[0]!.body).toContain("### ✅ The vote passed");
    expect(result[0]!.body).toContain("**2 yes**, **1 no**, 0 abstain, out of 3 moderators. 2 of 3 moderators voted yes; more than 1.5 needed.");
    expect(result[0]!.body).not.toMatch(/mod\d/); // names are optional, off by default
    expect(request(number).labels).toEqual(expect.arrayContaining(["vote/passed", "group/approved"]));
    expect(request(number).labels).not.toContain("vote/open");
    // The public request never names the moderators, nor notifies anyone.
    for (const c of own(request(number))) expect(c.body).not.toMatch(MENTION);

    const closed = venueIssues()[0]!;
    expect(closed.state).toBe("closed");
    expect(closed.labels).not.toContain("vote/open");
    const full = own(closed, "convener:decisions:venue-result:1");
    expect(full).toHaveLength(1);
    expect(full[0]!.body).toContain("| yes | @\u200dmod1, @\u200dmod2 |");
    expect(full[0]!.body).toContain("**Ballots on record**");
  });

  test("the reminder goes to the venue, naming only who has not voted there; costs of the venue's extra reads", async () => {
    let from = world.standIn.requests.length;
    const number = await openVenueVote();
    const opening = world.standIn.requestsSince(from).length;
    const venue = venueIssues()[0]!;
    await later(1);
    from = world.standIn.requests.length;
    act("mod1", VENUE).comment(venue.number, "/vote yes");
    await world.settle();
    const ballotRequests = world.standIn.requestsSince(from);
    const ballot = ballotRequests.length;
    await later(48);
    await sweep();
    const reminders = own(venueIssues()[0]!, "decisions:reminder:1");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain("Not voted yet: @mod2, @mod3.");
    expect(own(request(number), "decisions:reminder:")).toHaveLength(0);
    await later(24);
    from = world.standIn.requests.length;
    act("alice").comment(number, "Any news?");
    await world.settle();
    const tally = world.standIn.requestsSince(from);
    process.stdout.write(`venue vote cost: opening ${opening} requests, a ballot in the venue ${ballot}, the tally on an event ${tally.length}\n`);
    expect(own(request(number), "convener:decisions:result:1")[0]!.body).toContain("1 of 3 moderators voted yes; more than 1.5 needed.");
    // The venue issue's own events are skipped before any read: only the venue's configuration is read.
    expect(ballotRequests.filter((r) => !r.path.includes("/contents/"))).toEqual([]);
  });

  test("a public veto still closes the private vote", async () => {
    const number = await openVenueVote();
    await later(1);
    act("mod1", VENUE).comment(venueIssues()[0]!.number, "/vote yes");
    await later(1);
    act("lead1").comment(number, "/veto overlaps with the agents IG");
    await world.settle();
    expect(request(number).state).toBe("closed");
    expect(own(request(number), '"outcome":"vetoed"')).toHaveLength(1);
    const venue = venueIssues()[0]!;
    expect(venue.state).toBe("closed");
    expect(own(venue, "convener:decisions:venue-result:1")[0]!.body).toContain("the request was vetoed");
    await later(80);
    await sweep();
    expect(own(request(number), "convener:decisions:result:")).toHaveLength(1);
    expect(own(venueIssues()[0]!, "convener:decisions:venue-result:")).toHaveLength(1);
  });
});
