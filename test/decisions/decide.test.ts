import { describe, expect, test } from "@jest/globals";
import { DecisionSim, hour } from "../support/decisions-sim.js";
import type { ConfigInput } from "../../src/features/config-schema.js";

/** Opens a vote at hour 0 by mod1 and checks it took. */
function openVote(sim = new DecisionSim()): DecisionSim {
  sim.comment(0, "mod1", "/vote");
  expect(sim.ownWith("decisions:vote:1")).toHaveLength(1);
  expect(sim.labels).toContain("vote/open");
  return sim;
}

interface Row {
  name: string;
  config?: ConfigInput;
  steps: (sim: DecisionSim) => void;
  outcome: "passed" | "failed" | "vetoed" | null;
  labels: { has?: string[]; not?: string[] };
  open: boolean;
  text?: RegExp[];
}

const rows: Row[] = [
  {
    name: "passed: 2 yes, 1 no among moderators",
    steps: (s) => {
      s.comment(1, "mod1", "/vote yes");
      s.comment(2, "mod2", "I agree.\n/vote yes");
      s.comment(3, "mod3", "/vote no");
    },
    outcome: "passed",
    labels: { has: ["vote/passed", "group/approved"], not: ["vote/open", "vote/failed"] },
    open: true,
    text: [/2 yes\*\*, \*\*1 no\*\*/],
  },
  {
    name: "failed: 1 yes, 2 no",
    steps: (s) => {
      s.comment(1, "mod1", "/vote yes");
      s.comment(2, "mod2", "/vote no");
      s.comment(3, "mod3", "/vote no");
    },
    outcome: "failed",
    labels: { has: ["vote/failed"], not: ["vote/open", "group/approved"] },
    open: true,
  },
  {
    name: "tie fails",
    steps: (s) => {
      s.comment(1, "mod1", "/vote yes");
      s.comment(2, "mod2", "/vote no");
      s.comment(3, "mod3", "/vote abstain");
    },
    outcome: "failed",
    labels: { has: ["vote/failed"], not: ["group/approved"] },
    open: true,
    text: [/The vote failed \(tie\)/],
  },
  {
    name: "quorum not met",
    config: { decisions: { quorum: 2 } },
    steps: (s) => s.comment(1, "mod1", "/vote yes"),
    outcome: "failed",
    labels: { has: ["vote/failed"], not: ["group/approved"] },
    open: true,
    text: [/quorum not met/],
  },
  {
    name: "denominator electorate: 1 yes of 3 moderators fails",
    config: { decisions: { denominator: "electorate" as const } },
    steps: (s) => s.comment(1, "mod1", "/vote yes"),
    outcome: "failed",
    labels: { has: ["vote/failed"] },
    open: true,
  },
  {
    name: "vetoed during the vote by /veto",
    steps: (s) => {
      s.comment(1, "mod1", "/vote yes");
      s.comment(10, "core1", "/veto overlaps with auth-ig");
    },
    outcome: "vetoed",
    labels: { has: ["group/vetoed", "veto"], not: ["vote/open", "group/approved", "vote/passed"] },
    open: false,
    text: [/Vetoed by @\u200dcore1/, /Reason: overlaps with auth-ig/, /open vote is closed/],
  },
  {
    name: "vetoed after approval by the label reverses it",
    steps: (s) => {
      s.comment(1, "mod1", "/vote yes");
      s.comment(2, "mod3", "/vote yes");
      s.run(hour(72));
      expect(s.labels).toContain("group/approved");
      s.label(80, "lead1", "labeled");
    },
    outcome: "passed",
    labels: { has: ["group/vetoed", "veto", "vote/passed"], not: ["group/approved"] },
    open: false,
    text: [/reverses the approval/, /with the `veto` label/],
  },
  {
    name: "veto lifted by /unveto restores the approval",
    steps: (s) => {
      s.comment(1, "mod1", "/vote yes");
      s.comment(2, "mod3", "/vote yes");
      s.run(hour(72));
      s.label(80, "lead1", "labeled");
      s.comment(90, "core2", "/unveto");
    },
    outcome: "passed",
    labels: { has: ["group/approved", "vote/passed"], not: ["group/vetoed", "veto"] },
    open: true,
    text: [/\*\*Lifted\*\* by @\u200dcore2/],
  },
  {
    name: "unauthorised veto label is removed; the vote goes on and passes",
    steps: (s) => {
      s.label(5, "mallory", "labeled");
      expect(s.labels).not.toContain("veto");
      s.comment(6, "mod1", "/vote yes");
      s.react(7, "mod3", "THUMBS_UP");
    },
    outcome: "passed",
    labels: { has: ["group/approved"], not: ["veto", "group/vetoed"] },
    open: true,
    text: [/label added by @\u200dmallory was removed/],
  },
  {
    name: "late ballot after the deadline is ignored (and listed)",
    steps: (s) => {
      s.comment(1, "mod1", "/vote yes");
      s.comment(2, "mod3", "/vote yes");
      s.comment(73, "mod2", "/vote no", { run: false });
    },
    outcome: "passed",
    labels: { has: ["vote/passed"] },
    open: true,
    text: [/cast after the deadline: @\u200dmod2 \(no, comment\)/],
  },
  {
    name: "👍 then /vote no: the later ballot counts",
    steps: (s) => {
      s.react(1, "mod1", "THUMBS_UP");
      s.react(1, "mod2", "THUMBS_UP");
      s.comment(2, "mod1", "/vote no");
      s.react(3, "mod3", "THUMBS_DOWN");
    },
    outcome: "failed",
    labels: { has: ["vote/failed"] },
    open: true,
    text: [/\| no \| @\u200dmod1, @\u200dmod3 \|/],
  },
  {
    name: "a ballot edited after the deadline is late",
    steps: (s) => {
      s.comment(1, "mod1", "/vote yes");
      s.comment(2, "mod2", "/vote no", { editedAt: 75, run: false });
      s.comment(3, "mod3", "/vote no");
    },
    outcome: "failed",
    labels: { has: ["vote/failed"] },
    open: true,
    text: [/tie/],
  },
  {
    name: "non-moderator ballots are non-binding",
    steps: (s) => {
      s.comment(1, "mallory", "/vote yes");
      s.comment(2, "core1", "/vote yes");
      s.comment(3, "mod1", "/vote no");
    },
    outcome: "failed",
    labels: { has: ["vote/failed"] },
    open: true,
    text: [/Non-binding .*@\u200dmallory \(yes, comment\)/],
  },
];

describe("the vote over a fake clock", () => {
  test.each(rows)("$name", (row) => {
    const sim = openVote(new DecisionSim(row.config));
    row.steps(sim);
    // Before the deadline nothing is tallied (unless vetoed); at the deadline, the sweep tallies.
    sim.run(hour(71.9));
    sim.run(hour(72));
    sim.run(hour(100));
    sim.run(hour(100)); // a second sweep changes nothing
    const results = sim.results();
    if (row.outcome === null) expect(results).toHaveLength(0);
    else {
      expect(results).toHaveLength(1);
      expect(results[0]!.body).toContain(`{"outcome":"${row.outcome}"}`);
    }
    for (const l of row.labels.has ?? []) expect(sim.labels).toContain(l);
    for (const l of row.labels.not ?? []) expect(sim.labels).not.toContain(l);
    expect(sim.open).toBe(row.open);
    const all = sim.own.map((c) => c.body).join("\n---\n");
    for (const re of row.text ?? []) expect(all).toMatch(re);
    expect(sim.plans.at(-1)).toEqual([]);
  });

  test("nothing is tallied before the deadline", () => {
    const sim = openVote();
    sim.comment(1, "mod1", "/vote yes");
    expect(sim.run(hour(71.99)).filter((a) => a.kind !== "comment.create" || !a.body.includes("decisions:reminder:"))).toEqual([]);
    expect(sim.results()).toHaveLength(0);
    expect(sim.labels).toContain("vote/open");
  });

  test("the vote comment states the deadline in UTC and records the electorate in its marker", () => {
    const sim = openVote();
    const body = sim.ownWith("decisions:vote:1")[0]!.body;
    expect(body).toContain("open until 2026-11-04 12:00 UTC");
    expect(body).toContain('"electorate":["mod1","mod2","mod3"]');
  });

  test("a /vote handled hours late (app down, redelivery) runs from the comment's created_at, not the app's clock", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "/vote", { run: false });
    const c = sim.comments[0]!;
    sim.run(hour(5), { commentId: c.id, author: c.author, createdAt: c.createdAt, commands: c.commands });
    const body = sim.ownWith("decisions:vote:1")[0]!.body;
    expect(body).toContain("open until 2026-11-04 12:00 UTC");
    expect(body).toContain('"opened":"2026-11-01T12:00:00.000Z"');
  });

  test("a non-moderator is told once per vote that their ballot does not count; a changed ballot costs no write", () => {
    const sim = openVote();
    sim.comment(1, "mallory", "/vote yes");
    expect(sim.replies()).toHaveLength(1);
    expect(sim.replies()[0]!.body).toMatch(/does not count|non-binding/i);
    sim.comment(2, "mallory", "/vote no");
    sim.comment(3, "mod1", "/vote yes");
    expect(sim.replies()).toHaveLength(1);
    sim.run(hour(72));
    expect(sim.results()[0]!.body).toMatch(/Non-binding .*@\u200dmallory \(no, comment\)/);
  });

  test("the electorate is fixed at the opening: a moderator added later is non-binding", () => {
    const sim = openVote();
    sim.own[0]!.body = sim.own[0]!.body.replace('"electorate":["mod1","mod2","mod3"]', '"electorate":["mod1"]');
    sim.comment(1, "mod2", "/vote no");
    sim.comment(2, "mod1", "/vote yes");
    sim.run(hour(72));
    expect(sim.results()[0]!.body).toContain('{"outcome":"passed"}');
  });
});

describe("commands are checked against roles and state", () => {
  test("a non-moderator /vote gets one reply and opens nothing; a redelivery adds nothing", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mallory", "/vote");
    expect(sim.ownWith("decisions:vote:1")).toHaveLength(0);
    expect(sim.labels).not.toContain("vote/open");
    expect(sim.replies()).toHaveLength(1);
    expect(sim.replies()[0]!.body).toMatch(/only the community moderators \(@\u200dmod1, @\u200dmod2, @\u200dmod3\) may call a vote/);
    const trigger = sim.input(null, hour(0));
    expect(trigger.comments).toHaveLength(1);
    const c = sim.comments[0]!;
    expect(sim.run(hour(0.1), { commentId: c.id, author: c.author, createdAt: c.createdAt, commands: c.commands })).toEqual([]);
  });

  test("a redelivered /vote does not reply 'already open'", () => {
    const sim = openVote();
    const c = sim.comments[0]!;
    expect(sim.run(hour(0.1), { commentId: c.id, author: c.author, createdAt: c.createdAt, commands: c.commands })).toEqual([]);
  });

  test("/vote on a request that is not ready gets a reply", () => {
    const sim = new DecisionSim();
    sim.labels = ["group-request", "group/needs-changes"];
    sim.comment(0, "mod1", "/vote");
    expect(sim.labels).not.toContain("vote/open");
    expect(sim.replies()[0]!.body).toContain("not labelled `group/ready`");
  });

  test("a vote with nobody to vote is not opened", () => {
    const sim = new DecisionSim();
    const original = sim.input.bind(sim);
    sim.input = (trigger, now) => ({ ...original(trigger, now), moderators: [] });
    sim.comment(0, "mod1", "/vote");
    expect(sim.labels).not.toContain("vote/open");
    expect(sim.replies()[0]!.body).toContain("found no community moderators");
  });

  test("a second /vote while one is open is refused", () => {
    const sim = openVote();
    sim.comment(1, "mod2", "/vote");
    expect(sim.ownWith("decisions:vote:2")).toHaveLength(0);
    expect(sim.replies()[0]!.body).toContain("already open on this request, until 2026-11-04 12:00 UTC");
  });

  test("/veto by a non-maintainer is refused with one reply", () => {
    const sim = openVote();
    sim.comment(1, "mod2", "/veto I do not like it");
    expect(sim.labels).not.toContain("group/vetoed");
    expect(sim.open).toBe(true);
    expect(sim.replies()[0]!.body).toContain("only core or lead maintainers");
  });

  test("removal of an authorised veto label by someone else is undone, with one reply", () => {
    const sim = openVote();
    sim.label(2, "core1", "labeled");
    expect(sim.open).toBe(false);
    sim.label(3, "mallory", "unlabeled");
    expect(sim.labels).toContain("veto");
    expect(sim.labels).toContain("group/vetoed");
    expect(sim.replies()).toHaveLength(1);
    expect(sim.replies()[0]!.body).toContain("label removed by @\u200dmallory was put back");
    expect(sim.run(hour(4))).toEqual([]);
  });

  test("a veto during the vote closes it even when the app missed it and it was lifted before the tally", () => {
    // The app was down from hour 5 to hour 81: the veto (hour 10) and its lifting (hour 80) are read
    // from the request afterwards. Had the app been up, the vote would have closed as vetoed at hour 10.
    const sim = openVote();
    sim.comment(1, "mod1", "/vote yes", { run: false });
    sim.comment(2, "mod2", "/vote yes", { run: false });
    sim.comment(10, "core1", "/veto not now", { run: false });
    sim.comment(80, "core1", "/unveto", { run: false });
    sim.run(hour(81));
    const results = sim.results();
    expect(results).toHaveLength(1);
    expect(results[0]!.body).toContain('{"outcome":"vetoed"}');
    expect(sim.labels).not.toContain("group/approved");
    expect(sim.labels).not.toContain("vote/passed");
    expect(sim.labels).not.toContain("vote/open");
    expect(sim.run(hour(100))).toEqual([]);
  });

  test("a veto lifted during a vote leaves the request ready for a new vote", () => {
    const sim = openVote();
    sim.comment(2, "core1", "/veto not now");
    sim.label(3, "core1", "unlabeled");
    expect(sim.open).toBe(true);
    expect(sim.labels).toContain("group/ready");
    expect(sim.labels).not.toContain("group/vetoed");
    sim.comment(4, "mod2", "/vote");
    expect(sim.ownWith("decisions:vote:2")).toHaveLength(1);
    sim.comment(5, "mod2", "/vote yes");
    sim.comment(6, "mod1", "/vote yes");
    sim.run(hour(76));
    expect(sim.labels).toContain("group/approved");
  });

  test("/unveto without a veto says there is nothing to lift", () => {
    const sim = new DecisionSim();
    sim.comment(1, "core1", "/unveto");
    expect(sim.replies()[0]!.body).toContain("nothing to lift");
  });

  test("ballot replies: no vote open, late ballot, bad choice", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "/vote yes");
    expect(sim.replies()[0]!.body).toContain("no open vote");
    sim.comment(1, "mod1", "/vote");
    sim.comment(2, "mod1", "/vote maybe");
    expect(sim.replies()[1]!.body).toContain("`/vote maybe` is not a ballot");
    sim.run(hour(80));
    sim.comment(81, "mod2", "/vote yes");
    expect(sim.replies()[2]!.body).toContain("came too late");
  });

  test("commands in code blocks and quotes are not commands", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "```\n/vote\n```\n> /vote\n\n`/vote`");
    expect(sim.own).toHaveLength(0);
    expect(sim.labels).not.toContain("vote/open");
    openVote(sim);
    sim.comment(1, "core1", "> /veto no\n\n    /veto indented");
    sim.comment(2, "mod1", "```\n/vote no\n```\n/vote yes");
    sim.comment(3, "mod2", "/vote yes");
    sim.run(hour(72));
    expect(sim.open).toBe(true);
    expect(sim.results()[0]!.body).toContain('{"outcome":"passed"}');
  });

  test("a command on an issue that is not a group request gets a reply and changes nothing", () => {
    const sim = new DecisionSim();
    sim.labels = ["bug"];
    sim.comment(0, "core1", "/veto spam");
    expect(sim.open).toBe(true);
    expect(sim.labels).toEqual(["bug"]);
    expect(sim.replies()[0]!.body).toContain("works only on group requests");
  });
});

describe("the sponsorship policy", () => {
  const sponsorship = { decisions: { policy: "sponsorship" as const } };

  test("two core maintainers approve", () => {
    const sim = new DecisionSim(sponsorship);
    sim.comment(1, "core1", "/sponsor");
    expect(sim.labels).not.toContain("group/approved");
    sim.comment(2, "core2", "/sponsor");
    expect(sim.labels).toContain("group/approved");
    expect(sim.ownWith("decisions:sponsorship")[0]!.body).toContain("Sponsored: this request is approved");
  });

  test("one lead maintainer approves", () => {
    const sim = new DecisionSim(sponsorship);
    sim.comment(1, "lead1", "/sponsor");
    expect(sim.labels).toContain("group/approved");
  });

  test("sponsorship and its withdrawal append to a visible history", () => {
    const sim = new DecisionSim(sponsorship);
    sim.comment(1, "core1", "/sponsor");
    sim.comment(2, "core2", "/sponsor");
    sim.comment(3, "core1", "/unsponsor");
    const body = sim.ownWith("decisions:sponsorship")[0]!.body;
    expect(body).toContain("Sponsorship withdrawn");
    expect(body.split("\n").filter((l) => l.startsWith("- "))).toEqual([
      "- 2026-11-01 13:00 UTC: @\u200dcore1 sponsored",
      "- 2026-11-01 14:00 UTC: @\u200dcore2 sponsored",
      "- 2026-11-01 15:00 UTC: @\u200dcore1 withdrew their sponsorship",
    ]);
  });

  test("one core maintainer does not; /unsponsor withdraws an approval", () => {
    const sim = new DecisionSim(sponsorship);
    sim.comment(1, "core1", "/sponsor");
    expect(sim.labels).not.toContain("group/approved");
    expect(sim.own).toHaveLength(0);
    sim.comment(2, "core2", "/sponsor");
    sim.comment(3, "core2", "/unsponsor");
    expect(sim.labels).not.toContain("group/approved");
    expect(sim.ownWith("decisions:sponsorship")).toHaveLength(1);
    expect(sim.ownWith("decisions:sponsorship")[0]!.body).toContain("Sponsorship withdrawn");
  });

  test("a moderator's /sponsor is refused; /vote is refused under sponsorship", () => {
    const sim = new DecisionSim(sponsorship);
    sim.comment(1, "mod1", "/sponsor");
    sim.comment(2, "mod1", "/vote");
    expect(sim.labels).not.toContain("group/approved");
    expect(sim.labels).not.toContain("vote/open");
    expect(sim.replies()[0]!.body).toContain("only core or lead maintainers");
    expect(sim.replies()[1]!.body).toContain("approves requests by sponsorship");
  });

  test("/sponsor on a request that is not ready gets a reply and approves nothing until intake passes", () => {
    const sim = new DecisionSim(sponsorship);
    sim.labels = sim.labels.filter((l) => l !== "group/ready");
    sim.comment(1, "lead1", "/sponsor");
    expect(sim.replies()).toHaveLength(1);
    expect(sim.replies()[0]!.body).toContain("not labelled `group/ready` yet");
    expect(sim.labels).not.toContain("group/approved");
    expect(sim.ownWith("decisions:sponsorship")).toHaveLength(0);
    sim.labels.push("group/ready"); // intake passes later
    sim.run(hour(2));
    expect(sim.labels).toContain("group/approved");
  });

  test("a veto reverses a sponsorship approval", () => {
    const sim = new DecisionSim(sponsorship);
    sim.comment(1, "lead1", "/sponsor");
    sim.comment(2, "core1", "/veto duplicate of auth-ig");
    expect(sim.labels).not.toContain("group/approved");
    expect(sim.open).toBe(false);
    expect(sim.ownWith("decisions:veto:c")).toHaveLength(0);
    expect(sim.own.some((c) => c.body.includes("reverses the approval"))).toBe(true);
  });
});
