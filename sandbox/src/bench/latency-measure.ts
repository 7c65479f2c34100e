import type { Harness } from "../harness.js";
import type { RequestRecord } from "../stand-in.js";
import type { Delivery } from "../webhooks/sender.js";

/** One delivery (or the sweep) measured with every GitHub request delayed by the round trip. */
export interface SceneFigure {
  scene: string;
  event: string;
  /** From sending the signed delivery to the app's HTTP answer. */
  answerMs: number;
  /** From sending it until the app's last request for it ended (or its answer, if later): the app's work. */
  workMs: number;
  /** `workMs` ÷ the round trip: how many round trips the work waited for, one after the other. */
  roundTrips: number;
  requests: number;
  writes: number;
  /** The requests, in order (`GET /repos/…`, `POST /graphql Name`), so a figure can be explained. */
  log: string[];
  /** The same with each request's start and end in ms after the delivery was sent, so a round-trip figure can be explained. */
  timeline: string[];
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeRecord(r: RequestRecord): string {
  return `${r.method} ${r.path}${r.operation ? ` ${r.operation}` : ""}${r.write ? " (write)" : ""}`;
}

/** The requests that started in [from, to), and when the last of them ended. */
function requestsBetween(records: RequestRecord[], from: number, to: number): { list: RequestRecord[]; lastEnd: number } {
  const list = records.filter((r) => r.at >= from && r.at < to);
  return { list, lastEnd: Math.max(0, ...list.map((r) => r.endAt)) };
}

export function figureOf(scene: string, event: string, latencyMs: number, answerMs: number, startedAt: number, list: RequestRecord[], lastEnd: number): SceneFigure {
  const workMs = Math.max(answerMs, lastEnd - startedAt);
  return {
    scene, event, answerMs, workMs, roundTrips: latencyMs > 0 ? workMs / latencyMs : 0,
    requests: list.length, writes: list.filter((r) => r.write).length, log: list.map(describeRecord),
    timeline: list.map((r) => `${describeRecord(r)} ${r.at - startedAt}–${r.endAt - startedAt} ms`),
  };
}

/**
 * Runs one act and returns a figure for each delivery it caused (the app's own events included, as
 * `↳ the app's own event`). The stand-in sends deliveries one after the other, so a request started
 * between one delivery's sending and the next's belongs to the first: work the app did after
 * answering counts too. Waits a little over the app's one-second write spacing afterwards, so the
 * next scene's first write never waits for this one's last.
 */
export async function measureScene(h: Harness, scene: string, act: () => unknown): Promise<SceneFigure[]> {
  const s = h.standIn;
  const from = s.webhooks.deliveries.length;
  await act();
  await s.settle(300, 120_000);
  const settledAt = Date.now();
  const deliveries = s.webhooks.deliveries.slice(from).filter((d) => d.sentAt !== undefined);
  const bot = s.state.app.botLogin;
  const figures = deliveries.map((d, i) => {
    const next = deliveries[i + 1]?.sentAt ?? settledAt;
    const { list, lastEnd } = requestsBetween(s.requests, d.sentAt!, next);
    const own = JSON.parse(d.body).sender?.login === bot;
    return figureOf(own ? "  ↳ the app's own event" : scene, eventOf(d), s.latencyMs, d.ms ?? 0, d.sentAt!, list, lastEnd);
  });
  await pause(1_100);
  return figures;
}

/** The sweep over HTTP (`POST /convener/sweep`), timed and counted like a delivery. */
export async function measureSweep(h: Harness, scene: string, token: string): Promise<SceneFigure> {
  const s = h.standIn;
  const startedAt = Date.now();
  const t = performance.now();
  const res = await fetch(`http://127.0.0.1:${h.app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  const answerMs = performance.now() - t;
  if (!res.ok) throw new Error(`the sweep answered ${res.status}`);
  const answeredAt = Date.now();
  await s.settle(300, 120_000);
  // The sweep answers once its work is done; its writes' webhooks (the app's own events) cost nothing.
  const { list, lastEnd } = requestsBetween(s.requests, startedAt, answeredAt + 1);
  await pause(1_100);
  return figureOf(scene, "POST /convener/sweep", s.latencyMs, answerMs, startedAt, list, lastEnd);
}

/**
 * What `a` cost beyond `b`: requests, writes and the requests themselves (a multiset difference);
 * times are `a`'s. For a sweep with one vote due against the next sweep, with nothing due.
 */
export function differenceOf(scene: string, a: SceneFigure, b: SceneFigure): SceneFigure {
  const rest = [...b.log];
  const kept = a.log.map((line) => {
    const i = rest.indexOf(line);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
  const log = a.log.filter((_, i) => kept[i]);
  const timeline = a.timeline.filter((_, i) => kept[i]);
  return { ...a, scene, requests: a.requests - b.requests, writes: a.writes - b.writes, log, timeline };
}

export function eventOf(d: Pick<Delivery, "event" | "action">): string {
  return `${d.event}${d.action ? `.${d.action}` : ""}`;
}
