import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { features } from "../../src/features/index.js";
import { runSweep } from "../../src/sweep/run-sweep.js";
import { silentLog } from "../../src/core/log.js";
import { findMarker } from "../../src/core/markers.js";
import type { StandIn } from "../../sandbox/src/stand-in.js";
import { FULL_NAME, createStandInAuth, describeRequests, listAppComments, listRepoWrites, standInClock } from "../support/decisions-stand-in.js";
import { startStandInApp, type StandInApp } from "../support/stand-in-app.js";

const DAY = 86_400_000;
const identity = { appId: 1, login: "convener[bot]" };
const consensusOnly = features.filter((f) => f.name === "consensus");

const CONFIG = `roles:
  moderators: [mod1]
  coreMaintainers: [core1]
  leadMaintainers: [lead0]
# The retirement sweep has its own tests; here it would review the seeded charter.
retirement:
  enabled: false
`;

/** A Working Group charter as MCP writes them: Leadership and Membership tables with organisations. */
const CHARTER = `---
title: Transports Working Group Charter
---

## Group Type

**Working Group**

## Leadership

| Role | Name  | Organization | GitHub                               |
| ---- | ----- | ------------ | ------------------------------------ |
| Lead | Lee   | Acme         | [@lead1](https://github.com/lead1)   |

## Membership

| Name | Organization | GitHub                         | Level       |
| ---- | ------------ | ------------------------------ | ----------- |
| Lee  | Acme         | [@lead1](https://github.com/lead1) | Lead    |
| Ann  | Acme         | [@m1](https://github.com/m1)   | WG Member   |
| Bob  | Globex       | [@m2](https://github.com/m2)   | WG Member   |
| Cat  | Initech      | [@m3](https://github.com/m3)   | WG Member   |
| Pat  | Hooli        | [@p1](https://github.com/p1)   | Participant |

## Operations

| Meeting         | Frequency | Duration   | Purpose            |
| --------------- | --------- | ---------- | ------------------ |
| Working Session | Weekly    | 30 minutes | Technical work     |
`;

const BLOCK = "/block this breaks stdio servers\n\nAlternative: keep the old header for one release";

type World = StandInApp & { clock: () => Date };

describe("WG consensus on the stand-in, the app in process", () => {
  let world: World;

  beforeEach(async () => {
    let seeded: StandIn | undefined;
    const clock = standInClock(() => seeded);
    const app = await startStandInApp({
      clock,
      seed: (s) => {
        seeded = s;
        s.control.repo(FULL_NAME, { ".github/convener.yml": CONFIG, "README.md": "# Hello\n", "docs/community/working-groups/transports.mdx": CHARTER });
      },
    });
    world = { ...app, clock };
  });

  afterEach(async () => {
    await world?.stop();
  });

  const issue = (number: number) => world.standIn.control.issueOf(FULL_NAME, number);
  const own = (number: number, marker = "") => listAppComments(world.standIn, number, marker);
  const markerOf = (number: number, key: string) => {
    const c = own(number).find((x) => findMarker(x.body, key));
    return c ? findMarker(c.body, key)!.data : null;
  };
  const replies = (number: number) => own(number, "convener:consensus:reply:").map((c) => c.body);
  const writesSince = (from: number) => describeRequests(listRepoWrites(world.standIn, from));

  function seedItem(labels = ["transports-wg"]): number {
    return world.standIn.control.seedIssue(FULL_NAME, "octocat", "Adopt the new session header", "", labels).number;
  }

  async function comment(number: number, login: string, body: string) {
    const from = world.standIn.webhooks.deliveries.length;
    const id = world.standIn.control.as(login, FULL_NAME).comment(number, body);
    await world.settle();
    return { id, delivery: world.standIn.webhooks.deliveries[from]! };
  }

  async function later(days: number): Promise<void> {
    await world.settle();
    world.standIn.control.advanceClock(days * DAY);
  }

  async function sweep() {
    const report = await runSweep({ auth: createStandInAuth(world.standIn), features: consensusOnly, confirm: true, maxWrites: 30, identity, log: silentLog, clock: world.clock });
    await world.settle();
    return report;
  }

  test("proposal, then silence: the sweep accepts at the deadline exactly once (redelivery, two sweeps at once)", async () => {
    const number = seedItem();
    const { delivery } = await comment(number, "m1", "/propose minor Adopt the new session header");
    const opened = markerOf(number, "consensus");
    expect(opened).toMatchObject({ size: "minor", state: "pending", group: "transports-wg" });
    expect(Date.parse(String(opened!.deadline)) - Date.parse(String(opened!.opened))).toBe(5 * DAY);
    expect(issue(number).labels).toContain("consensus/pending");
    expect(own(number, "convener:consensus {")[0]!.body).toContain("@lead1");
    let from = world.standIn.requests.length;
    await world.standIn.webhooks.redeliver(delivery.id);
    await world.settle();
    expect(writesSince(from)).toEqual([]);

    await later(4);
    await sweep();
    expect(markerOf(number, "consensus:result")).toBeNull();
    await later(1.01);
    await Promise.all([sweep(), sweep()]);
    expect(own(number, "convener:consensus:result")).toHaveLength(1);
    expect(markerOf(number, "consensus:result")).toEqual({ outcome: "accepted" });
    expect(markerOf(number, "consensus")).toMatchObject({ state: "accepted" });
    expect(issue(number).labels).toEqual(expect.arrayContaining(["consensus/accepted"]));
    expect(issue(number).labels).not.toContain("consensus/pending");
    from = world.standIn.requests.length;
    await sweep();
    expect(writesSince(from)).toEqual([]);
  }, 60_000);

  test("on a pull request labelled with the WG's tag: proposal, then acceptance by the sweep", async () => {
    const pr = world.standIn.control.as("m3", FULL_NAME).openPullRequest("Session header", "", { "docs/transports/header.md": "# Header\n" }).number;
    world.standIn.control.as("lead1", FULL_NAME).label(pr, "transports-wg");
    await world.settle();
    await comment(pr, "m3", "/propose minor Merge the header page");
    expect(markerOf(pr, "consensus")).toMatchObject({ size: "minor", state: "pending" });
    expect(issue(pr).labels).toContain("consensus/pending");
    await later(5.01);
    await sweep();
    expect(markerOf(pr, "consensus:result")).toEqual({ outcome: "accepted" });
    expect(issue(pr).labels).toContain("consensus/accepted");
  }, 60_000);

  test("unauthorised /propose and /block are refused with a clear reply", async () => {
    const number = seedItem();
    await comment(number, "p1", "/propose minor Something");
    expect(replies(number)[0]).toMatch(/Only the Transports Working Group's leads and WG Members .* may propose/);
    expect(markerOf(number, "consensus")).toBeNull();
    expect(issue(number).labels).not.toContain("consensus/pending");
    await comment(number, "m1", "/propose minor Something");
    await comment(number, "mallory", BLOCK);
    expect(replies(number)[1]).toMatch(/`\/block` is for the Working Group's WG Members/);
    expect(markerOf(number, "consensus")).toMatchObject({ state: "pending" });
  }, 60_000);

  test("block without alternatives asks for them; with one it blocks; /unblock lifts it; accepted at the deadline", async () => {
    const number = seedItem();
    await comment(number, "m1", "/propose minor Adopt the new session header");
    await later(1);
    await comment(number, "m2", "/block I don't like it");
    expect(replies(number)[0]).toMatch(/must propose alternatives or clear criteria/);
    expect(markerOf(number, "consensus")).toMatchObject({ state: "pending" });
    await comment(number, "m2", BLOCK);
    expect(markerOf(number, "consensus")).toMatchObject({ state: "blocked" });
    expect(issue(number).labels).toEqual(expect.arrayContaining(["consensus/pending", "consensus/blocked"]));
    await later(1);
    await comment(number, "m2", "/unblock the alternative was adopted");
    expect(markerOf(number, "consensus")).toMatchObject({ state: "pending" });
    expect(issue(number).labels).not.toContain("consensus/blocked");
    await later(3.1);
    await sweep();
    expect(markerOf(number, "consensus:result")).toEqual({ outcome: "accepted" });
  }, 60_000);

  test("a block standing at the deadline becomes a formal vote; simple majority with quorum passes", async () => {
    const number = seedItem();
    await comment(number, "m1", "/propose minor Adopt the new session header");
    await comment(number, "m2", BLOCK);
    await later(5.01);
    await sweep();
    expect(markerOf(number, "consensus:vote")).toMatchObject({ electorate: [{ login: "lead1", organization: "Acme" }, { login: "m1", organization: "Acme" }, { login: "m2", organization: "Globex" }, { login: "m3", organization: "Initech" }] });
    expect(issue(number).labels).toEqual(expect.arrayContaining(["consensus/pending", "consensus/voting"]));
    await comment(number, "m1", "/vote yes the alternative costs more");
    await comment(number, "m2", "/vote no it breaks stdio");
    await comment(number, "m3", "/vote yes");
    expect(replies(number).at(-1)).toMatch(/documented with its rationale/);
    await comment(number, "m3", "/vote yes fine by me");
    await later(7.01);
    await sweep();
    expect(markerOf(number, "consensus:result")).toEqual({ outcome: "accepted" });
    expect(own(number, "convener:consensus:result")[0]!.body).toContain("2 yes, 1 no, 0 abstaining");
    // The leads are told once, by the proposal comment; every other comment names people without mentioning them.
    expect(own(number).filter((c) => /(^|[^\w\u200d])@lead1\b/.test(c.body)).map((c) => findMarker(c.body, "consensus") !== null)).toEqual([true]);
  }, 60_000);

  test("a lead's /formal-vote on a scope change; no quorum is escalated with positions per organisation", async () => {
    const number = seedItem();
    await comment(number, "m1", "/propose significant --scope Take over the auth transport");
    expect(markerOf(number, "consensus")).toMatchObject({ size: "significant", scope: true });
    await comment(number, "lead1", "/formal-vote");
    expect(markerOf(number, "consensus:vote")).not.toBeNull();
    await comment(number, "m1", "/vote yes needed");
    await later(7.01);
    await sweep();
    expect(markerOf(number, "consensus:result")).toEqual({ outcome: "escalated" });
    const body = own(number, "convener:consensus:result")[0]!.body;
    expect(body).toMatch(/no quorum: 1 of 4 WG Members voted, 2 needed/);
    expect(body).toMatch(/\*\*Acme\*\*: 1 yes \(@.m1\), 1 silent/);
    expect(issue(number).labels).toContain("consensus/escalated");
  }, 60_000);

  test("two thirds for a scope change: 2 yes to 1 no passes; 2 to 2 is a tie and escalates", async () => {
    const pass = seedItem();
    await comment(pass, "m1", "/propose significant --scope Take over the auth transport");
    await comment(pass, "m2", BLOCK);
    await later(10.01);
    await sweep();
    await comment(pass, "m1", "/vote yes a");
    await comment(pass, "m2", "/vote no b");
    await comment(pass, "m3", "/vote yes c");
    await later(7.01);
    await sweep();
    expect(markerOf(pass, "consensus:result")).toEqual({ outcome: "accepted" });
    expect(own(pass, "convener:consensus:result")[0]!.body).toMatch(/2 yes, 1 no, 0 abstaining: at least two thirds/);

    const tie = seedItem();
    await comment(tie, "m1", "/propose significant --scope Take over the auth transport");
    await comment(tie, "lead1", "/formal-vote");
    await comment(tie, "lead1", "/vote yes a");
    await comment(tie, "m1", "/vote yes b");
    await comment(tie, "m2", "/vote no c");
    await comment(tie, "m3", "/vote no d");
    await later(7.01);
    await sweep();
    expect(markerOf(tie, "consensus:result")).toEqual({ outcome: "escalated" });
    expect(own(tie, "convener:consensus:result")[0]!.body).toMatch(/\*\*Globex\*\*: 1 no/);
  }, 90_000);
});
