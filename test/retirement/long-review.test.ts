import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { seedComments } from "../support/long-threads.js";
import { plannedKinds, startRetirementApp, type RetirementApp } from "../support/retirement-app.js";
import { REPO, seedThreeWorkingGroups } from "../support/retirement-stand-in.js";

/** A review discussed past one page of comments: the app's records in its oldest comments still count. */
describe("retirement review with more than 100 comments", () => {
  let world: RetirementApp;
  const reviews = () => [...world.standIn.control.repoOf(REPO).issues.values()].filter((i) => i.title.startsWith("[retirement]"));

  beforeEach(async () => {
    clearRegistryCache();
    world = await startRetirementApp((s) => seedThreeWorkingGroups(s));
  });
  afterEach(async () => world?.stop());

  test("the leads comment, 150 comments back, is found: the leads are not mentioned again", async () => {
    await world.sweep();
    const review = reviews().find((i) => i.title.endsWith("Server Card"))!;
    expect(review.comments).toHaveLength(1); // the leads comment
    // Discussion among people with no role: no command, no activity on the group's items.
    seedComments(world.standIn, REPO, review.number, 150, (i) => `Opinion ${i}.`, (i) => `member${i % 5}`);
    world.advanceDays(1);
    const from = world.standIn.requests.length;
    const second = await world.sweep();
    expect(plannedKinds(second)).toEqual([]);
    expect(review.comments).toHaveLength(151);
    expect(world.standIn.requestsSince(from).filter((r) => r.operation === "RetirementReviewComments")).toHaveLength(1);
  });
});
