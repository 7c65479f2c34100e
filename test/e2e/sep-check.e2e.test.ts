import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { PEOPLE, REPO, renderSep, seedCommunity } from "../../src/sandbox/demo/community.js";
import { startHarness, type Harness } from "../../src/sandbox/harness.js";

/** The SEP check's re-run path: "Re-run" in GitHub's UI updates the app's existing check run, never adds a second. */
describe("SEP check re-run end to end", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: seedCommunity });
  }, 60_000);
  afterAll(async () => h?.stop());

  test("check_run.rerequested re-checks the head commit and updates the same check run", async () => {
    const grace = h.standIn.control.as(PEOPLE.facilitator, REPO);
    const text = renderSep({ number: "0000", title: "Rerun", status: "draft", pr: "TBD", wg: "transports-wg" });
    const pr = grace.openPullRequest("SEP: Rerun", "", { "seps/0000-rerun.md": text }, "grace/rerun");
    await h.standIn.settle();
    const runs = () => h.standIn.control.repoOf(REPO).checkRuns.filter((r) => r.head_sha === pr.pull!.headSha);
    expect(runs()).toHaveLength(1);
    const [run] = runs();
    expect(run).toMatchObject({ name: "SEP metadata", conclusion: "failure" });
    const annotations = run!.annotations.length;

    const from = h.standIn.requests.length;
    grace.rerequestCheckRun(run!.id);
    await h.standIn.settle();
    const calls = h.standIn.requestsSince(from);
    expect(runs()).toHaveLength(1);
    expect(calls.filter((r) => r.write).map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /repos/${REPO}/check-runs/${run!.id}`]);
    expect(runs()[0]!.conclusion).toBe("failure");
    expect(runs()[0]!.annotations.length).toBeGreaterThanOrEqual(annotations);
  });
});
