import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { plannedKinds, startRetirementApp, type RetirementApp } from "../support/retirement-app.js";
import { REPO, seedServerCard, seedThreeWorkingGroups } from "../support/retirement-stand-in.js";

/** The retirement sweep over one repository: the real runner against the stand-in (GraphQL on GitHub's schema). */
describe("retirement sweep over a repository", () => {
  let world: RetirementApp;
  const issues = () => [...world.standIn.control.repoOf(REPO).issues.values()];
  const itemTitled = (title: string) => issues().find((i) => i.title === title)!;
  const reviews = () => issues().filter((i) => i.title.startsWith("[retirement]"));

  beforeEach(async () => {
    clearRegistryCache();
    world = await startRetirementApp((s) => seedThreeWorkingGroups(s));
  });
  afterEach(async () => world?.stop());

  test("two review issues on the first sweep, none on the second, and resumed work closes one", async () => {
    const first = await world.sweep();
    const opened = reviews();
    expect(opened.map((i) => i.title).sort()).toEqual(["[retirement] File Uploads", "[retirement] Server Card"]);
    const serverCard = opened.find((i) => i.title.endsWith("Server Card"))!;
    const fileUploads = opened.find((i) => i.title.endsWith("File Uploads"))!;
    expect(serverCard.labels).toEqual(["group/retirement-candidate", "server-card-wg"]);
    expect(fileUploads.labels).toEqual(["group/retirement-candidate", "file-uploads-wg"]);
    // The leads are named in the body without a mention, and mentioned once, in the one comment after it.
    expect(serverCard.body).not.toMatch(/@dsp-ant\b/);
    expect(serverCard.body).toContain("Leads: @\u200ddsp-ant, @\u200dSamMorrowDrums");
    expect(serverCard.comments).toHaveLength(1);
    expect(serverCard.comments[0]!.body.match(/@dsp-ant\b/g)).toHaveLength(1);
    expect(serverCard.comments[0]!.body.match(/@SamMorrowDrums\b/g)).toHaveLength(1);
    // The last human activity on the Server Card item is a lead's comment, 45 days ago.
    const card = itemTitled("Server Card schema");
    const cardUrl = `${world.standIn.urls.web}/${REPO}/issues/${card.number}`;
    expect(serverCard.body).toContain(`| [#${card.number}](${cardUrl}) Server Card schema | 2026-10-10, @\u200dSamMorrowDrums (comment) | open |`);
    expect(fileUploads.body).toContain("2026-08-26, @\u200dochafik (opened it) | open |"); // the bot's comment since is ignored
    // Activity reads: the registry and ONE request for the three WGs; one create per review.
    const requests = world.standIn.requests;
    expect(requests.filter((r) => r.operation === "RegistryCharters")).toHaveLength(1);
    expect(requests.filter((r) => r.operation === "RetirementActivity")).toHaveLength(1);
    expect(requests.filter((r) => r.method === "POST" && r.path === `/repos/${REPO}/issues`)).toHaveLength(2);
    expect(first.applied).toBeGreaterThanOrEqual(2);

    world.advanceDays(1);
    const from = world.standIn.requests.length;
    const second = await world.sweep();
    expect(plannedKinds(second)).toEqual([]);
    expect(reviews()).toHaveLength(2);
    expect(world.standIn.requestsSince(from).filter((r) => r.write)).toEqual([]);

    const uploads = itemTitled("Declarative file inputs");
    world.standIn.control.as("ochafik", REPO).comment(uploads.number, "rebased, ready for review");
    await world.settle();
    world.advanceDays(1);
    await world.sweep();
    expect(fileUploads.state).toBe("closed");
    expect(fileUploads.state_reason).toBe("completed");
    expect(fileUploads.labels).toEqual(["file-uploads-wg"]);
    expect(fileUploads.comments).toHaveLength(2); // the leads comment, then the closing one
    expect(fileUploads.comments[1]!.body).toContain(`Work has resumed: @\u200dochafik (comment) on [#${uploads.number}]`);
    expect(serverCard.state).toBe("open");
    expect(serverCard.comments).toHaveLength(1);
  });

  test("a sweep with an open review and bot-only activity since changes nothing", async () => {
    await world.sweep();
    world.standIn.state.addAccount("renovate[bot]", "Bot");
    world.standIn.control.as("renovate[bot]", REPO).comment(itemTitled("Server Card schema").number, "bump");
    await world.settle();
    world.advanceDays(1);
    expect(plannedKinds(await world.sweep())).toEqual([]);
  });
});

describe("retirement sweep: an open review whose candidate label a person removed", () => {
  let world: RetirementApp;

  beforeEach(async () => {
    clearRegistryCache();
    world = await startRetirementApp((s) => seedServerCard(s));
  });
  afterEach(async () => world?.stop());

  test("is still the group's review: no second review issue", async () => {
    await world.sweep();
    const reviews = () => [...world.standIn.control.repoOf(REPO).issues.values()].filter((i) => i.title.startsWith("[retirement]"));
    const review = reviews().find((i) => i.title === "[retirement] Server Card")!;
    world.standIn.control.as("core-cora", REPO).unlabel(review.number, "group/retirement-candidate");
    await world.settle();
    world.advanceDays(1);
    expect(plannedKinds(await world.sweep())).toEqual([]);
    expect(reviews()).toHaveLength(1);
  });
});
