import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { runRetirementSweep } from "../../sandbox/src/bench/retirement-harness.js";
import type { RetirementWorld } from "../support/retirement-world.js";
import { defaultConfig } from "../../src/features/config-schema.js";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { nockRetirementWorld } from "../support/retirement-nock.js";
import { bot, human, OWNER, REPO, testOctokit, threeWorkingGroups, worldWithCharters } from "../support/retirement-world-setup.js";

const IDENTITY = { appId: 1, login: "convener[bot]" };
const DAY = 86_400_000;

describe("retirement sweep over a repository (nock, GitHub's GraphQL schema executing the queries)", () => {
  let now: Date;
  let world: RetirementWorld;

  beforeEach(() => {
    nock.disableNetConnect();
    clearRegistryCache();
    now = new Date("2026-11-24T12:00:00Z");
    world = threeWorkingGroups(() => now);
    nockRetirementWorld(world);
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const reviews = () => [...world.issues.values()].filter((i) => i.title.startsWith("[retirement]"));

  test("two review issues on the first sweep, none on the second, and resumed work closes one", async () => {
    const { octokit, requests } = testOctokit();
    await runRetirementSweep(octokit, { owner: OWNER, repo: REPO }, defaultConfig, IDENTITY, now);
    const opened = reviews();
    expect(opened.map((i) => i.title).sort()).toEqual(["[retirement] File Uploads", "[retirement] Server Card"]);
    const serverCard = opened.find((i) => i.title.endsWith("Server Card"))!;
    const fileUploads = opened.find((i) => i.title.endsWith("File Uploads"))!;
    expect(serverCard.labels).toEqual(["group/retirement-candidate", "server-card-wg"]);
    expect(fileUploads.labels).toEqual(["group/retirement-candidate", "file-uploads-wg"]);
    // The leads are named in the body without a mention, and mentioned once, in the one comment after it.
    expect(serverCard.body).not.toMatch(/@dsp-ant\b/);
    expect(serverCard.body).toContain("Leads: @\u200ddsp-ant, @\u200dSamMorrowDrums");
    const leads = world.comments(serverCard.number);
    expect(leads).toHaveLength(1);
    expect(leads[0]!.body!.match(/@dsp-ant\b/g)).toHaveLength(1);
    expect(leads[0]!.body!.match(/@SamMorrowDrums\b/g)).toHaveLength(1);
    expect(serverCard.body).toContain("| [#2127](https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2127) SEP-2127: MCP Server Card | 2026-10-10, @\u200dSamMorrowDrums (review) | open |");
    expect(fileUploads.body).toContain("2026-08-26, @\u200dochafik (opened it) | open |"); // bots ignored
    // Activity reads: the registry and ONE request for the three WGs.
    expect(requests.filter((r) => r.url.endsWith("/graphql"))).toHaveLength(2);
    expect(requests.filter((r) => r.method === "POST" && r.url.endsWith("/issues"))).toHaveLength(2);

    requests.splice(0);
    now = new Date(now.getTime() + DAY);
    const second = await runRetirementSweep(octokit, { owner: OWNER, repo: REPO }, defaultConfig, IDENTITY, now);
    expect(second).toEqual([]);
    expect(reviews()).toHaveLength(2);
    expect(requests.filter((r) => r.method !== "GET" && !r.url.endsWith("/graphql"))).toEqual([]);

    world.addEvent(2356, { type: "IssueComment", actor: human("ochafik"), body: "rebased, ready for review", at: new Date(now.getTime() + 3_600_000).toISOString() });
    now = new Date(now.getTime() + DAY);
    await runRetirementSweep(octokit, { owner: OWNER, repo: REPO }, defaultConfig, IDENTITY, now);
    expect(fileUploads.state).toBe("closed");
    expect(fileUploads.stateReason).toBe("completed");
    expect(fileUploads.labels).toEqual(["file-uploads-wg"]);
    const closing = world.comments(fileUploads.number);
    expect(closing).toHaveLength(2); // the leads comment, then the closing one
    expect(closing[1]!.body).toContain("Work has resumed: @\u200dochafik (comment) on [#2356]");
    expect(serverCard.state).toBe("open");
    expect(world.comments(serverCard.number)).toHaveLength(1);
  });

  test("a sweep with an open review and bot-only activity since changes nothing", async () => {
    const { octokit } = testOctokit();
    await runRetirementSweep(octokit, { owner: OWNER, repo: REPO }, defaultConfig, IDENTITY, now);
    world.addEvent(2127, { type: "IssueComment", actor: bot("renovate[bot]"), body: "bump", at: now.toISOString() });
    now = new Date(now.getTime() + DAY);
    expect(await runRetirementSweep(octokit, { owner: OWNER, repo: REPO }, defaultConfig, IDENTITY, now)).toEqual([]);
  });
});

describe("retirement sweep: an open review whose candidate label a person removed", () => {
  let now: Date;
  let world: RetirementWorld;

  beforeEach(() => {
    nock.disableNetConnect();
    clearRegistryCache();
    now = new Date("2026-11-24T12:00:00Z");
    world = worldWithCharters(() => now, { wg: ["server-card"] });
    world.addIssue({ number: 2127, title: "SEP-2127: MCP Server Card", isPull: true, labels: ["server-card-wg"], author: human("dsp-ant"), createdAt: new Date(now.getTime() - 120 * DAY).toISOString() });
    nockRetirementWorld(world);
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("is still the group's review: no second review issue", async () => {
    const { octokit } = testOctokit();
    await runRetirementSweep(octokit, { owner: OWNER, repo: REPO }, defaultConfig, IDENTITY, now);
    const review = [...world.issues.values()].find((i) => i.title === "[retirement] Server Card")!;
    review.labels = review.labels.filter((l) => l !== "group/retirement-candidate");
    now = new Date(now.getTime() + DAY);
    expect(await runRetirementSweep(octokit, { owner: OWNER, repo: REPO }, defaultConfig, IDENTITY, now)).toEqual([]);
    expect([...world.issues.values()].filter((i) => i.title.startsWith("[retirement]"))).toHaveLength(1);
  });
});
