import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { pino } from "pino";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import type { Issue } from "../../sandbox/src/state.js";
import { DAY, plannedKinds, startRetirementApp, type RetirementApp } from "../support/retirement-app.js";
import { CONFIG, REPO, seedServerCard } from "../support/retirement-stand-in.js";

const CHARTER = "docs/community/working-groups/server-card.mdx";

/**
 * `/keep-active` and `/retire` on a review issue: people comment in the stand-in, the app in
 * process handles the signed deliveries, the real sweep runner does the timed part.
 */
describe("/keep-active and /retire on a review issue", () => {
  let world: RetirementApp;
  let reviewNumber: number;
  let logLines: string[];

  const review = (): Issue => world.standIn.control.issueOf(REPO, reviewNumber);
  // The leads comment the review opened with is not a reply to a command.
  const appComments = () => review().comments.filter((c) => c.user === "convener[bot]" && !c.body.includes("convener:retirement-leads"));

  /** `login` comments on the review; the delivery's id is returned for a redelivery. */
  async function comment(login: string, body: string): Promise<string> {
    world.standIn.control.as(login, REPO).comment(reviewNumber, body);
    const delivery = world.standIn.webhooks.deliveries.at(-1)!;
    await world.settle();
    return delivery.id;
  }

  async function redeliver(id: string): Promise<void> {
    await world.standIn.webhooks.redeliver(id);
    await world.settle();
  }

  beforeEach(async () => {
    clearRegistryCache();
    logLines = [];
    const log = pino({ level: "error" }, { write: (line: string) => void logLines.push(line) });
    world = await startRetirementApp((s) => {
      seedServerCard(s);
    }, { log });
    await world.sweep();
    reviewNumber = [...world.standIn.control.repoOf(REPO).issues.values()].find((i) => i.title === "[retirement] Server Card")!.number;
  });
  afterEach(async () => world?.stop());

  test("a moderator's /keep-active snoozes the review; the sweep stays quiet, then says once that the snooze ended", async () => {
    await comment("mod-mia", "Still working on it.\n/keep-active 14 waiting for the Tier-1 SDK release");
    expect(appComments()).toHaveLength(1);
    expect(appComments()[0]!.body).toContain("keeps the Server Card Working Group active until **2026-12-08** (14 days). Reason: waiting for the Tier-1 SDK release");
    expect(review().state).toBe("open");

    world.advanceDays(7);
    expect(plannedKinds(await world.sweep())).toEqual([]);
    world.advanceDays(8);
    expect(plannedKinds(await world.sweep())).toEqual(["comment.create"]);
    expect(appComments().at(-1)!.body).toContain("The snooze requested by @\u200dmod-mia ended on 2026-12-08");
    expect(plannedKinds(await world.sweep())).toEqual([]);
    expect(appComments()).toHaveLength(2);
  });

  test("a /keep-active handled days late counts its days from the comment's created_at, not the app's clock", async () => {
    world.setAppAhead(3 * DAY); // the comment is made now, the app handles it three days later
    await comment("maint-max", "/keep-active 14 waiting for the Tier-1 SDK release");
    expect(appComments()[0]!.body).toContain("until **2026-12-08** (14 days)");
  });

  test("an unauthorised /keep-active gets one reply and changes nothing, also when redelivered", async () => {
    await redeliver(await comment("random-rita", "/keep-active 30 we are busy"));
    expect(appComments()).toHaveLength(1);
    expect(appComments()[0]!.body).toContain("`/keep-active` can only be used by community moderators, maintainers, core maintainers or lead maintainers. Nothing was changed.");
    expect(review().labels).toEqual(["group/retirement-candidate", "server-card-wg"]);
    expect(review().state).toBe("open");
  });

  test("a bad /keep-active gets a precise reply", async () => {
    await comment("maint-max", "/keep-active soon because reasons");
    await comment("maint-max", "/keep-active 400 a long time");
    await comment("maint-max", "/keep-active 30");
    const bodies = appComments().map((c) => c.body);
    expect(bodies[0]).toContain("the number of days must be a whole number, not `soon`.");
    expect(bodies[1]).toContain("the number of days must be from 1 to 180, not 400.");
    expect(bodies[2]).toContain("a reason is required");
    expect(plannedKinds(await world.sweep())).toEqual([]); // still flagged, no snooze recorded: nothing to do
  });

  test("/retire by a moderator is refused; by a core maintainer it labels, records and closes; the group is not reviewed again", async () => {
    await comment("mod-mia", "/retire");
    expect(appComments()[0]!.body).toContain("`/retire` can only be used by core maintainers or lead maintainers.");
    expect(review().state).toBe("open");

    await redeliver(await comment("core-cora", "/retire")); // redelivery: no second reply
    expect(appComments()).toHaveLength(2);
    expect(appComments()[1]!.body).toContain("@\u200dcore-cora decided to retire the Server Card Working Group on 2026-11-24");
    expect(review().labels).toEqual(["server-card-wg", "group/retired"]);
    expect(review().state).toBe("closed");

    world.advanceDays(60);
    expect(plannedKinds(await world.sweep())).toEqual([]);
    expect([...world.standIn.control.repoOf(REPO).issues.values()].filter((i) => i.title.startsWith("[retirement]"))).toHaveLength(1);
  });

  test("with openCharterPr, /retire also proposes `status: retired` in the charter, once", async () => {
    world.standIn.control.as("maint-max", REPO).push({ ".github/convener.yml": `${CONFIG}retirement:\n  openCharterPr: true\n` });
    await world.settle();
    await redeliver(await comment("lead-leo", "/retire"));
    const repo = world.standIn.control.repoOf(REPO);
    const pulls = [...repo.issues.values()].filter((i) => i.pull);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ title: "Retire the Server Card Working Group", user: "convener[bot]" });
    expect(pulls[0]!.pull).toMatchObject({ headRef: "convener/retire-server-card-wg", baseRef: "main" });
    const changed = repo.commits.get(pulls[0]!.pull!.headSha)!.files.get(CHARTER)!;
    const original = world.standIn.state.headCommit(repo)!.files.get(CHARTER)!;
    expect(changed).toMatch(/^---\n[\s\S]*\nstatus: retired\n---\n/);
    expect(changed.slice(changed.indexOf("\n---\n", 3))).toBe(original.slice(original.indexOf("\n---\n", 3)));
    expect(appComments()[0]!.body).toContain(`Convener opens a pull request that sets \`status: retired\` in \`${CHARTER}\`.`);
    expect(review().labels).toEqual(["server-card-wg", "group/retired"]);
  });

  test("a command named like an Object property (/constructor) is no retirement command and crashes nothing", async () => {
    // The dispatcher catches a feature's crash and logs it: read that log.
    await comment("core-cora", "/constructor 30 keep it");
    expect(logLines.filter((l) => l.includes("retirement"))).toEqual([]);
    // /help's feature may say it does not know the command; the retirement feature says nothing.
    expect(appComments().filter((c) => c.body.includes("retirement-"))).toHaveLength(0);
    expect(review().state).toBe("open");
  });

  test("a command quoted or in a code block is not a command", async () => {
    await comment("core-cora", "> /retire\n\n```\n/retire\n```");
    expect(appComments()).toHaveLength(0);
    expect(review().state).toBe("open");
  });
});
