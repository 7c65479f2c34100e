import { describe, expect, test } from "@jest/globals";
import { configSchema } from "../../src/features/config-schema.js";
import { describeRule } from "../../src/features/decisions/rule.js";
import { DecisionSim, hour } from "../support/decisions-sim.js";
import type { ConfigInput } from "../../src/features/config-schema.js";

const ROLES = { moderators: ["mod1", "mod2", "mod3"] };
const config = (decisions: ConfigInput["decisions"] = {}) => configSchema.parse({ roles: ROLES, decisions });

function tallied(steps: (s: DecisionSim) => void, input: ConfigInput = {}): { outcome: string; body: string } {
  const sim = new DecisionSim(input);
  sim.comment(0, "mod1", "/vote");
  steps(sim);
  sim.run(hour(72));
  const body = sim.results()[0]!.body;
  return { outcome: /"outcome":"(\w+)"/.exec(body)![1]!, body };
}

describe("the rule, literally: more than half of the moderators at the opening vote yes", () => {
  test.each([
    { name: "one yes, two silent (the issue's example) fails", steps: (s: DecisionSim) => s.comment(1, "mod1", "/vote yes"), outcome: "failed", arithmetic: "1 of 3 moderators voted yes; more than 1.5 needed." },
    { name: "two yes, one silent passes", steps: (s: DecisionSim) => { s.comment(1, "mod1", "/vote yes"); s.react(2, "mod2", "THUMBS_UP"); }, outcome: "passed", arithmetic: "2 of 3 moderators voted yes; more than 1.5 needed." },
    { name: "one yes, two abstain fails", steps: (s: DecisionSim) => { s.comment(1, "mod1", "/vote yes"); s.comment(2, "mod2", "/vote abstain"); s.comment(3, "mod3", "/vote abstain"); }, outcome: "failed", arithmetic: "1 of 3 moderators voted yes; more than 1.5 needed." },
    { name: "nobody votes: fails, with no quorum to blame", steps: () => {}, outcome: "failed", arithmetic: "0 of 3 moderators voted yes; more than 1.5 needed." },
  ])("$name", ({ steps, outcome, arithmetic }) => {
    const result = tallied(steps);
    expect(result.outcome).toBe(outcome);
    expect(result.body).toContain(arithmetic);
    expect(result.body).not.toContain("quorum");
  });

  test("configured otherwise: cast ballots with a quorum, as the result's arithmetic shows", () => {
    const input = { decisions: { denominator: "cast" as const, quorum: 2 } };
    const one = tallied((s) => s.comment(1, "mod1", "/vote yes"), input);
    expect(one.outcome).toBe("failed");
    expect(one.body).toContain("(quorum not met)");
    expect(one.body).toContain("1 of 1 yes/no ballot was yes; more than 0.5 needed. 1 moderator voted; at least 2 needed for the quorum.");
    const two = tallied((s) => { s.comment(1, "mod1", "/vote yes"); s.comment(2, "mod2", "/vote abstain"); }, input);
    expect(two.outcome).toBe("passed");
    expect(two.body).toContain("1 of 1 yes/no ballot was yes; more than 0.5 needed. 2 moderators voted; at least 2 needed for the quorum.");
  });

  test.each([
    [{}, 5, "The vote passes when more than half of the 5 moderators at the opening vote yes (more than 2.5 yes ballots; not voting and abstaining count as not yes)."],
    [{ threshold: 2 / 3 }, 6, "The vote passes when more than 66.67% of the 6 moderators at the opening vote yes (more than 4 yes ballots; not voting and abstaining count as not yes)."],
    [{ denominator: "cast" as const }, 3, "The vote passes when more than half of the moderators' yes and no ballots are yes (abstentions are left out; a tie fails)."],
    [{ denominator: "cast" as const, quorum: 2 }, 3, "The vote passes when more than half of the moderators' yes and no ballots are yes (abstentions are left out; a tie fails), provided at least 2 moderator ballots (yes, no or abstain) are cast."],
    [{ quorum: 1 }, 3, "The vote passes when more than half of the 3 moderators at the opening vote yes (more than 1.5 yes ballots; not voting and abstaining count as not yes), provided at least 1 moderator ballot (yes, no or abstain) is cast."],
  ])("the whole rule in one sentence: %j with %i moderators", (decisions, size, sentence) => {
    expect(describeRule(config(decisions), size)).toBe(sentence);
    expect(sentence.match(/\. /g)).toBeNull(); // one sentence
  });

  test("the vote comment states the rule", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "/vote");
    expect(sim.ownWith("decisions:vote:1")[0]!.body).toContain(`**Rule:** ${describeRule(sim.config, 3)}`);
  });
});

describe("calling the electorate", () => {
  test("moderators listed as users: each is mentioned once in the vote comment", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "/vote");
    const body = sim.ownWith("decisions:vote:1")[0]!.body;
    expect(body.match(/@mod\d\b/g)).toEqual(["@mod1", "@mod2", "@mod3"]);
  });

  test("moderators as a team: the team is mentioned, not its members", () => {
    const sim = new DecisionSim({ roles: { moderators: ["@acme/community-moderators"] } });
    sim.comment(0, "mod1", "/vote");
    const body = sim.ownWith("decisions:vote:1")[0]!.body;
    expect(body).toContain("Notified: @acme/community-moderators.");
    expect(body).not.toMatch(/@mod\d\b/);
  });

  test("one reminder 24 h before the deadline, to the silent only; none when everyone voted, none when the vote is shorter than the lead", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "/vote");
    sim.react(1, "mod2", "THUMBS_DOWN");
    expect(sim.run(hour(47.9))).toEqual([]);
    sim.run(hour(48));
    sim.run(hour(50));
    const reminders = sim.ownWith("decisions:reminder:1");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body.match(/@mod\d\b/g)).toEqual(["@mod1", "@mod3"]);

    const all = new DecisionSim();
    all.comment(0, "mod1", "/vote");
    for (const m of ["mod1", "mod2", "mod3"]) all.comment(1, m, "/vote no");
    all.run(hour(60));
    expect(all.ownWith("decisions:reminder:")).toHaveLength(0);

    for (const decisions of [{ voteDuration: "12h" }, { reminderBefore: "0h" }]) {
      const short = new DecisionSim({ decisions });
      short.comment(0, "mod1", "/vote");
      short.run(hour(11));
      short.run(hour(71));
      expect(short.ownWith("decisions:reminder:")).toHaveLength(0);
    }
  });
});
