import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import type { RetirementWorld } from "../support/retirement-world.js";
import { features } from "../../src/features/index.js";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { runSweep } from "../../src/sweep/run-sweep.js";
import { silentLog } from "../../src/core/log.js";
import { nockConfig } from "../support/github-nock.js";
import { nockRetirementWorld } from "../support/retirement-nock.js";
import { bot, human, OWNER, REPO, testOctokit, threeWorkingGroups } from "../support/retirement-world-setup.js";

const DAY = 86_400_000;

/** The retirement SweepJob as the real sweep runner runs it (installations → repositories → jobs → applyPlan). */
describe("retirement through the sweep runner (src/sweep)", () => {
  let now: Date;
  let world: RetirementWorld;
  const reviews = () => [...world.issues.values()].filter((i) => i.title.startsWith("[retirement]"));

  beforeEach(() => {
    nock.disableNetConnect();
    clearRegistryCache();
    now = new Date("2026-11-24T12:00:00Z");
    world = threeWorkingGroups(() => now);
    nockRetirementWorld(world);
    nockConfig(OWNER, REPO, "retirement:\n  staleDays: 30\n", 20);
    const api = nock("https://api.github.com").persist();
    api.get("/app/installations").query(true).reply(200, [{ id: 1, account: { login: OWNER } }]);
    api.get("/installation/repositories").query(true).reply(200, { total_count: 1, repositories: [{ name: REPO, owner: { login: OWNER } }] });
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const sweep = (confirm: boolean) => {
    const { octokit } = testOctokit();
    return runSweep({
      auth: async () => octokit, features, confirm, maxWrites: 30, identity: { appId: 1, login: "convener[bot]" }, log: silentLog, clock: () => now,
    });
  };

  test("without --confirm: the plan names two reviews and nothing is written", async () => {
    const report = await sweep(false);
    const lines = report.repositories[0]!.planned.filter((l) => l.includes("[retirement]"));
    expect(lines).toHaveLength(2);
    expect(reviews()).toHaveLength(0);
  });

  test("confirmed: two reviews, then none, then resumed work closes one", async () => {
    await sweep(true);
    expect(reviews().map((i) => i.title).sort()).toEqual(["[retirement] File Uploads", "[retirement] Server Card"]);
    now = new Date(now.getTime() + DAY);
    const second = await sweep(true);
    expect(second.repositories[0]!.planned.filter((l) => l.includes("retirement"))).toEqual([]);
    expect(reviews()).toHaveLength(2);

    world.addEvent(2127, { type: "PullRequestCommit", actor: human("dsp-ant"), at: now.toISOString() });
    now = new Date(now.getTime() + DAY);
    await sweep(true);
    const serverCard = reviews().find((i) => i.title.endsWith("Server Card"))!;
    expect(serverCard.state).toBe("closed");
    expect(world.comments(serverCard.number).at(-1)!.body).toContain("Work has resumed: @\u200ddsp-ant (commit) on [#2127]");
    expect(reviews().find((i) => i.title.endsWith("File Uploads"))!.state).toBe("open");
  });
});
