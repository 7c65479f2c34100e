import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { Harness } from "../../sandbox/src/harness.js";
import { igRequest, REPO, startWorld } from "./e2e-world.js";

const BAD = ["# our rules", "dryRun: yes please", "sweep:", "  maxWritesPerRun: 0", "votes:", "  days: 3", ""].join("\n");

/**
 * Config as a check, end to end: a pull request changing `.github/convener.yml` gets a `Convener
 * config` check run with each problem at its line; a configuration error reported on an issue is
 * marked fixed once the configuration is valid again.
 */
describe("Convener config check end to end", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWorld();
  }, 60_000);
  afterAll(async () => h?.stop());

  const runs = () => h.standIn.control.repoOf(REPO).checkRuns.filter((r) => r.name === "Convener config");

  test("a pull request with a bad configuration gets a failing check run with line numbers; its fix a passing one", async () => {
    const alice = h.standIn.control.as("alice", REPO);
    const pr = alice.openPullRequest("Configure Convener", "", { ".github/convener.yml": BAD }, "alice/config");
    await h.standIn.settle();
    const [failed] = runs();
    expect(failed).toMatchObject({ conclusion: "failure", head_sha: pr.pull!.headSha });
    expect(failed!.annotations.map((a: any) => [a.path, a.start_line, a.message])).toEqual([
      [".github/convener.yml", 2, "Line 2, column 1: `dryRun` must be true or false, not text"],
      [".github/convener.yml", 4, "Line 4, column 3: `sweep.maxWritesPerRun` must be at least 1"],
      [".github/convener.yml", 5, "Line 5, column 1: `votes` unknown key; check the spelling against the configuration reference"],
    ]);
    expect(failed!.output.summary).toMatch(/configuration reference/);
    alice.updatePullRequest(pr.number, { ".github/convener.yml": "dryRun: false\n" });
    await h.standIn.settle();
    expect(runs().map((r) => r.conclusion)).toEqual(["failure", "success"]);
  });

  test("a pull request that does not touch the configuration gets no such check", async () => {
    const before = runs().length;
    h.standIn.control.as("bob", REPO).openPullRequest("Docs", "", { "docs/x.md": "x\n" }, "bob/docs");
    await h.standIn.settle();
    expect(runs()).toHaveLength(before);
  });

  test("the configuration-error comment on an issue says so once the configuration is fixed", async () => {
    const carol = h.standIn.control.as("carol", REPO);
    carol.push({ ".github/convener.yml": BAD }, "Break the config");
    await h.standIn.settle();
    const { body, labels } = igRequest({ "group-name": "Config", tag: "config-ig" });
    const issue = carol.openIssue("[IG request] Config", body, labels);
    await h.standIn.settle();
    const report = () => h.standIn.control.issueOf(REPO, issue.number).comments.filter((c) => c.user === "convener[bot]" && c.body.includes("convener:config-error"));
    expect(report()).toHaveLength(1);
    expect(report()[0]!.body).toMatch(/configuration problem/);
    carol.push({ ".github/convener.yml": "dryRun: false\n" }, "Fix the config");
    await h.standIn.settle();
    expect(report()).toHaveLength(1);
    expect(report()[0]!.body).toMatch(/configuration fixed/);
  });
});
