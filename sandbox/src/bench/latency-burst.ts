import { existsSync, readFileSync } from "node:fs";
import type { Harness } from "../harness.js";
import { formBody, formLabels } from "../request-bodies.js";
import { PEOPLE, REPO } from "../demo/community.js";
import type { Delivery } from "../webhooks/sender.js";
import { postDelivery, quantileOf } from "./cpu-time.js";
import { eventOf, measureScene, pause } from "./latency-measure.js";

export interface Spread {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface BurstFigure {
  events: number;
  mix: Record<string, number>;
  /** From sending each delivery to the app's HTTP answer (ms). */
  answer: Spread;
  /** From sending each delivery until Convener's handler for it ended: its last request had ended (ms). */
  work: Spread;
  non2xx: number;
  /** Answered 202 "still processing": Probot's middleware answers so at 9 s and keeps working. */
  answered202: number;
  /** The stand-in's own time per request beyond the added round trip, p50 and max (ms): it shares the CPUs. */
  standInMs: { p50: number; max: number };
  /** Every request from the burst's start until the app was quiet (its own events included). */
  requests: number;
  writes: number;
  /** Writes that started before the previous write ended (GitHub: never concurrent per installation). */
  overlappingWrites: number;
  /** The shortest time from one write's start to the next's (GitHub: at least 1 s). */
  minWriteGapMs: number | null;
  /** From the first delivery sent until the app was idle again. */
  seconds: number;
}

const spreadOf = (values: number[]): Spread => ({ p50: quantileOf(values, 0.5), p95: quantileOf(values, 0.95), p99: quantileOf(values, 0.99), max: Math.max(...values) });

const request = (tag: string) =>
  formBody("working-group", { "group-name": `Burst ${tag}`, tag, facilitators: `@${PEOPLE.facilitator}`, maintainers: "", "use-cases": "A burst.", "first-item": "#1" });

/** Reads the app's per-delivery timing lines (`CONVENER_BENCH_TIMING_FILE`). */
export function readTimings(file: string): Map<string, { start: number; end: number; cpuUs: number }> {
  const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
  return new Map(lines.map((l) => JSON.parse(l)).map((t) => [t.id, t]));
}

async function waitForTimings(file: string, ids: string[], timeoutMs: number): Promise<ReturnType<typeof readTimings>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const timings = readTimings(file);
    if (ids.every((id) => timings.has(id)) || Date.now() > deadline) return timings;
    await pause(100);
  }
}

/**
 * 50 user events at once, as when a community wakes up: comments and edits on ordinary issues,
 * edits of group requests, ballots on two open votes. The changes are made first with delivery off
 * (GitHub's queue filling up); then all 50 signed deliveries go out together. Each one's work ends
 * when Convener's handler for it returns (the timing file), which may be after its answer when
 * Probot answered 202 at 9 s.
 */
export async function runBurst(h: Harness, timingFile: string, clockOffsetMs: number, count = 50): Promise<BurstFigure> {
  const s = h.standIn;
  const as = (login: string) => s.control.as(login, REPO);
  const ordinary: number[] = [];
  for (let i = 0; i < 4; i++) (await measureScene(h, "setup", () => ordinary.push(as(PEOPLE.others[i % 2]!).openIssue(`Question ${i}`, "How do I …?").number)));
  const votes: number[] = [];
  const edited: number[] = [];
  for (const tag of ["burst-a-wg", "burst-b-wg"]) {
    let n = 0;
    await measureScene(h, "setup", () => (n = as(PEOPLE.requester).openIssue(`[WG request] ${tag}`, request(tag), formLabels("working-group")).number));
    await measureScene(h, "setup", () => as(PEOPLE.moderators[0]!).comment(n, "/vote"));
    votes.push(n);
  }
  for (const tag of ["burst-c-wg", "burst-d-wg"]) await measureScene(h, "setup", () => edited.push(as(PEOPLE.requester).openIssue(`[WG request] ${tag}`, request(tag), formLabels("working-group")).number));

  // The mix, interleaved: 16 comments and 10 edits on ordinary issues, 12 request edits, 12 ballots.
  const voters = [...PEOPLE.moderators, ...PEOPLE.others, PEOPLE.maintainer, PEOPLE.facilitator];
  const kinds = ["comment", "ballot", "request edit", "comment", "issue edit"];
  const planned: string[] = [];
  const counts: Record<string, number> = { comment: 16, "issue edit": 10, "request edit": 12, ballot: 12 };
  const left = { ...counts };
  for (let i = 0; planned.length < count; i++) {
    const kind = kinds[i % kinds.length]!;
    if ((left[kind] ?? 0) > 0 || Object.values(left).every((v) => v === 0)) {
      planned.push(kind);
      left[kind] = (left[kind] ?? 1) - 1;
    }
  }
  const url = s.webhooks.url;
  s.webhooks.url = undefined; // recorded, not sent: the bench sends them all at once
  const from = s.webhooks.deliveries.length;
  const mix: Record<string, number> = {};
  planned.forEach((kind, i) => {
    mix[kind] = (mix[kind] ?? 0) + 1;
    const issue = ordinary[i % ordinary.length]!;
    if (kind === "comment") as(PEOPLE.others[i % 2]!).comment(issue, `Thanks (${i}).`);
    else if (kind === "issue edit") as(PEOPLE.others[i % 2]!).editIssue(issue, { body: `How do I …? (edit ${i})` });
    else if (kind === "request edit") {
      // A different body each time: an edit that changes nothing sends no event.
      const n = edited[i % 2]!;
      as(PEOPLE.requester).editIssue(n, { body: request(n === edited[0] ? "burst-c-wg" : "burst-d-wg") + "\n".repeat(1 + i) });
    }
    else as(voters[i % voters.length]!).comment(votes[i % 2]!, i % 3 === 0 ? "/vote no" : "/vote yes");
  });
  const burst: Delivery[] = s.webhooks.deliveries.slice(from);
  s.webhooks.url = url; // the app's own writes are delivered as usual

  const requestsFrom = s.requests.length;
  const startedAt = Date.now();
  const sent = new Map<string, number>();
  const answers = await Promise.all(burst.map(async (d) => {
    sent.set(d.id, Date.now());
    return postDelivery(url!, h.secret, d.event, d.body, d.id);
  }));
  // Deliveries answered 202 at 9 s are still being worked on, and the app may wait between writes
  // (1 s apart) with no request in flight: done is when every handler has written its timing line.
  const timings = await waitForTimings(timingFile, burst.map((d) => d.id), 300_000);
  await s.settle(300, 180_000);
  const seconds = (Date.now() - startedAt) / 1000;
  const work = burst.map((d, i) => {
    const t = timings.get(d.id);
    return t ? Math.max(answers[i]!.ms, t.end - clockOffsetMs - sent.get(d.id)!) : answers[i]!.ms;
  });
  const untimed = burst.map((d, i) => ({ d, a: answers[i]! })).filter(({ d }) => !timings.has(d.id));
  if (untimed.length > 0) throw new Error(`the app's timing file misses ${untimed.length} burst deliveries: ${untimed.slice(0, 5).map(({ d, a }) => `${eventOf(d)} ${a.status}`).join(", ")}`);
  const records = s.requestsSince(requestsFrom);
  const writes = records.filter((r) => r.write).sort((a, b) => a.at - b.at);
  const own = records.map((r) => r.ms - s.latencyMs);
  let overlapping = 0;
  let minGap: number | null = null;
  for (let i = 1; i < writes.length; i++) {
    if (writes[i]!.at < writes[i - 1]!.endAt) overlapping++;
    const gap = writes[i]!.at - writes[i - 1]!.at;
    minGap = minGap === null ? gap : Math.min(minGap, gap);
  }
  const seen = burst.map(eventOf);
  if (seen.length !== count) throw new Error(`the burst made ${seen.length} deliveries, not ${count}`);
  return {
    events: count, mix, answer: spreadOf(answers.map((a) => a.ms)), work: spreadOf(work), non2xx: answers.filter((a) => a.status >= 300).length, answered202: answers.filter((a) => a.status === 202).length,
    standInMs: { p50: quantileOf(own, 0.5), max: Math.max(0, ...own) },
    requests: records.length, writes: writes.length, overlappingWrites: overlapping, minWriteGapMs: minGap, seconds,
  };
}
