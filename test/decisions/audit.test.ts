import { describe, expect, test } from "@jest/globals";
import { DecisionSim, hour } from "../support/decisions-sim.js";

function openVote(): DecisionSim {
  const sim = new DecisionSim();
  sim.comment(0, "mod1", "/vote");
  return sim;
}

const voteBody = (sim: DecisionSim) => sim.ownWith("decisions:vote:1")[0]!.body;

describe("the audit trail of a vote", () => {
  test("each ballot with its time and its comment's link, or the reaction and its time; changes of mind stay on the record", () => {
    const sim = openVote();
    sim.comment(1, "mod1", "/vote no");
    sim.react(2, "mod2", "THUMBS_UP");
    sim.comment(3, "mod1", "Changed my mind.\n/vote yes");
    sim.comment(4, "mallory", "/vote yes");
    sim.comment(80, "mod3", "/vote no", { run: false });
    sim.run(hour(81));
    const result = sim.results()[0]!.body;
    const link = (i: number) => `[comment](https://github.com/o/r/issues/1#issuecomment-${sim.comments[i]!.id})`;
    const record = result.slice(result.indexOf("**Ballots on record**"));
    expect(record.split("\n").filter((l) => l.startsWith("- "))).toEqual([
      `- @\u200dmod1: no, ${link(1)} at 2026-11-01 13:00 UTC (replaced by a later ballot)`,
      "- @\u200dmod2: yes, 👍 on the vote comment at 2026-11-01 14:00 UTC",
      `- @\u200dmod1: yes, ${link(2)} at 2026-11-01 15:00 UTC`,
      `- @\u200dmallory: yes, ${link(3)} at 2026-11-01 16:00 UTC (non-binding)`,
      `- @\u200dmod3: no, ${link(4)} at 2026-11-04 20:00 UTC (late, not counted)`,
    ]);
    expect(result).toContain('{"outcome":"passed"}');
  });

  test("the description is pinned at the opening; an edit during the vote is flagged once in the vote comment", () => {
    const sim = openVote();
    expect(voteBody(sim)).toMatch(/"bodySha256":"[0-9a-f]{64}"/);
    expect(voteBody(sim)).toMatch(/description at the opening has sha256 `[0-9a-f]{12}`…/);
    expect(voteBody(sim)).toContain("(the [request](https://github.com/o/r/issues/1)'s \"edited\" menu shows every version)");
    sim.comment(1, "mod1", "/vote yes");
    expect(voteBody(sim)).not.toContain("edited during this vote");
    const plan = sim.editBody(2, "### Group name\nTransports, renamed");
    expect(plan.map((a) => a.kind)).toEqual(["comment.update"]);
    expect(voteBody(sim)).toContain("⚠️ **The request was edited during this vote** (edited 2026-11-01 14:00 UTC)");
    expect(sim.editBody(3, "### Group name\nTransports, again")).toEqual([]);
    expect(voteBody(sim).match(/edited during this vote/g)).toHaveLength(1);
    // Still a vote: its marker (electorate, deadline) reads the same.
    sim.comment(4, "mod2", "/vote yes");
    sim.run(hour(72));
    expect(sim.results()[0]!.body).toContain('{"outcome":"passed"}');
    expect(sim.labels).toContain("group/approved");
  });

  test("a request edited during the vote into one intake refuses is not approved, and the result says why", () => {
    const sim = openVote();
    sim.comment(1, "mod1", "/vote yes");
    sim.comment(2, "mod2", "/vote yes");
    sim.editBody(3, "### Group name\n", ["Group name: is required"]);
    sim.run(hour(72));
    const result = sim.results()[0]!.body;
    expect(result).toContain('{"outcome":"failed"}');
    expect(result).toContain("The vote failed (the request no longer passes intake)");
    expect(result).toContain("- Group name: is required");
    expect(sim.labels).toContain("vote/failed");
    expect(sim.labels).not.toContain("group/approved");
  });

  test("intake's needs-changes label at the tally: not approved; and approval never stands beside it", () => {
    const sim = openVote();
    sim.comment(1, "mod1", "/vote yes");
    sim.comment(2, "mod2", "/vote yes");
    sim.labels.push("group/needs-changes");
    sim.run(hour(72));
    expect(sim.results()[0]!.body).toContain("labelled `group/needs-changes` by intake");
    expect(sim.labels).not.toContain("group/approved");

    const passed = openVote();
    passed.comment(1, "mod1", "/vote yes");
    passed.comment(2, "mod2", "/vote yes");
    passed.run(hour(72));
    expect(passed.labels).toContain("group/approved");
    passed.labels.push("group/needs-changes"); // intake, on a later edit
    passed.run(hour(80));
    expect(passed.labels).not.toContain("group/approved");
    passed.labels = passed.labels.filter((l) => l !== "group/needs-changes"); // fixed
    passed.run(hour(90));
    expect(passed.labels).toContain("group/approved");
  });
});
