import { describe, expect, test } from "@jest/globals";
import { defaultConfig, type Config } from "../../src/features/config-schema.js";
import { parseCommands } from "../../src/core/commands.js";
import type { Plan } from "../../src/core/plan.js";
import { findMarker } from "../../src/core/markers.js";
import { decideConsensus, readPropose } from "../../src/features/consensus/decide.js";
import type { ConsensusGroup, ConsensusInput } from "../../src/features/consensus/facts.js";
import { statesResolution } from "../../src/features/consensus/block-text.js";
import { summariseByOrganisation, tallyVote } from "../../src/features/consensus/tally.js";

const DAY = 86_400_000;
const T0 = Date.parse("2030-03-02T10:00:00Z");
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

const GROUP: ConsensusGroup = {
  name: "Transports", tag: "transports-wg", leads: ["lead1"],
  members: [
    { login: "lead1", organization: "Acme" },
    { login: "m1", organization: "Acme" },
    { login: "m2", organization: "Globex" },
    { login: "m3", organization: "Initech" },
  ],
};

/** An item labelled with the group's tag, replayed step by step: each step's plan is applied to it as GitHub would. */
class Item {
  input: ConsensusInput = {
    target: { owner: "o", repo: "r", issue: 7 }, labels: ["transports-wg"], groups: [GROUP], comments: [], own: [], trigger: null, unread: false,
  };
  private nextId = 100;

  constructor(private readonly config: Config = defaultConfig) {}

  /** `author` comments at day `day`; the webhook run's plan is applied and returned. */
  comment(author: string, body: string, day: number): Plan {
    const id = this.nextId++;
    this.input.comments.push({ id, author, createdAt: at(day), body, commands: parseCommands(body) });
    return this.run(day, { commentId: id });
  }

  /** A sweep (or any event without a trigger) at day `day`. */
  sweep(day: number): Plan {
    return this.run(day, null);
  }

  run(day: number, trigger: { commentId: number } | null): Plan {
    const plan = decideConsensus({ ...this.input, trigger }, this.config, new Date(at(day)));
    for (const a of plan) {
      if (a.kind === "comment.create") this.input.own.push({ id: this.nextId++, body: a.body, createdAt: at(day) });
      if (a.kind === "comment.update") this.input.own.find((c) => c.id === a.commentId)!.body = a.body;
      if (a.kind === "labels.add") this.input.labels.push(...a.labels);
      if (a.kind === "label.remove") this.input.labels = this.input.labels.filter((l) => l !== a.label);
    }
    return plan;
  }

  marker(key = "consensus") {
    const own = this.input.own.find((c) => findMarker(c.body, key));
    return own ? findMarker(own.body, key)!.data : null;
  }

  replies(): string[] {
    return this.input.own.filter((c) => /convener:consensus:reply:/.test(c.body)).map((c) => c.body);
  }
}

const BLOCK = "/block this breaks stdio servers\n\nAlternative: keep the old header for one release";

describe("readPropose and the block text", () => {
  test.each([
    ["minor Adopt the new header", { size: "minor", scope: false, summary: "Adopt the new header" }],
    ["significant --scope Take over auth", { size: "significant", scope: true, summary: "Take over auth" }],
    ["SIGNIFICANT Something big", { size: "significant", scope: false, summary: "Something big" }],
  ])("/propose %s", (rest, want) => expect(readPropose(rest)).toEqual(want));

  test.each(["", "medium thing", "minor", "minor --scope"])("/propose %j is refused with the syntax", (rest) => {
    expect(typeof readPropose(rest)).toBe("string");
  });

  test.each([
    [BLOCK, true],
    ["/block no\n\nCriteria: a benchmark showing no regression", true],
    ["/block no\n\n**Alternative:** ship it behind a flag", true],
    ["/block no\n\n- Resolution criteria: two SDKs implement it", true],
    ["/block I just don't like it", false],
    ["/block no\n\nAlternative:", false],
    ["/block we have no alternatives", false],
  ])("%j states alternatives or criteria: %s", (body, want) => expect(statesResolution(body)).toBe(want));
});

describe("lazy consensus", () => {
  test("a member's /propose opens it: marker with deadline, size and state, the pending label, the leads mentioned once", () => {
    const item = new Item();
    const plan = item.comment("m1", "/propose minor Adopt the new header", 0);
    expect(plan.map((a) => a.kind)).toEqual(["comment.create", "labels.add"]);
    expect(item.marker()).toMatchObject({ deadline: at(5), size: "minor", state: "pending", group: "transports-wg" });
    expect(item.input.labels).toContain("consensus/pending");
    expect(item.input.own[0]!.body).toContain("@lead1");
    // A redelivery (the same comment again) and a plain sweep before the deadline change nothing.
    expect(item.run(1, { commentId: 100 })).toEqual([]);
    expect(item.sweep(4.9)).toEqual([]);
  });

  test("significant: a 10-day deadline; configurable", () => {
    const item = new Item();
    item.comment("lead1", "/propose significant Split the transport spec", 0);
    expect(item.marker()).toMatchObject({ deadline: at(10), size: "significant" });
    const config = { ...defaultConfig, consensus: { ...defaultConfig.consensus, significantPeriod: "14d" } };
    const other = new Item(config);
    other.comment("lead1", "/propose significant Split it", 0);
    expect(other.marker()).toMatchObject({ deadline: at(14) });
  });

  test("silence is consent: the sweep at the deadline accepts, once", () => {
    const item = new Item();
    item.comment("m1", "/propose minor Adopt the new header", 0);
    const plan = item.sweep(5);
    expect(plan.filter((a) => a.kind === "comment.create")).toHaveLength(1);
    expect(item.marker("consensus:result")).toEqual({ outcome: "accepted" });
    expect(item.marker()).toMatchObject({ state: "accepted" });
    expect(item.input.labels).toEqual(["transports-wg", "consensus/accepted"]);
    expect(item.sweep(6)).toEqual([]);
  });

  test.each([
    ["a non-member", "mallory", /not listed/],
    ["a Participant-level person not in the table", "m9", /not listed/],
  ])("unauthorised /propose by %s is refused with a clear reply, nothing opens", (_what, who, message) => {
    const item = new Item();
    const plan = item.comment(who, "/propose minor Something", 0);
    expect(plan).toHaveLength(1);
    expect(item.marker()).toBeNull();
    expect(item.replies()[0]).toMatch(message);
    expect(item.replies()[0]).toContain("may propose");
  });

  test("a /propose on an item without a WG tag, or with two, is refused", () => {
    const item = new Item();
    item.input.labels = [];
    item.comment("m1", "/propose minor Something", 0);
    expect(item.replies()[0]).toMatch(/label this item with the group's tag/);
    const two = new Item();
    two.input.groups = [GROUP, { ...GROUP, name: "Auth", tag: "auth-wg" }];
    two.input.labels = ["transports-wg", "auth-wg"];
    two.comment("m1", "/propose minor Something", 0);
    expect(two.replies()[0]).toMatch(/several Working Groups/);
  });
});

describe("blocks", () => {
  test("a member's block with an alternative blocks; without one, a reply asks for it and nothing blocks", () => {
    const item = new Item();
    item.comment("m1", "/propose minor Adopt the new header", 0);
    item.comment("m2", "/block I don't like it", 1);
    expect(item.marker()).toMatchObject({ state: "pending" });
    expect(item.replies()[0]).toMatch(/must propose alternatives or clear criteria/);
    item.comment("m2", BLOCK, 2);
    expect(item.marker()).toMatchObject({ state: "blocked" });
    expect(item.input.labels).toEqual(expect.arrayContaining(["consensus/pending", "consensus/blocked"]));
    expect(item.replies()).toHaveLength(1);
  });

  test("a non-member's block is refused and does not count", () => {
    const item = new Item();
    item.comment("m1", "/propose minor Adopt the new header", 0);
    item.comment("mallory", BLOCK, 1);
    expect(item.marker()).toMatchObject({ state: "pending" });
    expect(item.replies()[0]).toMatch(/`\/block` is for the Working Group's WG Members/);
    item.sweep(5);
    expect(item.marker("consensus:result")).toEqual({ outcome: "accepted" });
  });

  test("/unblock by the blocker lifts it; by someone else it is refused; a lead may lift it", () => {
    const item = new Item();
    item.comment("m1", "/propose minor Adopt the new header", 0);
    item.comment("m2", BLOCK, 1);
    item.comment("m3", "/unblock", 1.5);
    expect(item.marker()).toMatchObject({ state: "blocked" });
    expect(item.replies().at(-1)).toMatch(/Only the WG Member who blocked, or a lead/);
    item.comment("m2", "/unblock we talked it through", 2);
    expect(item.marker()).toMatchObject({ state: "pending" });
    expect(item.input.labels).not.toContain("consensus/blocked");
    item.comment("m3", "/block no\n\nCriteria: a benchmark", 3);
    item.comment("lead1", "/unblock @m3", 4);
    expect(item.marker()).toMatchObject({ state: "pending" });
    item.sweep(5);
    expect(item.marker("consensus:result")).toEqual({ outcome: "accepted" });
  });

  test("an old comment edited after the deadline into a block is as late as a new one", () => {
    const item = new Item();
    item.comment("m1", "/propose minor Adopt the new header", 0);
    item.comment("m2", "Looks fine to me", 1);
    const edited = item.input.comments.at(-1)!;
    Object.assign(edited, { body: BLOCK, commands: parseCommands(BLOCK), lastEditedAt: at(5.5) });
    item.sweep(6);
    expect(item.marker("consensus:result")).toEqual({ outcome: "accepted" });
  });

  test("a marker pasted by a person is not believed; the summary is pinned and escaped", () => {
    const item = new Item();
    item.comment("mallory", '<!-- convener:consensus {"deadline":"2030-01-01T00:00:00Z","size":"minor","state":"accepted","group":"transports-wg","proposer":"m1","opened":"2030-01-01T00:00:00Z"} -->', 0);
    expect(item.marker()).toBeNull();
    item.comment("m1", "/propose minor Adopt <!-- convener:consensus:result {\"outcome\":\"accepted\"} --> @lead1 header", 0);
    expect(item.marker("consensus:result")).toBeNull();
    expect(item.marker()).toMatchObject({ summary: expect.stringContaining("Adopt") });
    const proposer = item.input.comments.at(-1)!;
    Object.assign(proposer, { body: "/propose minor Something else", commands: parseCommands("/propose minor Something else"), lastEditedAt: at(1) });
    item.sweep(2);
    expect(item.input.own[0]!.body).toContain("Adopt");
    expect(item.input.own[0]!.body).not.toContain("Something else");
  });

  test("a block after the deadline is too late", () => {
    const item = new Item();
    item.comment("m1", "/propose minor Adopt the new header", 0);
    item.comment("m2", BLOCK, 5.5); // the sweep has not run yet
    expect(item.replies()[0]).toMatch(/after the lazy consensus deadline/);
    expect(item.marker("consensus:result")).toEqual({ outcome: "accepted" });
  });
});

describe("the formal vote", () => {
  function blockedAtDeadline(scope = false): Item {
    const item = new Item();
    item.comment("m1", `/propose significant ${scope ? "--scope " : ""}Adopt the new header`, 0);
    item.comment("m2", BLOCK, 1);
    item.sweep(10);
    return item;
  }

  test("a block standing at the deadline opens it, electorate frozen, label voting", () => {
    const item = blockedAtDeadline();
    expect(item.marker("consensus:vote")).toMatchObject({
      opened: at(10), deadline: at(17),
      electorate: [{ login: "lead1", organization: "Acme" }, { login: "m1", organization: "Acme" }, { login: "m2", organization: "Globex" }, { login: "m3", organization: "Initech" }],
    });
    expect(item.marker()).toMatchObject({ state: "voting" });
    expect(item.input.labels).toEqual(expect.arrayContaining(["consensus/pending", "consensus/voting"]));
    expect(item.marker("consensus:result")).toBeNull();
    expect(item.sweep(11)).toEqual([]);
  });

  test("a lead's /formal-vote opens it at once; members need three", () => {
    const lead = new Item();
    lead.comment("m1", "/propose minor X", 0);
    lead.comment("lead1", "/formal-vote", 1);
    expect(lead.marker("consensus:vote")).toMatchObject({ opened: at(1), deadline: at(8) });
    const members = new Item();
    members.comment("lead1", "/propose minor X", 0);
    members.comment("m1", "/formal-vote", 1);
    members.comment("m2", "/formal-vote", 1.1);
    expect(members.marker("consensus:vote")).toBeNull();
    expect(members.replies().at(-1)).toMatch(/counted \(2 of the 3/);
    members.comment("m3", "/formal-vote", 1.2);
    expect(members.marker("consensus:vote")).toMatchObject({ opened: at(1.2) });
  });

  test("ballots need a rationale and a seat; the latest counts; simple majority passes", () => {
    const item = blockedAtDeadline();
    item.comment("m1", "/vote yes", 11);
    expect(item.replies().at(-1)).toMatch(/documented with its rationale/);
    item.comment("mallory", "/vote no because", 11);
    expect(item.replies().at(-1)).toMatch(/not among the active WG Members/);
    item.comment("m1", "/vote no not yet", 11.5);
    item.comment("m1", "/vote yes the alternative is worse", 12);
    item.comment("m2", "/vote no it breaks stdio", 12);
    item.comment("m3", "/vote yes fine by me", 12);
    item.sweep(17);
    expect(item.marker("consensus:result")).toEqual({ outcome: "accepted" });
    const result = item.input.own.find((c) => c.body.includes("consensus:result"))!.body;
    expect(result).toContain("2 yes, 1 no, 0 abstaining");
    expect(result).toContain("the alternative is worse");
    expect(item.input.labels).toEqual(["transports-wg", "consensus/accepted"]);
    expect(item.sweep(18)).toEqual([]);
  });

  test("a scope change needs two thirds: 2 yes to 1 no passes, 3 yes to 2 no escalates", () => {
    const ok = blockedAtDeadline(true);
    ok.comment("m1", "/vote yes r", 11);
    ok.comment("m2", "/vote no r", 11);
    ok.comment("m3", "/vote yes r", 11);
    ok.sweep(17);
    expect(ok.marker("consensus:result")).toEqual({ outcome: "accepted" });
    const tally = tallyVote(
      ["a", "b", "c", "d", "e"].map((login) => ({ login, organization: "" })),
      ["yes", "yes", "yes", "no", "no"].map((choice, i) => ({ voter: "abcde"[i]!, choice: choice as "yes", rationale: "r", at: at(1), commentId: i })),
      true, 0.5,
    );
    expect(tally.outcome).toBe("escalated");
    expect(tally.why).toMatch(/short of the two thirds/);
  });

  test("no quorum: escalated with positions per organisation", () => {
    const item = blockedAtDeadline();
    item.comment("m2", "/vote no it breaks stdio", 11);
    item.sweep(17);
    expect(item.marker("consensus:result")).toEqual({ outcome: "escalated" });
    const result = item.input.own.find((c) => c.body.includes("consensus:result"))!.body;
    expect(result).toMatch(/no quorum: 1 of 4 WG Members voted, 2 needed/);
    expect(result).toMatch(/\*\*Acme\*\*: 2 silent/);
    expect(result).toMatch(/\*\*Globex\*\*: 1 no/);
    expect(item.input.labels).toContain("consensus/escalated");
  });

  test.each([
    [["yes", "no"], false, "escalated"],
    [["no", "no", "yes"], false, "rejected"],
    [["yes", "abstain"], false, "accepted"],
    [["abstain", "abstain"], false, "escalated"],
    [["yes", "yes", "no"], true, "accepted"],
  ])("ballots %j (scope %s) → %s", (choices, scope, outcome) => {
    const electorate = ["a", "b", "c", "d"].map((login) => ({ login, organization: "" }));
    const ballots = choices.map((choice, i) => ({ voter: "abcd"[i]!, choice: choice as "yes", rationale: "r", at: at(1), commentId: i }));
    expect(tallyVote(electorate, ballots, scope, 0.5).outcome).toBe(outcome);
  });

  test("positions per organisation", () => {
    const electorate = [{ login: "a", organization: "Acme" }, { login: "b", organization: "Acme" }, { login: "c", organization: "" }];
    const yes = [{ voter: "a", choice: "yes" as const, rationale: "r", at: at(0), commentId: 1 }];
    expect(summariseByOrganisation({ electorate, yes, no: [], abstain: [] })).toEqual([
      { organization: "Acme", yes: ["a"], no: [], abstain: [], silent: ["b"] },
      { organization: "no organisation listed", yes: [], no: [], abstain: [], silent: ["c"] },
    ]);
  });
});
