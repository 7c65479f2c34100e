import { afterEach, describe, expect, test } from "@jest/globals";
import { features } from "../../src/features/index.js";
import { silentLog } from "../../src/core/log.js";
import { MAX_TEAM_MEMBERS } from "../../src/core/github.js";
import { MAX_COMMENTS_READ } from "../../src/core/paging.js";
import { runSweep } from "../../src/sweep/run-sweep.js";
import {
  DECISIONS_CONFIG, FULL_NAME, HOUR, REQUEST_LABELS, createStandInAuth, listAppComments, seedDecisionsRepo, standInClock,
} from "../support/decisions-stand-in.js";
import { createMemoryLog } from "../support/memory-log.js";
import { seedComments, seedReactions } from "../support/long-threads.js";
import { startStandInApp, type StandInApp } from "../support/stand-in-app.js";
import type { StandIn } from "../../sandbox/src/stand-in.js";

const identity = { appId: 1, login: "convener[bot]" };
const decisionsOnly = features.filter((f) => f.name === "decisions");

/**
 * Requests longer than one page (100 comments, 100 reactions): the vote comment and every ballot are
 * still read, and a request past the cap gets one comment saying the app cannot decide on it.
 */
describe("decisions on requests longer than one page, on the stand-in", () => {
  let world: StandInApp & { clock: () => Date };
  let lines: ReturnType<typeof createMemoryLog>["lines"];

  async function start(config?: string, seed: (s: StandIn) => void = () => {}) {
    const memory = createMemoryLog();
    lines = memory.lines;
    let seeded: StandIn | undefined;
    const clock = standInClock(() => seeded);
    const app = await startStandInApp({ clock, log: memory.log, seed: (s) => { seeded = s; seedDecisionsRepo(s, config); seed(s); } });
    world = { ...app, clock };
  }
  afterEach(async () => world?.stop());

  const control = () => world.standIn.control;
  const seedRequest = () => control().seedIssue(FULL_NAME, "octocat", "[WG request] Transports", "", REQUEST_LABELS).number;
  const comment = async (number: number, login: string, body: string) => {
    const id = control().as(login, FULL_NAME).comment(number, body);
    await world.settle();
    return id;
  };
  const later = async (hours: number) => {
    await world.settle();
    control().advanceClock(hours * HOUR);
  };
  const sweep = async () => {
    const report = await runSweep({ auth: createStandInAuth(world.standIn), features: decisionsOnly, confirm: true, maxWrites: 30, identity, log: silentLog, clock: world.clock });
    await world.settle();
    return report;
  };

  test("ballots beyond the first 100 comments and beyond the first 100 reactions are counted", async () => {
    await start();
    const number = seedRequest();
    await comment(number, "mod1", "/vote");
    const vote = listAppComments(world.standIn, number, "convener:decisions:vote:1")[0]!;
    await later(1);
    // mod2's ballot, then 250 comments of discussion: the vote comment and the ballot are 250 comments back.
    await comment(number, "mod2", "/vote yes");
    seedComments(world.standIn, FULL_NAME, number, 250, (i) => `Discussion point ${i}.`);
    // 120 people cheer on the vote comment before mod3's 👎: it is reaction 121.
    seedReactions(world.standIn, vote, Array.from({ length: 120 }, (_, i) => `fan${i}`), "+1");
    seedReactions(world.standIn, vote, ["mod3"], "-1");
    await later(73);
    const from = world.standIn.requests.length;
    await sweep();
    const reads = world.standIn.requestsSince(from).filter((r) => !r.write).map((r) => r.operation ?? `${r.method} ${r.path}`);
    const results = listAppComments(world.standIn, number, "decisions:result:1");
    expect(results).toHaveLength(1);
    expect(results[0]!.body).toContain("**1 yes**, **1 no**");
    expect(results[0]!.body).toContain('"outcome":"failed"');
    // The newest page, two older pages of comments (252 in all), and the reactions by REST past the first 100.
    expect(reads.filter((r) => r === "DecisionState")).toHaveLength(1);
    expect(reads.filter((r) => r === "DecisionComments")).toHaveLength(2);
    expect(reads.filter((r) => r.includes(`/issues/comments/${vote.id}/reactions`))).toHaveLength(2);
    expect(reads.filter((r) => r === "DecisionLabelEvents")).toHaveLength(0);
  });

  test(`a request with more than ${MAX_COMMENTS_READ} comments gets one comment saying the app cannot decide, and no vote`, async () => {
    await start();
    const number = seedRequest();
    seedComments(world.standIn, FULL_NAME, number, MAX_COMMENTS_READ + 20, (i) => `Point ${i}.`);
    const from = world.standIn.requests.length;
    await comment(number, "mod1", "/vote");
    const pages = world.standIn.requestsSince(from).filter((r) => r.operation === "DecisionComments");
    // The cap bounds the cost: 3,000 comments are 30 pages, the first read with the state.
    expect(pages).toHaveLength(MAX_COMMENTS_READ / 100 - 1);
    const own = listAppComments(world.standIn, number);
    expect(own).toHaveLength(1);
    expect(own[0]!.body).toContain("<!-- convener:decisions:unread -->");
    expect(own[0]!.body).toContain("Convener cannot decide on this request");
    expect(own[0]!.body).toContain(`comments (only the newest ${MAX_COMMENTS_READ} were read)`);
    expect(listAppComments(world.standIn, number, "decisions:vote:")).toHaveLength(0);
    expect(control().issueOf(FULL_NAME, number).labels).not.toContain("vote/open");
    expect(lines.some((l) => l.level === 40 && l.list === "the request's comments" && l.cap === MAX_COMMENTS_READ)).toBe(true);
    // Asked again: the one comment stands, nothing more is written.
    const again = world.standIn.requests.length;
    await comment(number, "mod2", "/vote");
    expect(world.standIn.requestsSince(again).filter((r) => r.write && (r.path.startsWith("/repos/") || r.path === "/graphql"))).toEqual([]);
    expect(listAppComments(world.standIn, number)).toHaveLength(1);
  }, 60_000);

  test(`a moderators team past ${MAX_TEAM_MEMBERS} members opens no vote on a part of it: one comment says why`, async () => {
    const members = ["mod1", ...Array.from({ length: MAX_TEAM_MEMBERS + 50 }, (_, i) => `m${i}`)];
    await start(DECISIONS_CONFIG.replace("moderators: [mod1, mod2, mod3]", "moderators: [Codertocat/mods]"), (s) => {
      s.control.org("Codertocat");
      s.control.team("Codertocat", "mods", members);
    });
    const number = seedRequest();
    await comment(number, "mod1", "/vote");
    const own = listAppComments(world.standIn, number);
    expect(own).toHaveLength(1);
    expect(own[0]!.body).toContain("Convener cannot decide on this request");
    expect(own[0]!.body).toContain(`the members of team @\u200dCodertocat/mods (only the first ${MAX_TEAM_MEMBERS} were read)`);
    expect(listAppComments(world.standIn, number, "decisions:vote:")).toHaveLength(0);
    expect(lines.some((l) => l.level === 40 && l.cap === MAX_TEAM_MEMBERS)).toBe(true);
  }, 60_000);
});
