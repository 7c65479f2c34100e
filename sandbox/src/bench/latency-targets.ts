import type { BurstFigure } from "./latency-burst.js";
import type { SceneFigure } from "./latency-measure.js";
import type { SceneKey } from "./latency-scenes.js";

/** One row of the latency targets table: the measure, the figure, the target, met or not. */
export interface TargetRow {
  measure: string;
  figure: string;
  target: string;
  ok: boolean;
}

export interface CpuFigure {
  /** The server process's CPU per ordinary event, p50 (ms; all its threads, from /proc schedstat). */
  serverP50: number;
  /** The same for a Probot app that does nothing. */
  floorP50: number | null;
  /** Convener's handler alone (the app's timing file, `process.cpuUsage`), p50 (ms). */
  handlerP50: number | null;
  event: string;
  samples: number;
}

const WEBHOOK_EVENTS: SceneKey[] = [
  "requestOpened", "requestFlip", "requestUnchanged", "voteOpened", "ballot1", "ballot2", "ballot3",
  "tallyOnEvent", "sepOpened", "sepSync", "plainPr", "plainIssueEdited", "plainComment", "agendaPush",
];

export type Acts = Record<SceneKey, { requests: number; writes: number; deliveries: number }>;

export function wholeVote(acts: Acts, tally: "tallyOnEvent" | "tallyOnSweep"): number {
  return acts.voteOpened.requests + acts.ballot1.requests + acts.ballot2.requests + acts.ballot3.requests + acts[tally].requests;
}

/** An act's requests, with the main delivery's share when other deliveries (form labels, a push) cost some too. */
function countOf(acts: Acts, key: Record<SceneKey, SceneFigure>, k: SceneKey): string {
  const total = acts[k].requests;
  return total === key[k].requests ? String(total) : `${total} (${key[k].event} ${key[k].requests}, the act's ${acts[k].deliveries - 1} other deliveries ${total - key[k].requests})`;
}

/**
 * The latency targets, each with the figure measured. Request counts are end to end: everything the
 * act caused (an issue form's labels arrive as their own `issues.labeled` deliveries); round trips
 * are per delivery.
 */
export function checkTargets(key: Record<SceneKey, SceneFigure>, acts: Acts, burst: BurstFigure, cpu: CpuFigure): TargetRow[] {
  const worst = WEBHOOK_EVENTS.map((k) => key[k]).reduce((a, b) => (b.roundTrips > a.roundTrips ? b : a));
  const ballotKey = (["ballot1", "ballot2", "ballot3"] as const).reduce((a, b) => (acts[b].requests > acts[a].requests ? b : a));
  const concernKey = acts.plainComment.requests > acts.plainIssueEdited.requests ? "plainComment" : "plainIssueEdited";
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const count = (k: SceneKey) => countOf(acts, key, k);
  const n = (k: SceneKey) => acts[k].requests;
  return [
    { measure: "sequential round trips, worst event", figure: `${worst.roundTrips.toFixed(1)} (${worst.scene})`, target: "≤ 3", ok: worst.roundTrips <= 3 },
    { measure: "p99 answer time under a burst of 50 events", figure: `${s(burst.answer.p99)} (work p99 ${s(burst.work.p99)})`, target: "< 2 s", ok: burst.answer.p99 < 2000 },
    { measure: "requests: group request opened", figure: count("requestOpened"), target: "≤ 3", ok: n("requestOpened") <= 3 },
    { measure: "requests: request edit that flips the outcome", figure: count("requestFlip"), target: "≤ 3", ok: n("requestFlip") <= 3 },
    { measure: "requests: whole vote (open + 3 ballots + tally on an event)", figure: String(wholeVote(acts, "tallyOnEvent")), target: "≤ 8", ok: wholeVote(acts, "tallyOnEvent") <= 8 },
    { measure: "requests: whole vote (open + 3 ballots + tally on the sweep)", figure: String(wholeVote(acts, "tallyOnSweep")), target: "≤ 8", ok: wholeVote(acts, "tallyOnSweep") <= 8 },
    { measure: "requests: one ballot (the most of three)", figure: count(ballotKey), target: "≤ 1", ok: n(ballotKey) <= 1 },
    { measure: "requests: SEP pull request opened", figure: count("sepOpened"), target: "≤ 4", ok: n("sepOpened") <= 4 },
    { measure: "requests: SEP pull request synchronize", figure: count("sepSync"), target: "≤ 4", ok: n("sepSync") <= 4 },
    { measure: "requests: pull request without SEP or agenda files", figure: count("plainPr"), target: "0–1", ok: n("plainPr") <= 1 },
    { measure: "requests: event not Convener's concern (most of issue edit, comment)", figure: count(concernKey), target: "0", ok: n(concernKey) === 0 },
    {
      measure: "Convener's CPU per ordinary event (p50, server process)",
      figure: `${cpu.serverP50.toFixed(2)} ms (handler ${cpu.handlerP50?.toFixed(2) ?? "?"} ms; Probot floor ${cpu.floorP50?.toFixed(2) ?? "?"} ms)`,
      target: "≤ 3 ms", ok: cpu.serverP50 <= 3,
    },
  ];
}
