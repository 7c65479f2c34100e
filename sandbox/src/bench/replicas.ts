import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PEOPLE, REPO, seedCommunity } from "../demo/community.js";
import { formBody, formLabels } from "../request-bodies.js";
import { startReplicaWorld } from "../replicas.js";
import type { Delivery } from "../webhooks/sender.js";
import { quantileOf } from "./cpu-time.js";
import { readTimings } from "./latency-burst.js";
import { LATENCY_MS } from "./latency-section.js";

/** Ordinary issues edited, and group requests edited without change: events that read, mostly without writing. */
const ISSUES = Number(process.env.BENCH_REPLICA_ISSUES ?? 30);
const ROUNDS = Number(process.env.BENCH_REPLICA_ROUNDS ?? 3);

export interface ReplicaFigure {
  replicas: number;
  events: number;
  /** Events handled per second, first delivery sent → last one's work ended. */
  perSecond: number;
  answerP99Ms: number;
  workP99Ms: number;
  answerP50Ms: number;
  workP50Ms: number;
  non2xx: number;
  writes: number;
}

/**
 * `npm run bench -- --only replicas`: the same burst, with every GitHub request delayed by
 * `BENCH_LATENCY_MS`, sent all at once through the round-robin proxy to 1 and then 3 real servers
 * on one Redis. Events on different issues run in parallel on any replica; writes stay one at a
 * time per installation across all of them (GitHub's rule), so replicas add throughput to reads only.
 */
export async function benchReplicas(out: (line?: string) => void): Promise<ReplicaFigure[]> {
  out(`7. Replicas on one Redis: ${ISSUES * ROUNDS} events on ${ISSUES} issues sent at once through a round-robin proxy, every GitHub request delayed by ${LATENCY_MS} ms`);
  out(`   ${"replicas".padEnd(10)}${"events/s".padEnd(10)}${"answer p50".padEnd(12)}${"answer p99".padEnd(12)}${"work p50".padEnd(12)}${"work p99".padEnd(12)}${"writes".padEnd(8)}non-2xx`);
  const figures: ReplicaFigure[] = [];
  for (const replicas of [1, 3]) {
    const figure = await runOnce(replicas);
    figures.push(figure);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    out(`   ${String(replicas).padEnd(10)}${figure.perSecond.toFixed(1).padEnd(10)}${s(figure.answerP50Ms).padEnd(12)}${s(figure.answerP99Ms).padEnd(12)}${s(figure.workP50Ms).padEnd(12)}${s(figure.workP99Ms).padEnd(12)}${String(figure.writes).padEnd(8)}${figure.non2xx}`);
  }
  return figures;
}

async function runOnce(replicas: number): Promise<ReplicaFigure> {
  const dir = mkdtempSync(join(tmpdir(), "convener-bench-replicas-"));
  const timingFile = join(dir, "deliveries.jsonl");
  const w = await startReplicaWorld({ replicas, seed: seedCommunity, env: { CONVENER_BENCH_TIMING_FILE: timingFile } });
  try {
    const as = w.standIn.control.as(PEOPLE.others[0]!, REPO);
    const numbers: number[] = [];
    for (let i = 0; i < ISSUES; i++) {
      numbers.push(i % 3 === 0
        ? as.openIssue(`[IG request] Replica ${i}`, formBody("interest-group", { "group-name": `Replica ${i}`, tag: `replica${i}-ig`, facilitators: `@${PEOPLE.others[1]}`, "similar-groups": "None", differentiation: "x", "first-topic": "y" }), formLabels("interest-group")).number
        : as.openIssue(`Question ${i}`, "How do I …?").number);
    }
    await w.standIn.settle(500, 300_000);
    // Held: the changes happen, their deliveries wait (GitHub's queue filling up), then all go at once.
    w.standIn.webhooks.url = undefined;
    const from = w.standIn.webhooks.deliveries.length;
    for (let round = 0; round < ROUNDS; round++) for (const n of numbers) as.editIssue(n, { title: `${w.standIn.control.issueOf(REPO, n).title.replace(/ \(\d+\)$/, "")} (${round})` });
    const held = w.standIn.webhooks.deliveries.slice(from);
    w.standIn.webhooks.url = w.webhookUrl;
    w.standIn.latencyMs = LATENCY_MS;
    const firstRequest = w.standIn.requests.length;
    const sentAt = Date.now();
    const answers = await Promise.all(held.map((d) => w.standIn.webhooks.post({ ...d } as Delivery)));
    await w.standIn.settle(1_000, 600_000);
    const timings = readTimings(timingFile);
    const work = answers.map((a) => (timings.get(a.id)?.end ?? a.answeredAt ?? Date.now()) - a.sentAt!);
    const answer = answers.map((a) => a.answeredAt! - a.sentAt!);
    const lastEnd = Math.max(...answers.map((a) => timings.get(a.id)?.end ?? a.answeredAt ?? sentAt));
    return {
      replicas,
      events: held.length,
      perSecond: held.length / ((lastEnd - sentAt) / 1000),
      answerP50Ms: quantileOf(answer, 0.5),
      answerP99Ms: quantileOf(answer, 0.99),
      workP50Ms: quantileOf(work, 0.5),
      workP99Ms: quantileOf(work, 0.99),
      non2xx: answers.filter((a) => !a.status || a.status >= 300).length,
      writes: w.standIn.requestsSince(firstRequest).filter((r) => r.write && !r.path.endsWith("/access_tokens")).length,
    };
  } finally {
    await w.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
