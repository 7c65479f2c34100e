import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { features } from "../../src/features/index.js";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { startRetirementApp, type RetirementApp } from "../support/retirement-app.js";
import { REPO, seedThreeWorkingGroups } from "../support/retirement-stand-in.js";

/**
 * The retirement SweepJob as the real sweep runner runs it (installations → repositories → jobs →
 * applyPlan), against the stand-in with the app in process.
 */
describe("retirement through the sweep runner (src/sweep)", () => {
  let world: RetirementApp;
  const issues = () => [...world.standIn.control.repoOf(REPO).issues.values()];
  const reviews = () => issues().filter((i) => i.title.startsWith("[retirement]"));

  beforeEach(async () => {
    clearRegistryCache();
    world = await startRetirementApp((s) => seedThreeWorkingGroups(s, { config: "retirement:\n  staleDays: 30\n" }));
  });
  afterEach(async () => world?.stop());

  test("without --confirm: the plan names two reviews and nothing is written", async () => {
    const report = await world.sweep({ confirm: false, features });
    const lines = report.repositories[0]!.planned.filter((l) => l.includes("[retirement]"));
    expect(lines).toHaveLength(2);
    expect(reviews()).toHaveLength(0);
    expect(world.standIn.requests.filter((r) => r.write)).toEqual([]);
  });

  test("confirmed: two reviews, then none, then resumed work closes one", async () => {
    await world.sweep({ features });
    expect(reviews().map((i) => i.title).sort()).toEqual(["[retirement] File Uploads", "[retirement] Server Card"]);
    world.advanceDays(1);
    const second = await world.sweep({ features });
    expect(second.repositories[0]!.planned.filter((l) => l.includes("retirement"))).toEqual([]);
    expect(reviews()).toHaveLength(2);

    // Work resumes with a member's comment on a tracked item (commits and reviews count the same way).
    const item = issues().find((i) => i.title === "Server Card schema")!;
    world.standIn.control.as("dsp-ant", REPO).comment(item.number, "pushed the revised schema");
    await world.settle();
    world.advanceDays(1);
    await world.sweep({ features });
    const serverCard = reviews().find((i) => i.title.endsWith("Server Card"))!;
    expect(serverCard.state).toBe("closed");
    expect(serverCard.comments.at(-1)!.body).toContain(`Work has resumed: @\u200ddsp-ant (comment) on [#${item.number}]`);
    expect(reviews().find((i) => i.title.endsWith("File Uploads"))!.state).toBe("open");
  });
});
