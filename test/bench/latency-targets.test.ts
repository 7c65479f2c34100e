import { describe, expect, test } from "@jest/globals";
import type { BurstFigure } from "../../sandbox/src/bench/latency-burst.js";
import { differenceOf, figureOf, type SceneFigure } from "../../sandbox/src/bench/latency-measure.js";
import type { SceneKey } from "../../sandbox/src/bench/latency-scenes.js";
import { checkTargets, wholeVote, type Acts, type CpuFigure } from "../../sandbox/src/bench/latency-targets.js";
import type { RequestRecord } from "../../sandbox/src/stand-in.js";

const KEYS: SceneKey[] = [
  "requestOpened", "requestFlip", "requestUnchanged", "voteOpened", "ballot1", "ballot2", "ballot3",
  "tallyOnEvent", "tallyOnSweep", "sepOpened", "sepSync", "plainPr", "plainIssueEdited", "plainComment", "agendaPush",
];

const record = (at: number, endAt: number, write = false): RequestRecord => ({ method: write ? "POST" : "GET", path: "/x", status: 200, ms: endAt - at, at, endAt, write });

function world(requests: Partial<Record<SceneKey, number>>, roundTrips = 2) {
  const key = {} as Record<SceneKey, SceneFigure>;
  const acts = {} as Acts;
  for (const k of KEYS) {
    const n = requests[k] ?? 0;
    key[k] = { scene: k, event: "issues.edited", answerMs: 0, workMs: roundTrips * 100, roundTrips, requests: n, writes: 0, log: [], timeline: [] };
    acts[k] = { requests: n, writes: 0, deliveries: 1 };
  }
  return { key, acts };
}

/** The burst target is on the answer time; the work after an early answer drains the write queue later. */
const burst = (p99: number): BurstFigure => ({
  events: 50, mix: {}, answer: { p50: 1, p95: 1, p99, max: p99 }, work: { p50: 1, p95: 1, p99: 9_000, max: 9_000 }, non2xx: 0, answered202: 0,
  standInMs: { p50: 1, max: 1 }, requests: 0, writes: 0, overlappingWrites: 0, minWriteGapMs: null, seconds: 1,
});
const cpu = (serverP50: number): CpuFigure => ({ serverP50, floorP50: 1, handlerP50: 1, event: "issues.edited", samples: 10 });

describe("the latency section's figures and targets", () => {
  test("work runs until the delivery's last request ended, even after the answer; round trips are work ÷ delay", () => {
    const f = figureOf("s", "issues.edited", 100, 250, 1_000, [record(1_010, 1_110), record(1_120, 1_220, true), record(1_300, 1_400)], 1_400);
    expect([f.workMs, f.roundTrips, f.requests, f.writes]).toEqual([400, 4, 3, 1]);
    expect(figureOf("s", "e", 100, 250, 1_000, [], 0).workMs).toBe(250); // no request: the answer ends the work
  });

  test("a sweep's tally is what it cost beyond the next sweep: requests, writes and which requests", () => {
    const due = { ...figureOf("due", "POST /convener/sweep", 100, 900, 0, [], 0), requests: 5, writes: 2, log: ["GET /a", "POST /graphql Q", "POST /graphql Q", "POST /c (write)", "POST /d (write)"] };
    const idle = { ...figureOf("idle", "POST /convener/sweep", 100, 500, 0, [], 0), requests: 2, writes: 0, log: ["GET /a", "POST /graphql Q"] };
    expect(differenceOf("tally", due, idle)).toMatchObject({ scene: "tally", requests: 3, writes: 2, workMs: 900, log: ["POST /graphql Q", "POST /c (write)", "POST /d (write)"] });
  });

  test("every target is met by figures at the targets, and each is missed one past it", () => {
    const met = world({ requestOpened: 3, requestFlip: 3, voteOpened: 2, ballot1: 1, ballot2: 1, ballot3: 1, tallyOnEvent: 3, tallyOnSweep: 3, sepOpened: 4, sepSync: 4, plainPr: 1 }, 3);
    expect(wholeVote(met.acts, "tallyOnEvent")).toBe(8);
    expect(checkTargets(met.key, met.acts, burst(1999), cpu(3)).filter((t) => !t.ok)).toEqual([]);
    const missed = world({ requestOpened: 4, requestFlip: 4, voteOpened: 2, ballot1: 1, ballot2: 2, ballot3: 1, tallyOnEvent: 3, tallyOnSweep: 4, sepOpened: 5, sepSync: 5, plainPr: 2, plainComment: 1 }, 3.1);
    expect(checkTargets(missed.key, missed.acts, burst(2000), cpu(3.01)).filter((t) => t.ok)).toEqual([]);
  });

  test("request counts are end to end: the deliveries an act caused besides the main one count too", () => {
    const w = world({ requestOpened: 3 });
    w.acts.requestOpened = { requests: 7, writes: 0, deliveries: 3 };
    const row = checkTargets(w.key, w.acts, burst(1), cpu(1)).find((t) => t.measure === "requests: group request opened")!;
    expect(row).toMatchObject({ ok: false, figure: "7 (issues.edited 3, the act's 2 other deliveries 4)" });
  });
});
